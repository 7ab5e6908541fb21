/**
 * `npm run redrive -- --errors|--queue [options]`: puts back what failed. `--errors`: the records under the
 * Firehose error prefix, into the stream (local/operations/redrive-errors.ts); `--queue`: the events in the
 * function's failure queue, invoked again (local/operations/redrive-queue.ts). Both are idempotent: what
 * was redriven is recorded (a ledger object; the message deleted) and not redriven again.
 *
 * Locally, failures are what the stack's last failed run left (a run with a failure is kept as
 * `last-failed`, local/commands/cli/work-dir.ts): its error objects and queued events are landed in a copy
 * of the current run, on the stack realised again, which replaces the current run once the deliveries
 * have written everything; only then are they marked as redriven in the failed run. With `--aws`, the
 * deployed stack's, with the caller's credentials. Exit 0 done, 1 when something could not be redriven
 * (named), 2 bad options.
 */
import fs from "fs";
import path from "path";
import { CommandSpec, EXIT, parseCommand, Refusal, runCommand, UsageError } from "./cli/command";
import { httpUrl, JSON_OUTPUT, STACK, WORK_DIR } from "./cli/options";
import { chosenStack, copyOfRun, runLake } from "./cli/runs";
import { currentRun, lastFailedRun, lockWorkDir, promote } from "./cli/work-dir";
import { readRunConfig } from "../runner/run-config";
import type { RedriveErrorsReport } from "../operations/redrive-errors";
import type { RedriveQueueReport } from "../operations/redrive-queue";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const SPEC = {
  name: "npm run redrive",
  summary:
    "puts back what failed: the Firehose error prefix into the stream, the failure queue's events into the function",
  options: {
    errors: { type: "boolean", default: false, help: "redrive the records under the Firehose error prefix" },
    queue: { type: "boolean", default: false, help: "redrive the events in the function's failure queue" },
    stack: { ...STACK, help: "the stack (default: the last one that ran well locally)" },
    "work-dir": WORK_DIR,
    "source-url": {
      type: "string",
      value: "URL",
      help: "locally: the Punk API the function reads (default: the stand-in)",
    },
    aws: { type: "boolean", default: false, help: "the deployed stack, with your AWS credentials" },
    json: JSON_OUTPUT,
  },
} satisfies CommandSpec;

export interface RedriveReport {
  stack: string;
  from: string;
  into: string;
  errors?: RedriveErrorsReport;
  queue?: RedriveQueueReport;
  /** Locally: what the deliveries wrote into the lake during the redrive. */
  landed?: { raw: number; curated: number; refused: number };
  problems: string[];
}

function describe(r: RedriveReport): string {
  const lines = [`redrive of stack "${r.stack}": failures of ${r.from}, landed in ${r.into}`];
  if (r.errors)
    lines.push(
      `  error prefix   ${r.errors.objects} objects: ${r.errors.redriven} redriven (${r.errors.records} records put back into the stream), ${r.errors.alreadyRedriven} redriven before`,
    );
  if (r.queue)
    lines.push(
      `  failure queue  ${r.queue.messages} events: ${r.queue.redriven} invoked again and removed, ${r.queue.failed.length} left`,
    );
  if (r.landed)
    lines.push(
      `  landed         ${r.landed.raw} records in the raw zone, ${r.landed.curated} rows in the curated zone${r.landed.refused ? `, ${r.landed.refused} refused again` : ""}`,
    );
  for (const p of r.problems) lines.push(`  problem        ${p}`);
  return lines.join("\n");
}

const shown = (dir: string) => path.relative(process.cwd(), dir) || ".";

async function onAws(stackName: string, errors: boolean, queue: boolean): Promise<RedriveReport> {
  const { files, config, lake } = readRunConfig(process.cwd(), stackName);
  /* eslint-disable typescript/no-require-imports */
  const { awsStack } = require("../aws/stack") as typeof import("../aws/stack");
  const stack = await awsStack(files.project, stackName, config.region);
  const report: RedriveReport = {
    stack: stackName,
    from: `the deployed stack`,
    into: `s3://${stack.bucket}`,
    problems: [],
  };
  if (errors) {
    const { S3Client } = require("@aws-sdk/client-s3") as typeof import("@aws-sdk/client-s3");
    const { KinesisClient } = require("@aws-sdk/client-kinesis") as typeof import("@aws-sdk/client-kinesis");
    const { redriveErrors } =
      require("../operations/redrive-errors") as typeof import("../operations/redrive-errors");
    const s3 = new S3Client({ region: config.region });
    const kinesis = new KinesisClient({ region: config.region });
    try {
      report.errors = await redriveErrors({
        s3,
        bucket: stack.bucket,
        lake,
        kinesis,
        stream: stack.names.stream,
      });
      report.problems.push(...report.errors.problems);
    } finally {
      s3.destroy();
      kinesis.destroy();
    }
  }
  if (queue) {
    const { SQSClient } = require("@aws-sdk/client-sqs") as typeof import("@aws-sdk/client-sqs");
    const { LambdaClient } = require("@aws-sdk/client-lambda") as typeof import("@aws-sdk/client-lambda");
    const { sqsQueue, lambdaInvoke } = require("../aws/queue") as typeof import("../aws/queue");
    const { redriveQueue } =
      require("../operations/redrive-queue") as typeof import("../operations/redrive-queue");
    const sqs = new SQSClient({ region: config.region });
    const lambda = new LambdaClient({ region: config.region });
    try {
      // A message stays hidden while its event is invoked again: longer than the function may run.
      const visibility = config.functionTimeoutSeconds + 30;
      report.queue = await redriveQueue(
        await sqsQueue(sqs, stack.names.failureQueue, visibility),
        lambdaInvoke(lambda, stack.names.function),
      );
      report.problems.push(...report.queue.failed.map((f) => `event ${f.id}: ${f.reason}`));
    } finally {
      sqs.destroy();
      lambda.destroy();
    }
  }
  /* eslint-enable typescript/no-require-imports */
  return report;
}

async function locally(
  workDir: string,
  stack: string,
  errors: boolean,
  queue: boolean,
  sourceUrl: string | undefined,
): Promise<RedriveReport> {
  const failed = lastFailedRun(workDir, stack);
  const current = currentRun(workDir, stack);
  const report: RedriveReport = { stack, from: shown(failed), into: shown(current), problems: [] };
  if (!fs.existsSync(failed)) {
    // Nothing failed: nothing to redrive, and that is no error.
    if (errors) report.errors = { objects: 0, alreadyRedriven: 0, redriven: 0, records: 0, problems: [] };
    if (queue) report.queue = { messages: 0, redriven: 0, failed: [] };
    report.from = `no failed run of stack "${stack}"`;
    return report;
  }
  const release = lockWorkDir(workDir, `npm run redrive --stack ${stack}`);
  process.on("exit", release);
  /* eslint-disable typescript/no-require-imports */
  const { LocalStackRun } = require("../runner/local-stack") as typeof import("../runner/local-stack");
  const { startS3rver } = require("../stand-ins/services/s3") as typeof import("../stand-ins/services/s3");
  const { modelOf } = require("../stand-ins/lake/layout") as typeof import("../stand-ins/lake/layout");
  const { redriveErrors, ledgerKey } =
    require("../operations/redrive-errors") as typeof import("../operations/redrive-errors");
  const { redriveQueue } =
    require("../operations/redrive-queue") as typeof import("../operations/redrive-queue");
  const { QueueFile } = require("../operations/queue-file") as typeof import("../operations/queue-file");
  const { putObject } = require("../operations/lake-objects") as typeof import("../operations/lake-objects");
  const { kinesisStream } =
    require("../../resource-types/kinesis/stream") as typeof import("../../resource-types/kinesis/stream");
  /* eslint-enable typescript/no-require-imports */
  const { summary: failedSummary, lake: failedLake } = runLake(failed);
  const queueFile = failedSummary.failureQueue
    ? new QueueFile(path.resolve(failed, failedSummary.failureQueue.file))
    : undefined;
  // The failed run's lake, where its error objects are and where the ledger is written.
  const source = await startS3rver(failedLake.directory, "us-east-1");
  const target = copyOfRun(workDir, stack, fs.existsSync(current) ? current : undefined);
  const ledger: [string, string][] = [];
  try {
    const run = new LocalStackRun({
      projectDir: process.cwd(),
      stack,
      workDir: target,
      invocations: 1,
      speed: 300,
      keepRunning: false,
      sourceUrl,
      onExistingRun: true,
    });
    await run.deploy();
    const { summary } = await run.operate(async (st) => {
      if (errors) {
        const stream = st.inputs.declared.ofType(kinesisStream.token)[0];
        report.errors = await redriveErrors({
          s3: source.client,
          bucket: failedLake.bucket,
          lake: modelOf(failedLake),
          kinesis: st.inputs.services.kinesis.client,
          stream: String(stream.inputs.name),
          markDone: async (key, entry) => void ledger.push([key, entry]),
        });
        st.wrote(report.errors.records);
        report.problems.push(...report.errors.problems);
      }
      if (queue) {
        const fn = st.functions[0];
        report.queue = await redriveQueue(queueFile ?? new QueueFile(""), async (event) => {
          const result = await fn.local.invoke(event);
          return result.ok ? undefined : `${result.error.name}: ${result.error.message}`;
        });
        report.problems.push(...report.queue.failed.map((f) => `event on line ${f.id}: ${f.reason}`));
      }
    });
    report.landed = {
      raw: summary.delivery.recordsDelivered,
      curated: summary.curated?.recordsDelivered ?? 0,
      refused: summary.curated?.recordsFailed ?? 0,
    };
    if (summary.errors.length) {
      // The lake would not be whole: the current run stays as it was, and nothing counts as redriven.
      report.problems.push(...summary.errors);
      fs.rmSync(target, { recursive: true, force: true });
      return report;
    }
    promote(workDir, stack, target);
    // Only now that the records are in the current run: marked as redriven in the failed one.
    for (const [key, entry] of ledger)
      await putObject(source.client, failedLake.bucket, ledgerKey(key), entry);
    queueFile?.commit();
    return report;
  } catch (error) {
    fs.rmSync(target, { recursive: true, force: true });
    throw error;
  } finally {
    await source.close();
    release();
  }
}

runCommand(SPEC, async () => {
  const { values } = parseCommand(SPEC);
  if (!values.errors && !values.queue) throw new UsageError("say what to redrive: --errors, --queue or both");
  const sourceUrl =
    values["source-url"] === undefined ? undefined : httpUrl("source-url", values["source-url"]);
  let report: RedriveReport;
  if (values.aws) {
    if (!values.stack) throw new Refusal("--aws needs --stack: which deployed stack to redrive");
    if (sourceUrl)
      throw new UsageError("--source-url is for the local run: the deployed function reads its own");
    report = await onAws(values.stack, values.errors, values.queue);
  } else {
    const workDir = path.resolve(values["work-dir"]);
    const stack = chosenStack(workDir, values.stack);
    readRunConfig(process.cwd(), stack);
    report = await locally(workDir, stack, values.errors, values.queue, sourceUrl);
  }
  console.log(values.json ? JSON.stringify(report) : describe(report));
  return report.problems.length ? EXIT.failed : EXIT.ok;
});
