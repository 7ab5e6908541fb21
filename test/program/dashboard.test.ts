/**
 * The operations dashboard of each stack, read from the program under mocks: every metric of every widget
 * is one a declared resource emits (the function, the stream, each delivery stream, the failure queue, the
 * function's own EMF metrics by the stack's dimension), named as its service documents it; the alarm
 * widget lists every alarm the stack declares.
 */
import { expect } from "chai";
import type { ProgramRun } from "../../local/harness/run-program";
import { METRICS, METRICS_NAMESPACE, STACK_DIMENSION } from "../../handler/metrics";
import type { MetricLine } from "../../components/monitoring/dashboard-body";
import { ofType, one, runStack } from "../helpers/program";

/** The metrics each service documents for the resource's dimension (CloudWatch metric references). */
const DOCUMENTED: Record<string, { dimension: string; type: string; nameOf: string; metrics: string[] }> = {
  "AWS/Lambda": {
    dimension: "FunctionName",
    type: "aws:lambda/function:Function",
    nameOf: "name",
    metrics: ["Invocations", "Errors", "Throttles", "Duration", "ConcurrentExecutions"],
  },
  "AWS/Kinesis": {
    dimension: "StreamName",
    type: "aws:kinesis/stream:Stream",
    nameOf: "name",
    metrics: [
      "IncomingRecords",
      "IncomingBytes",
      "GetRecords.IteratorAgeMilliseconds",
      "WriteProvisionedThroughputExceeded",
    ],
  },
  "AWS/Firehose": {
    dimension: "DeliveryStreamName",
    type: "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
    nameOf: "name",
    metrics: ["DeliveryToS3.Success", "DeliveryToS3.DataFreshness", "DeliveryToS3.Records"],
  },
  "AWS/SQS": {
    dimension: "QueueName",
    type: "aws:sqs/queue:Queue",
    nameOf: "name",
    metrics: ["ApproximateNumberOfMessagesVisible"],
  },
};

for (const stack of ["test", "prod"] as const) {
  describe(`the operations dashboard, stack ${stack}`, function () {
    let run: ProgramRun;
    before(async () => (run = await runStack(stack)));

    it("charts only metrics that declared resources emit, and every delivery stream and own metric", () => {
      const dashboard = one(run, "aws:cloudwatch/dashboard:Dashboard");
      expect(dashboard.inputs.dashboardName).to.equal(`punkapi-consumer-${stack}-operations`);
      const body = JSON.parse(dashboard.inputs.dashboardBody) as {
        widgets: {
          type: string;
          properties: { metrics?: MetricLine[]; alarms?: string[]; region?: string };
        }[];
      };
      const lines = body.widgets.flatMap((w) => w.properties.metrics ?? []);
      expect(lines.length).to.be.greaterThan(10);
      for (const [namespace, metric, dimension, value] of lines) {
        const where = `${namespace} ${metric} ${dimension}=${value}`;
        if (namespace === METRICS_NAMESPACE) {
          expect(dimension, where).to.equal(STACK_DIMENSION);
          expect(value, where).to.equal(stack);
          expect(
            Object.values(METRICS).map((m) => m.name),
            where,
          ).to.include(metric);
          continue;
        }
        const service = DOCUMENTED[namespace];
        expect(service, where).to.not.equal(undefined);
        expect(dimension, where).to.equal(service.dimension);
        expect(service.metrics, where).to.include(metric);
        const names = ofType(run, service.type).map(
          (r) => r.state[service.nameOf] ?? r.inputs[service.nameOf],
        );
        expect(names, where).to.include(value);
      }
      // Each delivery stream, and each of the function's own metrics but the valid count, is charted.
      for (const d of ofType(run, "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream"))
        expect(lines.some((l) => l[3] === d.inputs.name)).to.equal(true);
      const own = lines.filter((l) => l[0] === METRICS_NAMESPACE).map((l) => l[1]);
      expect(new Set(own)).to.deep.equal(
        new Set(
          Object.values(METRICS)
            .map((m) => m.name)
            .filter((n) => n !== METRICS.valid.name),
        ),
      );
      for (const w of body.widgets.filter((x) => x.type === "metric"))
        expect(w.properties.region).to.equal("us-east-1");
      const alarms = body.widgets.find((w) => w.type === "alarm")!.properties.alarms!;
      expect(alarms).to.have.members(
        ofType(run, "aws:cloudwatch/metricAlarm:MetricAlarm").map((a) => a.state.arn),
      );
    });
  });
}
