/**
 * The ruleset checked over a data zone's table, as `npm run query -- --quality` runs it: the repository's
 * rules (./ruleset.ts), columns held to the zone's table and partitions, each evaluated through `run`
 * (./evaluate.ts); and the outcomes as the text table the command prints.
 */
import { type DataZone, partitionColumns } from "../model/lake";
import { evaluateRuleset, type RuleOutcome, type RunSql } from "./evaluate";
import { readRuleset } from "./ruleset";

export async function checkQuality(zone: DataZone, run: RunSql, file?: string): Promise<RuleOutcome[]> {
  const columns = [...zone.table.columns, ...partitionColumns(zone)].map((c) => c.name);
  return evaluateRuleset(readRuleset(columns, file).rules, zone.table.name, run);
}

/** Shares up to four decimals, counts whole; no value over no rows. */
const shown = (value: number | null) => (value === null ? "none" : String(Math.round(value * 1e4) / 1e4));

/** One line per rule: its result, the value measured, the rule in full (last, so that it is never cut). */
export function qualityTable(outcomes: RuleOutcome[]): string {
  const rows = [
    ["result", "value", "rule"],
    ...outcomes.map((o) => [o.passed ? "pass" : "FAIL", shown(o.value), o.rule]),
  ];
  const widths = [0, 1].map((i) => Math.max(...rows.map((r) => r[i].length)));
  const failed = outcomes.filter((o) => !o.passed).length;
  return [
    ...rows.map((r) => `${r[0].padEnd(widths[0])}  ${r[1].padStart(widths[1])}  ${r[2]}`),
    failed ? `${failed} of ${outcomes.length} rules failed` : `all ${outcomes.length} rules passed`,
  ].join("\n");
}
