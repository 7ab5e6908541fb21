/**
 * `npm run query [-- "<SQL>"] [--json] [--work-dir DIR]`: SQL over the lake the last `npm start` left on
 * disk, through DuckDB views named like the Glue tables (`beers_raw`, `beers_curated`). With no SQL it
 * prints a few useful answers.
 */
import { parseArgs } from "util";
import path from "path";
import { NoLakeError, openLake } from "./lake/views";
import { modelOf } from "./lake/layout";
import { defaultQueries, formatTable, Row } from "./lake/queries";

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { json: { type: "boolean", default: false }, "work-dir": { type: "string", default: ".local" } },
  });
  const { connection, lake } = await openLake(path.resolve(values["work-dir"]));
  const run = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJson() as Row[];
  if (positionals.length) {
    const rows = await run(positionals.join(" "));
    console.log(values.json ? JSON.stringify(rows) : formatTable(rows));
    return;
  }
  const answers = [];
  const keys = modelOf(lake).raw.layout.keys.map((k) => k.name);
  for (const q of defaultQueries(keys)) answers.push({ title: q.title, rows: await run(q.sql) });
  if (values.json) console.log(JSON.stringify(answers));
  else for (const a of answers) console.log(`${a.title}\n${formatTable(a.rows)}\n`);
}

main().catch((error: Error) => {
  console.error(`query: ${error.message}`);
  process.exit(error instanceof NoLakeError ? 2 : 1);
});
