/**
 * IngestAlarms: the alarms that say the ingestion is unwell, to the topic it is given. The function's
 * errors and throttles and the failure queue's depth (AWS metrics), and from the function's own metrics
 * (EMF, handler/metrics.ts) source drift (the rejected share of the beers fetched), silence (nothing
 * written) and schema drift (fields the lake's schema does not declare).
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { topicAlarm } from "../alerting/topic-alarm";
import { MetricKey, METRICS, METRICS_NAMESPACE, STACK_DIMENSION } from "../../handler/metrics";

export interface IngestAlarmsArgs {
  /** The function and failure queue it watches (IngestPipeline's). */
  readonly function: { name: pulumi.Input<string> };
  readonly failureQueue: { name: pulumi.Input<string> };
  readonly alarmTopic: { arn: pulumi.Input<string> };
  /** The stack: the dimension of the function's metrics (handler/metrics.ts). */
  readonly stack: pulumi.Input<string>;
  /** Alarm when more than this share of the beers fetched in 5 minutes are rejected: the source drifted. */
  readonly rejectedAlarmPercent: pulumi.Input<number>;
  /** Alarm when no beer was written for this long, end to end: a failing function or a stopped schedule. */
  readonly silenceAlarmMinutes: pulumi.Input<number>;
}

export class IngestAlarms extends pulumi.ComponentResource {
  /** Every alarm on the function, its failures and its metrics. */
  readonly alarms: aws.cloudwatch.MetricAlarm[] = [];

  constructor(name: string, args: IngestAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("punkapi:ingest:IngestAlarms", name, {}, opts);

    const alarm = (id: string, description: pulumi.Input<string>, metric: Parameters<typeof topicAlarm>[3]) =>
      this.alarms.push(topicAlarm(`${name}-${id}`, args.alarmTopic, description, metric, this));
    const every5Minutes = { statistic: "Sum", period: 300, threshold: 0 };
    alarm("function-errors", "The ingestion function failed (it throws when a beer could not be written)", {
      namespace: "AWS/Lambda",
      metricName: "Errors",
      dimensions: { FunctionName: args.function.name },
      ...every5Minutes,
    });
    alarm("function-throttles", "The ingestion function was throttled", {
      namespace: "AWS/Lambda",
      metricName: "Throttles",
      dimensions: { FunctionName: args.function.name },
      ...every5Minutes,
    });
    alarm("failure-queue-depth", "Scheduled invocations failed every retry and wait in the failure queue", {
      namespace: "AWS/SQS",
      metricName: "ApproximateNumberOfMessagesVisible",
      dimensions: { QueueName: args.failureQueue.name },
      ...every5Minutes,
      statistic: "Maximum",
    });
    // The function's own metrics (EMF), by the stack's dimension.
    const own = (metric: MetricKey) => ({
      namespace: METRICS_NAMESPACE,
      metricName: METRICS[metric].name,
      dimensions: { [STACK_DIMENSION]: args.stack },
    });
    alarm(
      "rejected-ratio",
      pulumi.interpolate`More than ${args.rejectedAlarmPercent} % of the beers fetched were rejected: the source's shape changed`,
      {
        threshold: args.rejectedAlarmPercent,
        metricQueries: [
          { id: "rejected", metric: { ...own("rejected"), stat: "Sum", period: 300 } },
          { id: "fetched", metric: { ...own("fetched"), stat: "Sum", period: 300 } },
          {
            id: "percent",
            expression: "IF(fetched > 0, 100 * rejected / fetched, 0)",
            label: "Rejected %",
            returnData: true,
          },
        ],
      },
    );
    alarm(
      "silence",
      pulumi.interpolate`No beer was written for ${args.silenceAlarmMinutes} minutes: the function fails or its schedule stopped`,
      {
        ...own("written"),
        statistic: "Sum",
        period: pulumi.output(args.silenceAlarmMinutes).apply((m) => m * 60),
        comparisonOperator: "LessThanThreshold",
        threshold: 1,
        // No data at all is the silence itself: a schedule that stopped emits nothing.
        treatMissingData: "breaching",
      },
    );

    alarm(
      "schema-drift",
      "The source's beers carry fields the lake's schema does not declare: the curated table drops them (the raw zone keeps them; the function's warn lines name them)",
      {
        ...own("unknownFields"),
        // The most distinct unknown fields one invocation saw: Sum would count a field again at every
        // invocation, so its value would follow the schedule, not the drift.
        statistic: "Maximum",
        // The default schedule's interval (every 5 minutes, as the original): while drift lasts, each
        // period holds an invocation that reports it.
        period: 300,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        threshold: 1,
        // No data is no invocation, so no beer and no drift; an absent function is silence's to alarm on.
        treatMissingData: "notBreaching",
      },
    );

    this.registerOutputs({ alarmArns: this.alarms.map((a) => a.arn) });
  }
}
