/**
 * `npm run query -- [options] ["<SQL>"]`: SQL over the lake a local run left on disk, through DuckDB views
 * named like the Glue tables (`beers_raw`, `beers_curated`). With no SQL it prints a few useful answers.
 * It reads the current (last good) run of a stack: `--stack`, or the stack that last ran well. An object
 * that cannot be read is named on stderr, left out and counted: the answers stand, the exit is 1.
 * `--quality` evaluates the data-quality ruleset (quality/beers.dqdl, the one deployed to Glue) over the
 * curated view instead, each rule translated to SQL: exit 0 when every rule passes, 1 when any fails.
 */
import fs from "fs";
import path from "path";
import { CommandSpec, EXIT, parseCommand, Refusal, runCommand, UsageError } from "./cli/command";
import { JSON_OUTPUT, STACK, WORK_DIR } from "./cli/options";
import { chosenStack, currentRunOf } from "./cli/runs";
import type { Row } from "../stand-ins/lake/queries";
import type { LocalRunSummary } from "../runner/summary";

const SPEC = {
  name: "npm run query",
  summary: "SQL over the lake of a local run, through views named like the Glue tables",
  positionals: '["<SQL>"]',
  options: {
    stack: { ...STACK, help: "the stack whose current lake to read (default: the last one that ran well)" },
    "work-dir": WORK_DIR,
    quality: {
      type: "boolean",
      default: false,
      help: "check beers_curated against the data-quality rules (quality/beers.dqdl) instead of SQL; exit 1 if any fails",
    },
    json: JSON_OUTPUT,
  },
} satisfies CommandSpec;

/** DuckDB's values as JSON: big integers as numbers when they fit, as strings only when they do not. */
function plain(value: unknown): unknown {
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : String(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === "object" && value.constructor === Object)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  if (value && typeof value === "object") return String(value); // dates, decimals, ...
  return value;
}

runCommand(SPEC, async () => {
  const { values, positionals } = parseCommand(SPEC);
  if (values.quality && positionals.length)
    throw new UsageError("--quality checks the ruleset's rules: it takes no SQL");
  const workDir = path.resolve(values["work-dir"]);
  const stack = chosenStack(workDir, values.stack);
  const folder = currentRunOf(workDir, stack);
  // DuckDB (a second to load) only once there is a lake to read; by require: see local/commands/start.ts.
  /* eslint-disable typescript/no-require-imports */
  const { openLake } = require("../stand-ins/lake/views") as typeof import("../stand-ins/lake/views");
  const { modelOf } = require("../stand-ins/lake/layout") as typeof import("../stand-ins/lake/layout");
  const { defaultQueries, formatTable } =
    require("../stand-ins/lake/queries") as typeof import("../stand-ins/lake/queries");
  /* eslint-enable typescript/no-require-imports */
  const { connection, lake, bad } = await openLake(folder);
  const summary = JSON.parse(fs.readFileSync(path.join(folder, "summary.json"), "utf8")) as LocalRunSummary;
  // What is read, first: on stderr with --json, so stdout stays JSON.
  const said = `reading stack "${stack}", the run that ended ${new Date(fs.statSync(path.join(folder, "summary.json")).mtimeMs).toISOString().slice(0, 16).replace("T", " ")} UTC (${summary.beers.written} beers)\n  lake ${path.relative(process.cwd(), path.join(lake.directory, lake.bucket))}/`;
  (values.json ? console.error : console.log)(said);
  for (const b of bad)
    console.error(`warning: ${path.relative(process.cwd(), b.file)} cannot be read, left out: ${b.reason}`);
  const run = async (sql: string) => plain((await connection.runAndReadAll(sql)).getRowObjects()) as Row[];
  let failed = false;
  try {
    if (values.quality) {
      /* eslint-disable typescript/no-require-imports */
      const { checkQuality, qualityTable } =
        require("../../quality/check") as typeof import("../../quality/check");
      /* eslint-enable typescript/no-require-imports */
      const outcomes = await checkQuality(modelOf(lake).curated, run);
      console.log(values.json ? JSON.stringify(outcomes) : qualityTable(outcomes));
      const failing = outcomes.filter((o) => !o.passed);
      if (failing.length) console.error(`failed: ${failing.map((o) => o.rule).join("; ")}`);
      failed = failing.length > 0;
    } else if (positionals.length) {
      const sql = positionals.join(" ");
      const rows = await run(sql).catch((error: Error) => {
        throw new Refusal(`the SQL failed: ${error.message.split("\n")[0]}`);
      });
      console.log(values.json ? JSON.stringify(rows) : formatTable(rows));
    } else {
      const keys = modelOf(lake).raw.layout.keys.map((k) => k.name);
      const answers = [];
      for (const q of defaultQueries(keys)) answers.push({ title: q.title, rows: await run(q.sql) });
      if (values.json) console.log(JSON.stringify(answers));
      else for (const a of answers) console.log(`\n${a.title}\n${formatTable(a.rows)}`);
    }
  } finally {
    connection.closeSync();
  }
  if (bad.length) console.error(`${bad.length} object(s) left out: the answers above are without them`);
  return bad.length || failed ? EXIT.failed : EXIT.ok;
});
