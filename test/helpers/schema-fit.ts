/**
 * Whether a value fits a Glue column's Hive type: the tests hold every real beer to the tables' schemas
 * with it (a value that does not fit would be null, or lost, in Athena).
 */
import { Column, Parsed, parseType } from "../../schema/beer-schema";

/** Why `value` does not fit the Hive type (every value may be null), or undefined when it does. */
export function misfit(value: unknown, type: string | Parsed, path = "$"): string | undefined {
  const t = typeof type === "string" ? parseType(type) : type;
  if (value === null || value === undefined) return undefined;
  if (t.kind === "array") {
    if (!Array.isArray(value)) return `${path}: expected array`;
    for (let i = 0; i < value.length; i++) {
      const problem = misfit(value[i], t.of, `${path}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  }
  if (t.kind === "struct") {
    if (typeof value !== "object" || Array.isArray(value)) return `${path}: expected struct`;
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!t.fields.some((f) => f.name === key))
        return `${path}.${key}: not in the struct (the value would be lost)`;
    }
    for (const f of t.fields) {
      const problem = misfit(record[f.name], f.type, `${path}.${f.name}`);
      if (problem) return problem;
    }
    return undefined;
  }
  switch (t.name) {
    case "int":
      return Number.isInteger(value) && Math.abs(value as number) < 2 ** 31
        ? undefined
        : `${path}: ${JSON.stringify(value)} is not an int`;
    case "bigint":
      return Number.isInteger(value) ? undefined : `${path}: ${JSON.stringify(value)} is not a bigint`;
    case "double":
      return typeof value === "number" && Number.isFinite(value)
        ? undefined
        : `${path}: ${JSON.stringify(value)} is not a double`;
    case "string":
      return typeof value === "string" ? undefined : `${path}: ${JSON.stringify(value)} is not a string`;
    case "boolean":
      return typeof value === "boolean" ? undefined : `${path}: ${JSON.stringify(value)} is not a boolean`;
    default:
      return `${path}: unknown type ${t.name}`;
  }
}

/** Every field of the record in a column, each fitting its type; fields with no column are reported too. */
export function rowMisfits(record: Record<string, unknown>, columns: Column[]): string[] {
  const problems = columns
    .map((c) => misfit(record[c.name], c.type, `$.${c.name}`))
    .filter((p): p is string => !!p);
  return problems;
}
