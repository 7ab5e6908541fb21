/**
 * OperationsDashboard on its own, over stand-in names: the body CloudWatch is given, written out by hand
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html):
 * the alarms across the top, then the charts two to a row, 12 of the grid's 24 columns by 6 rows each.
 * test/program/dashboard.test.ts holds every stack's dashboard to the resources the stack declares.
 */
import { expect } from "chai";
import { OperationsDashboard } from "../../components/monitoring/operations-dashboard";
import { one, parentType, runComponent } from "../helpers/program";

const ALARMS = [
  "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:a",
  "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:b",
];

describe("OperationsDashboard", function () {
  this.timeout(20_000);

  it("lays out the alarms, then the beers, the source, the function, the stream, each delivery and the failure queue", async () => {
    const run = await runComponent(() => {
      const d = new OperationsDashboard("ops", {
        dashboardName: "the-ops",
        region: "eu-west-1",
        stack: "st",
        function: { name: "fn" },
        stream: { name: "ks" },
        deliveryStreams: [{ name: "raw-d" }, { name: "cur-d" }],
        failureQueue: { name: "dlq" },
        alarms: ALARMS.map((arn) => ({ arn })),
      });
      return { name: d.dashboard.dashboardName };
    });
    const dashboard = one(run, "aws:cloudwatch/dashboard:Dashboard");
    expect(dashboard.inputs.dashboardName).to.equal("the-ops");
    expect(parentType(run, dashboard)).to.equal("punkapi:monitoring:OperationsDashboard");
    expect(one(run, "punkapi:monitoring:OperationsDashboard").registeredOutputs).to.deep.equal({
      dashboardName: "the-ops",
    });
    const own = (metric: string, stat = "Sum") => ["PunkapiConsumer", metric, "Stack", "st", { stat }];
    const chart = (x: number, y: number, title: string, metrics: unknown[]) => ({
      type: "metric",
      x,
      y,
      width: 12,
      height: 6,
      properties: { title, region: "eu-west-1", view: "timeSeries", period: 300, metrics },
    });
    expect(JSON.parse(dashboard.inputs.dashboardBody)).to.deep.equal({
      widgets: [
        { type: "alarm", x: 0, y: 0, width: 24, height: 3, properties: { title: "Alarms", alarms: ALARMS } },
        chart(0, 3, "Beers: fetched, written, rejected", [
          own("BeersFetched"),
          own("BeersWritten"),
          own("BeersRejected"),
        ]),
        chart(12, 3, "Source: retries and failed fetches", [own("Retries"), own("FailedFetches")]),
        chart(0, 9, "Function: invocations, errors, throttles", [
          ["AWS/Lambda", "Invocations", "FunctionName", "fn", { stat: "Sum" }],
          ["AWS/Lambda", "Errors", "FunctionName", "fn", { stat: "Sum" }],
          ["AWS/Lambda", "Throttles", "FunctionName", "fn", { stat: "Sum" }],
        ]),
        chart(12, 9, "Function: duration (ms)", [
          own("Duration", "Maximum"),
          ["AWS/Lambda", "Duration", "FunctionName", "fn", { stat: "Maximum" }],
        ]),
        chart(0, 15, "Stream: records in, and the age of the oldest unread (ms)", [
          ["AWS/Kinesis", "IncomingRecords", "StreamName", "ks", { stat: "Sum" }],
          ["AWS/Kinesis", "GetRecords.IteratorAgeMilliseconds", "StreamName", "ks", { stat: "Maximum" }],
        ]),
        chart(12, 15, "Delivery to S3: success (1 = all) and freshness (s)", [
          ["AWS/Firehose", "DeliveryToS3.Success", "DeliveryStreamName", "raw-d", { stat: "Average" }],
          ["AWS/Firehose", "DeliveryToS3.DataFreshness", "DeliveryStreamName", "raw-d", { stat: "Maximum" }],
          ["AWS/Firehose", "DeliveryToS3.Success", "DeliveryStreamName", "cur-d", { stat: "Average" }],
          ["AWS/Firehose", "DeliveryToS3.DataFreshness", "DeliveryStreamName", "cur-d", { stat: "Maximum" }],
        ]),
        chart(0, 21, "Failure queue: events that failed every retry", [
          ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", "dlq", { stat: "Maximum" }],
        ]),
        chart(12, 21, "Schema drift: fields the lake's schema does not declare", [
          own("UnknownFields", "Maximum"),
        ]),
      ],
    });
  });
});
