#!/usr/bin/env node
// `npm run test:stress [-- --runs N --hogs H] [FILE...]`: runs the mocha suite (.mocharc.cjs, or the files
// named) N times, each beside H busy-looping Node processes, as a loaded 2-core machine runs it: a test that
// depends on how fast the machine is fails here first. Each run's result comes from mocha's JSON reporter
// (not from its prose); the end lists the failures per test. Exit codes as the other commands
// (local/cli/command.ts): 0 every run passed, 1 a run failed, 2 a bad option, 130 stopped with Ctrl-C.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const NAME = "npm run test:stress";
const HELP = `usage: ${NAME} -- [options] [FILE...]
  Runs the mocha suite (or the test files named) several times beside CPU-bound processes, and says which
  tests failed in which runs.

  --runs N      how many times to run the suite (default 10)
  --hogs H      busy-looping Node processes beside each run (default 2)
  -h, --help    this help`;

function usage(message) {
  console.error(`${NAME}: ${message}\n\n${HELP}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    strict: true,
    options: {
      runs: { type: "string", default: "10" },
      hogs: { type: "string", default: "2" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
} catch (error) {
  usage(error.message.replace(/\. To specify a positional.*$/s, ""));
}
if (parsed.values.help) {
  console.log(HELP);
  process.exit(0);
}
/** A whole number of at least `min`, or a usage error naming the option. */
function count(option, min) {
  const text = parsed.values[option];
  if (!/^\d+$/.test(text) || Number(text) < min)
    usage(`--${option} must be a whole number ≥ ${min}, got "${text}"`);
  return Number(text);
}
const runs = count("runs", 1);
const hogs = count("hogs", 0);

const root = fileURLToPath(new URL("..", import.meta.url));
const mocha = path.join(root, "node_modules/mocha/bin/mocha.js");
const reports = fs.mkdtempSync(path.join(os.tmpdir(), "punkapi-stress-"));

// A hog spins until killed; it also ends by itself if this script dies without killing it (its parent
// changes), so none is ever left running.
const HOG =
  "const p = process.ppid; for (;;) { for (let i = 0; i < 5e7; i++); if (process.ppid !== p) process.exit(); }";
const children = new Set();
function start(args, options) {
  const child = spawn(process.execPath, args, options);
  children.add(child);
  child.on("exit", () => children.delete(child));
  return child;
}
function killAll() {
  for (const child of children) child.kill("SIGKILL");
}
process.on("exit", killAll);
for (const signal of ["SIGINT", "SIGTERM"])
  process.on(signal, () => {
    console.error(`\n${NAME}: stopped; reports in ${reports}`);
    process.exit(130); // the "exit" handler kills the hogs and the run
  });

/** One mocha run: its JSON report (or why there is none) and how long it took. */
async function runOnce(n) {
  const report = path.join(reports, `run-${n}.json`);
  const log = fs.openSync(path.join(reports, `run-${n}.log`), "w");
  const started = Date.now();
  const child = start(
    [mocha, "--reporter", "json", "--reporter-option", `output=${report}`, ...parsed.positionals],
    { cwd: root, stdio: ["ignore", log, log] },
  );
  const code = await new Promise((resolve) => child.on("exit", (c, signal) => resolve(c ?? signal)));
  fs.closeSync(log);
  const seconds = Math.round((Date.now() - started) / 1000);
  if (!fs.existsSync(report)) return { code, seconds, stats: undefined, failures: [] };
  const json = JSON.parse(fs.readFileSync(report, "utf8"));
  return { code, seconds, stats: json.stats, failures: json.failures };
}

const hogProcesses = Array.from({ length: hogs }, () => start(["-e", HOG], { stdio: "ignore" }));
console.log(`${runs} runs of the suite beside ${hogProcesses.length} busy processes; reports in ${reports}`);
/** Failed runs per test, by its file and full title. */
const failedTests = new Map();
let failedRuns = 0;
for (let n = 1; n <= runs; n++) {
  const { code, seconds, stats, failures } = await runOnce(n);
  const ok = code === 0 && stats !== undefined && stats.failures === 0;
  if (!ok) failedRuns++;
  const counts = stats ? `${stats.passes} passed, ${stats.failures} failed` : `no report (exit ${code})`;
  console.log(`run ${n}/${runs}: ${ok ? "pass" : "FAIL"} (${counts}, ${seconds} s)`);
  for (const f of failures) {
    const key = `${path.relative(root, f.file ?? "?")}: ${f.fullTitle}`;
    failedTests.set(key, (failedTests.get(key) ?? 0) + 1);
    console.log(`  failed: ${key}: ${String(f.err?.message ?? "").split("\n")[0]}`);
  }
  if (!ok && failures.length === 0) console.log(`  see ${path.join(reports, `run-${n}.log`)}`);
}
killAll();

console.log(`\n${runs - failedRuns} of ${runs} runs passed.`);
if (failedTests.size) {
  console.log("Failures per test (runs failed / runs):");
  for (const [test, n] of [...failedTests].sort((a, b) => b[1] - a[1]))
    console.log(`  ${n}/${runs}  ${test}`);
}
if (failedRuns === 0) fs.rmSync(reports, { recursive: true, force: true });
process.exit(failedRuns === 0 ? 0 : 1);
