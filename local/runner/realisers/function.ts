/**
 * A Lambda function: its declared archive laid out as Lambda unpacks it, run by Node of the runtime's
 * major version in warm child processes, with its environment, its execution role's credentials and this
 * machine's endpoints in place of AWS's; asynchronous invocations retried as its invoke config says, then
 * sent to its failure destination. Its log lines are kept and the handler's summaries tallied (in the
 * run's sinks, as they come). It is given the queues realised before it (its failure destination may be
 * one), and returns the function with what the run needs of it: the folder to remove afterwards, the
 * runtime it runs on, the metrics it produces and its failure queue.
 */
import fs from "fs";
import path from "path";
import type * as pulumi from "@pulumi/pulumi";
import { ENV } from "../../../handler/settings";
import { layOutArchive, runtimeSdkNodePath } from "../../stand-ins/lambda/artifact";
import { LocalFunction } from "../../stand-ins/lambda/local-function";
import type { InvokeResult } from "../../stand-ins/lambda/process";
import { lambdaNode } from "../../stand-ins/lambda/runtime";
import type { RealisedFunction } from "../realised";
import type { RunInputs } from "../run-inputs";
import type { RunSinks } from "../run-sinks";
import { removeTempDir } from "../../support/temp-dirs";
import type { HandlerSummary } from "../events";
import type { Realiser } from "./realiser";
import type { DeclaredResource } from "../../harness/run-program";
import type { QueueFile } from "../realised";
import type { MetricId } from "../../stand-ins/alarms/metric-log";
import { readEmf } from "../../stand-ins/alarms/emf";
import { METRICS_NAMESPACE, STACK_DIMENSION } from "../../../handler/metrics";
import { lambdaFunctionEventInvokeConfig } from "../../../resource-types/lambda/function-event-invoke-config";
import { cloudwatchLogGroup } from "../../../resource-types/cloudwatch/log-group";
import { logStreamArnIn } from "../../../resource-types/cloudwatch/log-stream";
import { lambdaLogGroup } from "../../../model/names";

/** Counts what the handler's summary line says it did. */
function tallyLine(sinks: RunSinks, last: Map<string, HandlerSummary>, fn: string, line: string): void {
  if (!line.startsWith("{")) return;
  try {
    const parsed = JSON.parse(line) as HandlerSummary;
    // Its metrics, as CloudWatch reads the line (Embedded Metric Format).
    if ("_aws" in parsed) {
      try {
        for (const m of readEmf(parsed as unknown as Record<string, unknown>))
          sinks.metrics.record(
            { namespace: m.namespace, name: m.name, dimensions: m.dimensions },
            m.value,
            m.timestamp,
          );
      } catch (error) {
        sinks.error(`${fn}: a log line is not valid EMF: ${(error as Error).message}`);
      }
    }
    if (typeof parsed.requested !== "number") return;
    last.set(fn, parsed);
    sinks.tally.fetched += parsed.fetched;
    sinks.tally.valid += parsed.valid;
    sinks.tally.rejected += parsed.rejected;
    sinks.tally.written += parsed.written;
    sinks.tally.withUnknownFields += parsed.beersWithUnknownFields ?? 0;
    for (const p of parsed.unknownFieldPaths ?? []) sinks.unknownFields.add(p);
  } catch {
    // not a structured line
  }
}

function tallyAttempt(
  sinks: RunSinks,
  now: number,
  last: Map<string, HandlerSummary>,
  fn: string,
  attempt: number,
  result: InvokeResult,
) {
  sinks.tally.attempts++;
  if (attempt > 0) sinks.tally.retried++;
  // Lambda's own metrics of the attempt (a local container is never throttled: events wait for one).
  const lambda = (name: string) => ({ namespace: "AWS/Lambda", name, dimensions: { FunctionName: fn } });
  sinks.metrics.record(lambda("Invocations"), 1, now);
  sinks.metrics.record(lambda("Errors"), result.ok ? 0 : 1, now);
  sinks.metrics.record(lambda("Throttles"), 0, now);
  if (result.ok) sinks.tally.succeeded++;
  const summary = last.get(fn);
  last.delete(fn);
  const error = result.ok ? undefined : `${result.error.name}: ${result.error.message}`;
  // A failed attempt is the run's failure only if no retry makes it good: the failure destination says so.
  if (error && !sinks.warnings.includes(error)) sinks.warnings.push(error);
  sinks.emit({ kind: "attempt", function: fn, attempt, ok: result.ok, summary, error });
}

export const lambdaFunction: Realiser<RealisedFunction, "queues"> = async (fn, run, sinks, { queues }) => {
  const name = String(fn.inputs.name);
  const archive = fn.inputs.code as pulumi.asset.AssetArchive;
  const artifactDir = await layOutArchive(await archive.assets, `punkapi-local-${name}-`);
  try {
    return await realise(fn, run, sinks, queues, artifactDir);
  } catch (error) {
    // What it laid out is not returned, so it is its to remove.
    removeTempDir(artifactDir);
    throw error;
  }
};

async function realise(
  fn: DeclaredResource,
  run: RunInputs,
  sinks: RunSinks,
  queues: ReadonlyMap<string, QueueFile>,
  dir: string,
): Promise<RealisedFunction> {
  const name = String(fn.inputs.name);
  const invokeConfig = run.declared
    .ofType(lambdaFunctionEventInvokeConfig.token)
    .find((c) => c.inputs.functionName === name);
  const destinationArn = invokeConfig?.inputs.destinationConfig?.onFailure?.destination as string | undefined;
  const queue = destinationArn ? queues.get(destinationArn) : undefined;
  const { iam, kinesisEndpoint, source } = run.services;
  const role = String(fn.inputs.role);
  const credentials = iam.credentialsFor(role);
  // Lambda writes the function's logs, and sends failed events, with the execution role.
  const logGroup = cloudwatchLogGroup.arn!(run.env, lambdaLogGroup(name));
  for (const action of ["logs:CreateLogStream", "logs:PutLogEvents"]) {
    const denied = await iam.authorize(role, action, logStreamArnIn(logGroup, "local"));
    if (denied) sinks.error(`${name}: CloudWatch Logs would refuse its logs: AccessDenied: ${denied}`);
  }
  const node = lambdaNode(String(fn.inputs.runtime));
  const logFile = path.join(run.logsDir, `${name}.log`);
  // What this function's run produces: its EMF metrics (by its stack), Lambda's metrics, its queue's depth.
  const stack = fn.inputs.environment?.variables?.[ENV.stack];
  const produces = (m: MetricId) =>
    (m.namespace === METRICS_NAMESPACE && m.dimensions[STACK_DIMENSION] === stack) ||
    (m.namespace === "AWS/Lambda" && m.dimensions.FunctionName === name) ||
    (m.namespace === "AWS/SQS" && queue !== undefined && m.dimensions.QueueName === queue.name);
  const last = new Map<string, HandlerSummary>();
  const local = new LocalFunction(
    name,
    {
      dir,
      handler: String(fn.inputs.handler),
      env: {
        ...(fn.inputs.environment?.variables ?? {}),
        AWS_LAMBDA_FUNCTION_NAME: name,
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.inputs.memorySize ?? 128),
        [ENV.region]: run.env.region,
        // The execution role's credentials, as Lambda puts them in the environment.
        [ENV.accessKeyId]: credentials.accessKeyId,
        [ENV.secretAccessKey]: credentials.secretAccessKey,
        [ENV.sessionToken]: credentials.sessionToken,
        // This machine's endpoints in place of AWS's and the Internet's; AWS's go through IAM.
        [ENV.kinesisEndpoint]: kinesisEndpoint,
        [ENV.sourceUrl]: source.url,
        [ENV.contract]: source.contract,
      },
      nodePath: [runtimeSdkNodePath()],
      nodeExecutable: node.path,
      memoryMb: fn.inputs.memorySize,
      timeoutMs: (fn.inputs.timeout ?? 3) * 1000,
      onOutput: (line) => {
        fs.appendFileSync(logFile, `${line}\n`);
        tallyLine(sinks, last, name, line);
      },
    },
    {
      speed: run.options.speed,
      timers: run.timers,
      onAttempt: ({ attempt, result }) => tallyAttempt(sinks, run.timers.now(), last, name, attempt, result),
      // Its reserved concurrency, when it declares one, bounds its containers as it bounds Lambda's.
      maxContainers:
        Number(fn.inputs.reservedConcurrentExecutions) > 0
          ? Number(fn.inputs.reservedConcurrentExecutions)
          : undefined,
      onSlow: (waitedMs) => sinks.emit({ kind: "slow-attempt", function: name, waitedMs }),
      onQueued: (waiting) => sinks.emit({ kind: "queued", function: name, waiting }),
      asyncConfig: {
        maximumRetryAttempts: invokeConfig?.inputs.maximumRetryAttempts ?? 2,
        onFailure: async (event, error, attempts) => {
          sinks.tally.toFailureQueue++;
          const failure = `${error.name}: ${error.message}`;
          if (!sinks.errors.includes(failure)) sinks.errors.push(failure);
          const denied =
            queue && destinationArn && (await iam.authorize(role, "sqs:SendMessage", destinationArn));
          if (denied)
            sinks.error(`${name}: the failure destination refused the event: AccessDenied: ${denied}`);
          else if (queue) {
            queue.messages++;
            sinks.metrics.setGauge(
              {
                namespace: "AWS/SQS",
                name: "ApproximateNumberOfMessagesVisible",
                dimensions: { QueueName: queue.name },
              },
              queue.messages,
              run.timers.now(),
            );
            fs.appendFileSync(
              queue.file,
              `${JSON.stringify({ requestContext: { functionArn: fn.state.arn, condition: "RetriesExhausted", approximateInvokeCount: attempts }, requestPayload: event, responsePayload: { errorType: error.name, errorMessage: error.message } })}\n`,
            );
          }
          sinks.emit({
            kind: "failure-destination",
            function: name,
            queue: queue?.name ?? "(none)",
            error: `${error.name}: ${error.message}`,
          });
        },
      },
    },
  );
  return {
    local,
    artifactDir: dir,
    runtime: { node: node.version, matches: node.matches },
    produces,
    failureQueue: queue,
  };
}
