/**
 * `npm start -- [options]`: runs a whole stack on this machine (local/runner/local-stack.ts), shows its
 * progress, ends by itself with a summary. The run writes into a folder of its own under the work
 * directory and becomes the stack's current lake only if it ends well (local/commands/cli/work-dir.ts); one run
 * per work directory. Exit 0 when every scheduled invocation ended well (retries included) and every
 * record reached the lake; 1 otherwise; 2 for a bad option or configuration; 130 on Ctrl-C.
 */
import path from "path";
import { CommandSpec, EXIT, parseCommand, runCommand, UsageError } from "./cli/command";
import { readRunConfig } from "../runner/run-config";
import {
  CONFIG,
  configPairs,
  httpUrl,
  number,
  oneOf,
  STACK,
  wholeNumber,
  WORK_DIR,
  workDirectory,
} from "./cli/options";
import { currentRun, keepFailed, lockWorkDir, newRunFolder, promote } from "./cli/work-dir";
import { PROJECT } from "../../config/stack-config";
import { CONTRACTS } from "../../handler/contract";
import { formatSummary } from "../runner/format-summary";
import { Progress } from "../runner/progress";
import type { LocalRunOptions } from "../runner/local-stack";
import fs from "fs";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const SPEC = {
  name: "npm start",
  summary: "runs a stack on this machine (stand-ins for AWS and the Punk API) and ends with a summary",
  options: {
    stack: { ...STACK, default: "test" },
    invocations: {
      type: "string",
      value: "N",
      default: "5",
      help: "scheduled invocations before it winds down",
    },
    speed: {
      type: "string",
      value: "X",
      default: "300",
      help: "time speed-up for the schedule, Firehose buffering and Lambda retries (300: 5 minutes take 1 s)",
    },
    "source-url": { type: "string", value: "URL", help: "a Punk API to use instead of the local stand-in" },
    "source-contract": {
      type: "string",
      value: CONTRACTS.join("|"),
      help: "the source's contract (default: the stack's)",
    },
    "keep-running": { type: "boolean", default: false, help: "keep invoking until Ctrl-C" },
    "work-dir": WORK_DIR,
    config: CONFIG,
  },
} satisfies CommandSpec;

runCommand(SPEC, async () => {
  const { values } = parseCommand(SPEC);
  const options = {
    stack: values.stack,
    invocations: wholeNumber("invocations", values.invocations, 1, 10000),
    speed: number("speed", values.speed, 1, 100000),
    sourceUrl: values["source-url"] === undefined ? undefined : httpUrl("source-url", values["source-url"]),
    sourceContract:
      values["source-contract"] === undefined
        ? undefined
        : oneOf("source-contract", values["source-contract"], CONTRACTS),
    keepRunning: values["keep-running"],
    config: configPairs(values.config, PROJECT),
  };
  // The configuration before the work directory: a bad stack or key changes nothing on disk.
  readRunConfig(process.cwd(), options.stack, options.config);
  if (!values["work-dir"]) throw new UsageError("--work-dir must not be empty");
  const workDir = workDirectory(values["work-dir"]);
  const release = lockWorkDir(workDir, `npm start --stack ${options.stack}`);
  process.on("exit", release);
  // The local services loaded only now, so that a mistake above is answered at once; by require, not
  // import(), because the commands run under tsx's CommonJS hook (`node -r tsx/cjs`: a third of the start-up
  // of its ESM loader), which a dynamic import() does not go through.
  // eslint-disable-next-line typescript/no-require-imports
  const { LocalStackRun } = require("../runner/local-stack") as typeof import("../runner/local-stack");
  const folder = newRunFolder(workDir, options.stack);
  const progress = new Progress();
  const runOptions: LocalRunOptions = {
    projectDir: process.cwd(),
    ...options,
    workDir: folder,
    onEvent: (e) => progress.event(e),
  };
  const run = new LocalStackRun(runOptions);
  progress.attach(run);
  console.log(
    `punkapi-consumer: evaluating the program for stack "${options.stack}" and realising it on this machine…`,
  );
  try {
    await run.deploy();
  } catch (error) {
    await run.stop(true).catch(() => undefined);
    keepFailed(workDir, options.stack, folder);
    throw error;
  }
  console.log(
    options.keepRunning
      ? "running until Ctrl-C"
      : `running ${options.invocations} scheduled invocations at ×${options.speed} (Ctrl-C stops cleanly)`,
  );
  progress.start();
  let interrupts = 0;
  process.on("SIGINT", () => {
    if (++interrupts > 1) process.exit(EXIT.interrupted);
    console.log("\n  stopping: finishing the delivery, closing services (Ctrl-C again to quit at once)…");
    void run.stop(true);
  });
  const summary = await run.run();
  progress.stop();
  const current = currentRun(workDir, options.stack);
  const hadCurrent = fs.existsSync(current);
  const ended = summary.ok
    ? promote(workDir, options.stack, folder)
    : keepFailed(workDir, options.stack, folder);
  const defaultWorkDir = path.resolve(WORK_DIR.default as string) === workDir;
  const queryOptions = [
    ...(defaultWorkDir ? [] : [`--work-dir ${path.relative(process.cwd(), workDir) || "."}`]),
  ].join(" ");
  console.log(
    `\n${formatSummary(summary, {
      folder: ended,
      outcome: summary.ok ? "current" : "last-failed",
      keptCurrent: !summary.ok && hadCurrent ? current : undefined,
      queryOptions,
    })}`,
  );
  release();
  return summary.ok ? EXIT.ok : interrupts ? EXIT.interrupted : EXIT.failed;
});
