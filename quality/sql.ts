/**
 * Each supported DQDL rule (./dqdl.ts) as one SQL query over a table, answering one row: `value`, the
 * metric Glue Data Quality measures for the rule, and `passed`. The meanings follow the DQDL reference
 * (https://docs.aws.amazon.com/glue/latest/dg/dqdl.html and a page per rule type) and, where it is silent,
 * Deequ (awslabs/deequ), which Glue Data Quality runs on:
 *
 * - RowCount: the rows. Completeness: the share of rows whose column is not NULL; IsComplete: that share is 1.
 * - Uniqueness: the share of values occurring exactly once among the rows where a column is not NULL
 *   (Deequ's FrequencyBasedAnalyzer counts only those); IsUnique: that share is 1.
 * - ColumnValues: the share of rows meeting the condition; the rule passes when every row does. A NULL
 *   fails every condition but `!=` and `not in` (the reference's "Null behavior").
 * - `between a and b` excludes both ends, `not between` includes them (the grammar's NumberBasedCondition).
 * - `matches` is a match of the whole value (the reference's example `matches "[a-zA-Z]*"` would otherwise
 *   accept anything); a pattern anchored with ^ and $ means the same under either reading.
 *
 * A metric over no rows has no value (Deequ reports none for an empty table): the rule fails.
 */
import type { Condition, NumberCondition, Rule, StringCondition } from "./dqdl";

const column = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
const num = (n: number) => String(n);

/** The condition on a number `x`, true, false or NULL (a NULL `x` is NULL). */
function numberTest(x: string, c: NumberCondition): string {
  switch (c.op) {
    case "between":
      return `(${x} > ${num(c.low)} AND ${x} < ${num(c.high)})`;
    case "not between":
      return `(${x} <= ${num(c.low)} OR ${x} >= ${num(c.high)})`;
    case "in":
      return `(${x} IN (${c.values.map(num).join(", ")}))`;
    case "not in":
      return `(${x} NOT IN (${c.values.map(num).join(", ")}))`;
    default:
      return `(${x} ${c.op} ${num(c.value)})`;
  }
}

/** The condition on a string `x`, true, false or NULL. */
function stringTest(x: string, c: StringCondition): string {
  switch (c.op) {
    case "matches":
      return `regexp_full_match(${x}, ${literal(c.pattern)})`;
    case "not matches":
      return `NOT regexp_full_match(${x}, ${literal(c.pattern)})`;
    case "in":
    case "not in":
      return `(${x} ${c.op === "in" ? "IN" : "NOT IN"} (${c.values.map(literal).join(", ")}))`;
    default:
      return `(${x} ${c.op === "=" ? "=" : "<>"} ${literal(c.value)})`;
  }
}

/** The condition on a column's value in one row, NULL handled as DQDL does: true or false, never NULL. */
function rowTest(name: string, c: Condition): string {
  const x = column(name);
  const test = c.kind === "number" ? numberTest(x, c) : stringTest(`${x}::VARCHAR`, c);
  return c.op === "!=" || c.op === "not in" ? `(${x} IS NULL OR ${test})` : `coalesce(${test}, false)`;
}

/** The share of rows meeting `test`, NULL over no rows. */
const share = (test: string) => `count(*) FILTER (WHERE ${test})::DOUBLE / nullif(count(*), 0)`;

/** The SQL for one rule over `table`: one row, `value` (DOUBLE, NULL over no rows) and `passed` (BOOLEAN). */
export function ruleSql(rule: Rule, table: string): string {
  const metric = (value: string, from: string, condition: Condition | undefined) => {
    // A rule without a condition (IsComplete, IsUnique) passes when its share is 1.
    const test = condition ? numberTest("value", condition as NumberCondition) : "(value = 1)";
    return `SELECT value, coalesce(${test}, false) AS passed FROM (SELECT ${value} AS value FROM ${from})`;
  };
  switch (rule.type) {
    case "RowCount":
      return metric("count(*)::DOUBLE", table, rule.condition);
    case "IsComplete":
    case "Completeness":
      return metric(share(`${column(rule.columns[0])} IS NOT NULL`), table, rule.condition);
    case "IsUnique":
    case "Uniqueness": {
      const cols = rule.columns.map(column);
      const counted = `(SELECT count(*) AS n FROM ${table} WHERE ${cols.map((c) => `${c} IS NOT NULL`).join(" OR ")} GROUP BY ${cols.join(", ")})`;
      return metric(`count(*) FILTER (WHERE n = 1)::DOUBLE / nullif(sum(n), 0)`, counted, rule.condition);
    }
    case "ColumnValues":
      return metric(share(rowTest(rule.columns[0], rule.condition!)), table, undefined);
  }
}
