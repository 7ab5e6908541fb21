/**
 * IngestAlarms on its own: the six alarms on the function and the failure queue it is given (their AWS
 * metrics) and on the function's own metrics by the stack's dimension, each to the topic it is given.
 */
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { IngestAlarms } from "../../components/ingest/ingest-alarms";
import type { ProgramRun } from "../../local/harness/run-program";
import { ofType, one, parentType, runComponent } from "../helpers/program";
import { METRICS, METRICS_NAMESPACE, STACK_DIMENSION } from "../../handler/metrics";

const TOPIC = "arn:aws:sns:us-east-1:123456789012:alarms";

describe("IngestAlarms", function () {
  this.timeout(20_000);
  let run: ProgramRun;
  before(async () => {
    run = await runComponent(() => {
      const a = new IngestAlarms("ingest", {
        function: { name: "the-function" },
        failureQueue: { name: "the-failures" },
        alarmTopic: { arn: TOPIC },
        stack: "the-stack",
        rejectedAlarmPercent: 40,
        silenceAlarmMinutes: 45,
      });
      return { alarmNames: pulumi.all(a.alarms.map((alarm) => alarm.name)) };
    });
  });

  it("exposes each alarm it declares, and only those (the dashboard lists them)", () => {
    const declared = ofType(run, "aws:cloudwatch/metricAlarm:MetricAlarm").map((a) => a.state.name);
    expect(declared).to.have.length(6);
    expect(run.outputs.alarmNames).to.have.members(declared);
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

  it("alarms on schema drift: one invocation's unknown fields, at least one in 5 minutes, no data no drift", () => {
    const drift = one(run, "aws:cloudwatch/metricAlarm:MetricAlarm", "-schema-drift").inputs;
    expect(drift).to.deep.equal({
      alarmDescription:
        "The source's beers carry fields the lake's schema does not declare: the curated table drops them (the raw zone keeps them; the function's warn lines name them)",
      namespace: "PunkapiConsumer",
      metricName: "UnknownFields",
      dimensions: { Stack: "the-stack" },
      statistic: "Maximum",
      period: 300,
      evaluationPeriods: 1,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      threshold: 1,
      treatMissingData: "notBreaching",
      alarmActions: [TOPIC],
      okActions: [TOPIC],
    });
  });

  it("holds its alarms as its children, named from it, and registers their ARNs", () => {
    const component = one(run, "punkapi:ingest:IngestAlarms");
    const children = run.resources.filter((r) => r.parent === component.urn);
    expect(children.map((r) => `${r.type} ${r.name}`).sort()).to.deep.equal([
      "aws:cloudwatch/metricAlarm:MetricAlarm ingest-failure-queue-depth",
      "aws:cloudwatch/metricAlarm:MetricAlarm ingest-function-errors",
      "aws:cloudwatch/metricAlarm:MetricAlarm ingest-function-throttles",
      "aws:cloudwatch/metricAlarm:MetricAlarm ingest-rejected-ratio",
      "aws:cloudwatch/metricAlarm:MetricAlarm ingest-schema-drift",
      "aws:cloudwatch/metricAlarm:MetricAlarm ingest-silence",
    ]);
    for (const child of children) expect(parentType(run, child)).to.equal("punkapi:ingest:IngestAlarms");
    expect(run.resources.filter((r) => r.custom)).to.have.length(6);
    const alarm = (name: string) => `arn:aws:cloudwatch:us-east-1:123456789012:alarm:ingest-${name}`;
    expect(component.registeredOutputs).to.deep.equal({
      alarmArns: [
        alarm("function-errors"),
        alarm("function-throttles"),
        alarm("failure-queue-depth"),
        alarm("rejected-ratio"),
        alarm("silence"),
        alarm("schema-drift"),
      ],
    });
  });
});
