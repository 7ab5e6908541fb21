/**
 * `npm run query [-- "<SQL>"] [--json] [--work-dir DIR]`: SQL over the lake the last `npm start` left on
 * disk, through DuckDB views named like the Glue tables (`beers_raw`, `beers_curated`). With no SQL it
 * prints a few useful answers.
 */
import { parseArgs } from "util";
import path from "path";
import { NoLakeError, openLake } from "./lake/views";

type Row = Record<string, unknown>;

export const DEFAULT_QUERIES: { title: string; sql: string }[] = [
  {
    title: "Beers ingested",
    sql: `SELECT count(*) AS records, count(DISTINCT id) AS distinct_beers, min(dt) AS first_day, max(dt) AS last_day FROM beers_raw`,
  },
  {
    title: "Strongest (distinct beers)",
    sql: `SELECT DISTINCT id, name, abv FROM beers_curated WHERE abv IS NOT NULL ORDER BY abv DESC, id LIMIT 5`,
  },
  {
    title: "Most bitter (distinct beers)",
    sql: `SELECT DISTINCT id, name, ibu FROM beers_curated WHERE ibu IS NOT NULL ORDER BY ibu DESC, id LIMIT 5`,
  },
  {
    title: "IBU distribution (distinct beers)",
    sql: `SELECT CASE WHEN ibu IS NULL THEN 'unknown' WHEN ibu < 20 THEN '0-19' WHEN ibu < 40 THEN '20-39'
                 WHEN ibu < 60 THEN '40-59' WHEN ibu < 100 THEN '60-99' ELSE '100+' END AS ibu,
                 count(DISTINCT id) AS beers
          FROM beers_curated GROUP BY 1 ORDER BY min(coalesce(ibu, 1e9))`,
  },
];

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number")
    return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

export function formatTable(rows: Row[]): string {
  if (rows.length === 0) return "(no rows)";
  const columns = Object.keys(rows[0]);
  const widths = columns.map((c) => Math.min(48, Math.max(c.length, ...rows.map((r) => cell(r[c]).length))));
  const line = (values: string[]) =>
    values
      .map((v, i) => (v.length > widths[i] ? `${v.slice(0, widths[i] - 1)}…` : v.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  return [
    line(columns),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map((r) => line(columns.map((c) => cell(r[c])))),
  ].join("\n");
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { json: { type: "boolean", default: false }, "work-dir": { type: "string", default: ".local" } },
  });
  const { connection } = await openLake(path.resolve(values["work-dir"]));
  const run = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJson() as Row[];
  if (positionals.length) {
    const rows = await run(positionals.join(" "));
    console.log(values.json ? JSON.stringify(rows) : formatTable(rows));
    return;
  }
  const answers = [];
  for (const q of DEFAULT_QUERIES) answers.push({ title: q.title, rows: await run(q.sql) });
  if (values.json) console.log(JSON.stringify(answers));
  else for (const a of answers) console.log(`${a.title}\n${formatTable(a.rows)}\n`);
}

main().catch((error: Error) => {
  console.error(`query: ${error.message}`);
  process.exit(error instanceof NoLakeError ? 2 : 1);
});
