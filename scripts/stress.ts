/**
 * `npm run test:stress [-- --runs N --hogs H] [FILE...]`: runs the mocha suite (.mocharc.cjs, or the files
 * named) N times, each beside H busy-looping Node processes, as a loaded 2-core machine runs it: a test that
 * depends on how fast the machine is fails here first. Each run's result comes from mocha's JSON reporter
 * (not from its prose); the end lists the failures per test. Exit codes as every command
 * (local/commands/cli/command.ts): 0 every run passed, 1 a run failed, 2 a bad option, 130 stopped with Ctrl-C.
 */
import { ChildProcess, spawn, SpawnOptions } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { CommandSpec, EXIT, parseCommand, runCommand } from "../local/commands/cli/command";
import { wholeNumber } from "../local/commands/cli/options";

const SPEC = {
  name: "npm run test:stress",
  summary:
    "runs the mocha suite (or the files named) beside CPU-bound processes, and names the tests that failed",
  positionals: "[FILE...]",
  options: {
    runs: { type: "string", value: "N", default: "10", help: "how many times to run the suite" },
    hogs: { type: "string", value: "H", default: "2", help: "busy-looping Node processes beside each run" },
  },
} satisfies CommandSpec;

const ROOT = path.resolve(__dirname, "..");
const MOCHA = path.join(ROOT, "node_modules/mocha/bin/mocha.js");

// A hog spins until killed; it also ends by itself if this command dies without killing it (its parent
// changes), so none is ever left running.
const HOG =
  "const p = process.ppid; for (;;) { for (let i = 0; i < 5e7; i++); if (process.ppid !== p) process.exit(); }";

interface MochaFailure {
  file?: string;
  fullTitle: string;
  err?: { message?: string };
}

runCommand(SPEC, async () => {
  const { values, positionals } = parseCommand(SPEC);
  const runs = wholeNumber("runs", values.runs, 1, 1000);
  const hogs = wholeNumber("hogs", values.hogs, 0, 64);
  const reports = fs.mkdtempSync(path.join(os.tmpdir(), "punkapi-stress-"));

  const children = new Set<ChildProcess>();
  const start = (args: string[], options: SpawnOptions) => {
    const child = spawn(process.execPath, args, options);
    children.add(child);
    child.on("exit", () => children.delete(child));
    return child;
  };
  const killAll = () => {
    for (const child of children) child.kill("SIGKILL");
  };
  process.on("exit", killAll);
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.on(signal, () => {
      console.error(`\n${SPEC.name}: stopped; reports in ${reports}`);
      process.exit(EXIT.interrupted); // the "exit" handler kills the hogs and the run
    });

  /** One mocha run: its JSON report (or why there is none) and how long it took. */
  const runOnce = async (n: number) => {
    const report = path.join(reports, `run-${n}.json`);
    const log = fs.openSync(path.join(reports, `run-${n}.log`), "w");
    const started = Date.now();
    const child = start(
      [MOCHA, "--reporter", "json", "--reporter-option", `output=${report}`, ...positionals],
      {
        cwd: ROOT,
        stdio: ["ignore", log, log],
      },
    );
    const code = await new Promise<number | string>((resolve) =>
      child.on("exit", (c, signal) => resolve(c ?? signal ?? "?")),
    );
    fs.closeSync(log);
    const seconds = Math.round((Date.now() - started) / 1000);
    if (!fs.existsSync(report)) return { code, seconds, stats: undefined, failures: [] as MochaFailure[] };
    const json = JSON.parse(fs.readFileSync(report, "utf8")) as {
      stats: { passes: number; failures: number };
      failures: MochaFailure[];
    };
    return { code, seconds, stats: json.stats, failures: json.failures };
  };

  for (let i = 0; i < hogs; i++) start(["-e", HOG], { stdio: "ignore" });
  console.log(`${runs} runs of the suite beside ${hogs} busy processes; reports in ${reports}`);
  /** Failed runs per test, by its file and full title. */
  const failedTests = new Map<string, number>();
  let failedRuns = 0;
  for (let n = 1; n <= runs; n++) {
    const { code, seconds, stats, failures } = await runOnce(n);
    const ok = code === 0 && stats !== undefined && stats.failures === 0;
    if (!ok) failedRuns++;
    const counts = stats ? `${stats.passes} passed, ${stats.failures} failed` : `no report (exit ${code})`;
    console.log(`run ${n}/${runs}: ${ok ? "pass" : "FAIL"} (${counts}, ${seconds} s)`);
    for (const f of failures) {
      const key = `${path.relative(ROOT, f.file ?? "?")}: ${f.fullTitle}`;
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
  return failedRuns === 0 ? EXIT.ok : EXIT.failed;
});
