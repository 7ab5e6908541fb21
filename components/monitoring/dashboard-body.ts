/**
 * The operations dashboard's body, a pure function of the names it shows: is data arriving (the function's
 * own metrics), is anything failing (Lambda errors and throttles, the failure queue, the alarms), is it
 * flowing (stream throughput and iterator age, Firehose success and freshness per delivery stream), and
 * whether the source's beers carry fields the lake's schema lacks (schema drift).
 * CloudWatch's dashboard body format: https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html
 */
import { MetricKey, METRICS, METRICS_NAMESPACE, STACK_DIMENSION } from "../../handler/metrics";

export interface DashboardTargets {
  region: string;
  stack: string;
  functionName: string;
  streamName: string;
  deliveryStreamNames: string[];
  failureQueueName: string;
  alarmArns: string[];
}

/** One line of a metric widget: namespace, metric, dimension name and value, then options. */
export type MetricLine = [string, string, string, string, { stat: string; label?: string }];

interface Widget {
  type: "metric" | "alarm";
  x: number;
  y: number;
  width: number;
  height: number;
  properties: Record<string, unknown>;
}

const WIDTH = 12;
const HEIGHT = 6;

export function dashboardBody(t: DashboardTargets): { widgets: Widget[] } {
  const own = (m: MetricKey, stat = "Sum"): MetricLine => [
    METRICS_NAMESPACE,
    METRICS[m].name,
    STACK_DIMENSION,
    t.stack,
    { stat },
  ];
  const lambda = (name: string, stat: string): MetricLine => [
    "AWS/Lambda",
    name,
    "FunctionName",
    t.functionName,
    { stat },
  ];
  const charts: { title: string; metrics: MetricLine[] }[] = [
    {
      title: "Beers: fetched, written, rejected",
      metrics: [own("fetched"), own("written"), own("rejected")],
    },
    { title: "Source: retries and failed fetches", metrics: [own("retries"), own("failedFetches")] },
    {
      title: "Function: invocations, errors, throttles",
      metrics: [lambda("Invocations", "Sum"), lambda("Errors", "Sum"), lambda("Throttles", "Sum")],
    },
    {
      title: "Function: duration (ms)",
      metrics: [own("durationMs", "Maximum"), lambda("Duration", "Maximum")],
    },
    {
      title: "Stream: records in, and the age of the oldest unread (ms)",
      metrics: [
        ["AWS/Kinesis", "IncomingRecords", "StreamName", t.streamName, { stat: "Sum" }],
        [
          "AWS/Kinesis",
          "GetRecords.IteratorAgeMilliseconds",
          "StreamName",
          t.streamName,
          { stat: "Maximum" },
        ],
      ],
    },
    {
      title: "Delivery to S3: success (1 = all) and freshness (s)",
      metrics: t.deliveryStreamNames.flatMap((d): MetricLine[] => [
        ["AWS/Firehose", "DeliveryToS3.Success", "DeliveryStreamName", d, { stat: "Average" }],
        ["AWS/Firehose", "DeliveryToS3.DataFreshness", "DeliveryStreamName", d, { stat: "Maximum" }],
      ]),
    },
    {
      title: "Failure queue: events that failed every retry",
      metrics: [
        [
          "AWS/SQS",
          "ApproximateNumberOfMessagesVisible",
          "QueueName",
          t.failureQueueName,
          { stat: "Maximum" },
        ],
      ],
    },
    {
      // The most one invocation saw, as the schema-drift alarm reads it (IngestAlarms).
      title: "Schema drift: fields the lake's schema does not declare",
      metrics: [own("unknownFields", "Maximum")],
    },
  ];
  const widgets: Widget[] = [
    {
      type: "alarm",
      x: 0,
      y: 0,
      width: 2 * WIDTH,
      height: 3,
      properties: { title: "Alarms", alarms: t.alarmArns },
    },
    ...charts.map((c, i): Widget => ({
      type: "metric",
      x: (i % 2) * WIDTH,
      y: 3 + Math.floor(i / 2) * HEIGHT,
      width: WIDTH,
      height: HEIGHT,
      properties: { title: c.title, region: t.region, view: "timeSeries", period: 300, metrics: c.metrics },
    })),
  ];
  return { widgets };
}
