/**
 * `npm start -- [--stack test|prod] [--invocations N] [--speed X] [--source-url URL] [--source-contract v2|v3]
 *               [--keep-running] [--work-dir DIR]`
 * Runs a whole stack on this machine (see local/run/local-stack.ts), shows its progress, ends by itself
 * with a summary. Ctrl-C stops cleanly. Exit code 0 when every scheduled invocation succeeded and every
 * record reached the lake; 1 otherwise; 2 for bad options or configuration.
 */
import path from "path";
import { parseArgs } from "util";
import { isStackConfigError } from "../config/errors";
import { formatSummary } from "./run/format-summary";
import type { LocalRunEvent, LocalStackRun } from "./run/local-stack";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const HELP = `usage: npm start -- [options]
  --stack NAME            stack to run (default test): Pulumi.yaml + Pulumi.NAME.yaml
  --invocations N         scheduled invocations before it winds down (default 5)
  --speed X               time speed-up for the schedule, Firehose buffering and Lambda retries (default 300:
                          rate(5 minutes) fires every second)
  --source-url URL        a Punk API to use instead of the local stand-in
  --source-contract C     v2 or v3 (default: the stack's sourceContract)
  --keep-running          keep invoking until Ctrl-C
  --work-dir DIR          where the lake, logs and summary go (default .local)`;

function fail(message: string): never {
  console.error(`npm start: ${message}\n\n${HELP}`);
  process.exit(2);
}

function options() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        stack: { type: "string", default: "test" },
        invocations: { type: "string", default: "5" },
        speed: { type: "string", default: "300" },
        "source-url": { type: "string" },
        "source-contract": { type: "string" },
        "keep-running": { type: "boolean", default: false },
        "work-dir": { type: "string", default: ".local" },
        help: { type: "boolean", default: false },
      },
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const invocations = Number(values.invocations);
  if (!Number.isInteger(invocations) || invocations < 1 || invocations > 10000)
    fail(`--invocations must be a whole number from 1 to 10000, got "${values.invocations}"`);
  const speed = Number(values.speed);
  if (!Number.isFinite(speed) || speed < 1 || speed > 100000)
    fail(`--speed must be a number from 1 to 100000, got "${values.speed}"`);
  const contract = values["source-contract"];
  if (contract !== undefined && contract !== "v2" && contract !== "v3")
    fail(`--source-contract must be v2 or v3, got "${contract}"`);
  const url = values["source-url"];
  if (url !== undefined) {
    try {
      new URL(url);
    } catch {
      fail(`--source-url must be an absolute URL, got "${url}"`);
    }
  }
  return {
    stack: values.stack,
    invocations,
    speed,
    sourceUrl: url,
    sourceContract: contract as "v2" | "v3" | undefined,
    keepRunning: values["keep-running"],
    workDir: path.resolve(values["work-dir"]),
  };
}

class Progress {
  private timer: NodeJS.Timeout | undefined;
  private readonly tty = Boolean(process.stdout.isTTY);
  private run!: LocalStackRun;

  attach(run: LocalStackRun): void {
    this.run = run;
  }

  line(): string {
    const c = this.run.counts;
    const d = this.run.delivered;
    return `  invocations ${c.succeeded}/${c.scheduled} ok${c.toFailureQueue ? `, ${c.toFailureQueue} failed` : ""} · beers fetched ${c.fetched} written ${c.written} rejected ${c.rejected} · records delivered ${d.recordsDelivered} · objects ${d.objects} · ${(this.run.elapsedMs / 1000).toFixed(1)} s`;
  }

  start(): void {
    if (this.tty) this.timer = setInterval(() => process.stdout.write(`\r\x1b[2K${this.line()}`), 200);
  }

  event(e: LocalRunEvent): void {
    if (this.tty) {
      if (e.kind === "error" || e.kind === "failure-destination")
        process.stdout.write(
          `\r\x1b[2K  ! ${e.kind === "error" ? e.message : `${e.function}: ${e.error} → ${e.queue}`}\n`,
        );
      return;
    }
    // Without a terminal, one line per thing that happened.
    if (e.kind === "attempt") {
      const s = e.summary;
      console.log(
        `  invocation ${e.ok ? "ok" : "FAILED"}${e.attempt ? ` (retry ${e.attempt})` : ""}: ${s ? `fetched ${s.fetched}, written ${s.written}, rejected ${s.rejected}, ${s.durationMs} ms` : e.error}`,
      );
    } else if (e.kind === "object") {
      console.log(`  object written: ${e.object.key} (${e.object.records} records)`);
    } else if (e.kind === "failure-destination") {
      console.log(`  event sent to the failure queue ${e.queue}: ${e.error}`);
    } else if (e.kind === "error") {
      console.log(`  error: ${e.message}`);
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.tty) process.stdout.write(`\r\x1b[2K${this.line()}\n`);
  }
}

async function main(): Promise<void> {
  const o = options();
  // Loaded after the options are checked: a mistyped option is answered at once.
  const { LocalStackRun } = await import("./run/local-stack");
  const progress = new Progress();
  const run = new LocalStackRun({ projectDir: process.cwd(), ...o, onEvent: (e) => progress.event(e) });
  progress.attach(run);
  console.log(
    `punkapi-consumer: evaluating the program for stack "${o.stack}" and realising it on this machine…`,
  );
  try {
    await run.deploy();
  } catch (error) {
    await run.stop(true).catch(() => undefined);
    if (isStackConfigError(error) || /^no stack/.test((error as Error).message))
      fail((error as Error).message);
    throw error;
  }
  console.log(
    o.keepRunning
      ? "running until Ctrl-C"
      : `running ${o.invocations} scheduled invocations at ×${o.speed} (Ctrl-C stops cleanly)`,
  );
  progress.start();
  let interrupts = 0;
  process.on("SIGINT", () => {
    if (++interrupts > 1) process.exit(130);
    console.log("\n  stopping: finishing the delivery, closing services (Ctrl-C again to quit at once)…");
    void run.stop(true);
  });
  const summary = await run.run();
  progress.stop();
  console.log(`\n${formatSummary(summary)}`);
  process.exit(summary.ok ? 0 : interrupts ? 130 : 1);
}

main().catch((error: Error) => {
  console.error(`npm start: ${error.message}`);
  process.exit(1);
});
