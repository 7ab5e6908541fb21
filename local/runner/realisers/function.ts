/**
 * A Lambda function: its declared archive laid out as Lambda unpacks it, run by Node of the runtime's
 * major version in warm child processes, with its environment, its execution role's credentials and this
 * machine's endpoints in place of AWS's; asynchronous invocations retried as its invoke config says, then
 * sent to its failure destination. Its log lines are kept and the handler's summaries tallied.
 */
import fs from "fs";
import path from "path";
import type * as pulumi from "@pulumi/pulumi";
import { ENV } from "../../../handler/settings";
import { layOutArchive, runtimeSdkNodePath } from "../../stand-ins/lambda/artifact";
import { LocalFunction } from "../../stand-ins/lambda/local-function";
import type { InvokeResult } from "../../stand-ins/lambda/process";
import { lambdaNode } from "../../stand-ins/lambda/runtime";
import type { RunContext } from "../context";
import type { HandlerSummary } from "../events";
import type { Realiser } from "./realiser";
import { readEmf } from "../../stand-ins/alarms/emf";
import { METRICS_NAMESPACE, STACK_DIMENSION } from "../../../handler/metrics";

/** Counts what the handler's summary line says it did. */
function tallyLine(ctx: RunContext, last: Map<string, HandlerSummary>, fn: string, line: string): void {
  if (!line.startsWith("{")) return;
  try {
    const parsed = JSON.parse(line) as HandlerSummary;
    // Its metrics, as CloudWatch reads the line (Embedded Metric Format).
    if ("_aws" in parsed) {
      try {
        for (const m of readEmf(parsed as unknown as Record<string, unknown>))
          ctx.metrics.record(
            { namespace: m.namespace, name: m.name, dimensions: m.dimensions },
            m.value,
            m.timestamp,
          );
      } catch (error) {
        ctx.error(`${fn}: a log line is not valid EMF: ${(error as Error).message}`);
      }
    }
    if (typeof parsed.requested !== "number") return;
    last.set(fn, parsed);
    ctx.tally.fetched += parsed.fetched;
    ctx.tally.valid += parsed.valid;
    ctx.tally.rejected += parsed.rejected;
    ctx.tally.written += parsed.written;
  } catch {
    // not a structured line
  }
}

function tallyAttempt(
  ctx: RunContext,
  last: Map<string, HandlerSummary>,
  fn: string,
  attempt: number,
  result: InvokeResult,
) {
  ctx.tally.attempts++;
  if (attempt > 0) ctx.tally.retried++;
  // Lambda's own metrics of the attempt (a local container is never throttled: events wait for one).
  const lambda = (name: string) => ({ namespace: "AWS/Lambda", name, dimensions: { FunctionName: fn } });
  const now = ctx.timers.now();
  ctx.metrics.record(lambda("Invocations"), 1, now);
  ctx.metrics.record(lambda("Errors"), result.ok ? 0 : 1, now);
  ctx.metrics.record(lambda("Throttles"), 0, now);
  if (result.ok) ctx.tally.succeeded++;
  const summary = last.get(fn);
  last.delete(fn);
  const error = result.ok ? undefined : `${result.error.name}: ${result.error.message}`;
  // A failed attempt is the run's failure only if no retry makes it good: the failure destination says so.
  if (error && !ctx.warnings.includes(error)) ctx.warnings.push(error);
  ctx.emit({ kind: "attempt", function: fn, attempt, ok: result.ok, summary, error });
}

export const lambdaFunction: Realiser = async (fn, ctx) => {
  const name = String(fn.inputs.name);
  const archive = fn.inputs.code as pulumi.asset.AssetArchive;
  const dir = await layOutArchive(await archive.assets, `punkapi-local-${name}-`);
  ctx.artifactDirs.push(dir);
  const invokeConfig = ctx.declared
    .ofType("aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig")
    .find((c) => c.inputs.functionName === name);
  const destinationArn = invokeConfig?.inputs.destinationConfig?.onFailure?.destination as string | undefined;
  const queue = destinationArn ? ctx.queues.get(destinationArn) : undefined;
  if (queue) ctx.failureQueue = queue;
  const { iam, kinesisEndpoint, source } = ctx.services;
  const role = String(fn.inputs.role);
  const credentials = iam.credentialsFor(role);
  // Lambda writes the function's logs, and sends failed events, with the execution role.
  const logGroup = ctx.arn("logs", `log-group:/aws/lambda/${name}`);
  for (const action of ["logs:CreateLogStream", "logs:PutLogEvents"]) {
    const denied = await iam.authorize(role, action, `${logGroup}:log-stream:local`);
    if (denied) ctx.error(`${name}: CloudWatch Logs would refuse its logs: AccessDenied: ${denied}`);
  }
  const node = lambdaNode(String(fn.inputs.runtime));
  ctx.runtime = { node: node.version, matches: node.matches };
  const logFile = path.join(ctx.logsDir, `${name}.log`);
  // What this function's run produces: its EMF metrics (by its stack), Lambda's metrics, its queue's depth.
  const stack = fn.inputs.environment?.variables?.[ENV.stack];
  ctx.producible.push(
    (m) =>
      (m.namespace === METRICS_NAMESPACE && m.dimensions[STACK_DIMENSION] === stack) ||
      (m.namespace === "AWS/Lambda" && m.dimensions.FunctionName === name) ||
      (m.namespace === "AWS/SQS" && queue !== undefined && m.dimensions.QueueName === queue.name),
  );
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
        [ENV.region]: ctx.env.region,
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
        tallyLine(ctx, last, name, line);
      },
    },
    {
      speed: ctx.options.speed,
      timers: ctx.timers,
      onAttempt: ({ attempt, result }) => tallyAttempt(ctx, last, name, attempt, result),
      // Its reserved concurrency, when it declares one, bounds its containers as it bounds Lambda's.
      maxContainers:
        Number(fn.inputs.reservedConcurrentExecutions) > 0
          ? Number(fn.inputs.reservedConcurrentExecutions)
          : undefined,
      onSlow: (waitedMs) => ctx.emit({ kind: "slow-attempt", function: name, waitedMs }),
      onQueued: (waiting) => ctx.emit({ kind: "queued", function: name, waiting }),
      asyncConfig: {
        maximumRetryAttempts: invokeConfig?.inputs.maximumRetryAttempts ?? 2,
        onFailure: async (event, error, attempts) => {
          ctx.tally.toFailureQueue++;
          const failure = `${error.name}: ${error.message}`;
          if (!ctx.errors.includes(failure)) ctx.errors.push(failure);
          const denied =
            queue && destinationArn && (await iam.authorize(role, "sqs:SendMessage", destinationArn));
          if (denied)
            ctx.error(`${name}: the failure destination refused the event: AccessDenied: ${denied}`);
          else if (queue) {
            queue.messages++;
            ctx.metrics.setGauge(
              {
                namespace: "AWS/SQS",
                name: "ApproximateNumberOfMessagesVisible",
                dimensions: { QueueName: queue.name },
              },
              queue.messages,
              ctx.timers.now(),
            );
            fs.appendFileSync(
              queue.file,
              `${JSON.stringify({ requestContext: { functionArn: fn.state.arn, condition: "RetriesExhausted", approximateInvokeCount: attempts }, requestPayload: event, responsePayload: { errorType: error.name, errorMessage: error.message } })}\n`,
            );
          }
          ctx.emit({
            kind: "failure-destination",
            function: name,
            queue: queue?.name ?? "(none)",
            error: `${error.name}: ${error.message}`,
          });
        },
      },
    },
  );
  ctx.functions.push(local);
};
