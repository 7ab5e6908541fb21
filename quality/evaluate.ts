/**
 * Evaluates a parsed ruleset over a table by running each rule's SQL (./sql.ts) through `run`, which the
 * caller provides (DuckDB over the local lake for `npm run query -- --quality`, any SQL engine in a test):
 * per rule, its text, whether it passed, and the value measured.
 */
import type { Rule } from "./dqdl";
import { ruleSql } from "./sql";

export interface RuleOutcome {
  rule: string;
  passed: boolean;
  /** The metric Glue reports for the rule (a row count, a share of rows); null over no rows. */
  value: number | null;
}

export type RunSql = (sql: string) => Promise<Record<string, unknown>[]>;

export async function evaluateRuleset(rules: Rule[], table: string, run: RunSql): Promise<RuleOutcome[]> {
  const outcomes: RuleOutcome[] = [];
  for (const rule of rules) {
    const rows = await run(ruleSql(rule, table)).catch((error: Error) => {
      throw new Error(`${rule.text}: the check failed to run: ${error.message.split("\n")[0]}`);
    });
    const [row] = rows;
    if (rows.length !== 1 || typeof row.passed !== "boolean")
      throw new Error(`${rule.text}: the check answered ${JSON.stringify(rows)}, not one row with "passed"`);
    outcomes.push({
      rule: rule.text,
      passed: row.passed,
      value: row.value === null ? null : Number(row.value),
    });
  }
  return outcomes;
}
