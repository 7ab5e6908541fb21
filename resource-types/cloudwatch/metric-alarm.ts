/** An alarm on the pipeline's metrics (evaluated over the local run too: local/alarms/). */
import { arn, type ArnEnv } from "../../model/arn";
import { type ResourceType, named, physicalName } from "../resource-type";
import { line } from "../pricing";

const arnOf = (env: ArnEnv, name: string): string => arn(env, "cloudwatch", `alarm:${name}`);

export const cloudwatchMetricAlarm: ResourceType = {
  token: "aws:cloudwatch/metricAlarm:MetricAlarm",
  arn: arnOf,
  reported: (name, inputs, env) => {
    const n = physicalName(name, inputs);
    return named(n, n, arnOf(env, n), inputs);
  },
  plan: ["namespace", "metricName", "dimensions", "threshold"],
  local: "read",
  price: (alarms) => ({
    lines: [
      line(
        "CloudWatch",
        "alarm metrics",
        // An alarm on metric math is billed per metric it reads.
        alarms.reduce(
          (n, a) =>
            n +
            (a.inputs.metricQueries
              ? a.inputs.metricQueries.filter((q: { metric?: unknown }) => q.metric).length
              : 1),
          0,
        ),
        "cloudwatch.alarmMetric",
      ),
    ],
  }),
  calls: {
    terraform: "aws_cloudwatch_metric_alarm",
    source: "internal/service/cloudwatch/metric_alarm.go",
    declaredBy: ["stacks"],
    create: [
      {
        call: "PutMetricAlarm",
        action: "cloudwatch:PutMetricAlarm",
        on: "alarm",
        when: "always (plain metric alarms and metric-math alarms with metric_query -> Metrics[] go through the same call; Tags only if non-empty)",
        condition: {
          "ForAllValues:ArnLike": {
            "cloudwatch:AlarmActions": "<topic>",
          },
        },
      },
      {
        call: "DescribeAlarms",
        action: "cloudwatch:DescribeAlarms",
        on: "alarm",
        when: "only if tags present and tag-on-create was not possible (ISO partitions)",
      },
      {
        call: "ListTagsForResource",
        action: "cloudwatch:ListTagsForResource",
        on: "alarm",
        when: 'always, after Read/Create/Update (tags interceptor, @Tags(identifierAttribute="arn"))',
        source: "internal/service/cloudwatch/tags_gen.go",
      },
    ],
    read: [
      {
        call: "DescribeAlarms",
        action: "cloudwatch:DescribeAlarms",
        on: "alarm",
        when: "always",
      },
      {
        call: "ListTagsForResource",
        action: "cloudwatch:ListTagsForResource",
        on: "alarm",
        when: 'always, after Read/Create/Update (tags interceptor, @Tags(identifierAttribute="arn"))',
        source: "internal/service/cloudwatch/tags_gen.go",
      },
    ],
    update: [
      {
        call: "PutMetricAlarm",
        action: "cloudwatch:PutMetricAlarm",
        on: "alarm",
        when: "any change except tags/tags_all (full overwrite; includes Tags from context for tag-on-put)",
        condition: {
          "ForAllValues:ArnLike": {
            "cloudwatch:AlarmActions": "<topic>",
          },
        },
      },
      {
        call: "DescribeAlarms",
        action: "cloudwatch:DescribeAlarms",
        on: "alarm",
        when: "always (tail-call resourceMetricAlarmRead)",
      },
      {
        call: "ListTagsForResource",
        action: "cloudwatch:ListTagsForResource",
        on: "alarm",
        when: 'always, after Read/Create/Update (tags interceptor, @Tags(identifierAttribute="arn"))',
        source: "internal/service/cloudwatch/tags_gen.go",
      },
    ],
    delete: [
      {
        call: "DeleteAlarms",
        action: "cloudwatch:DeleteAlarms",
        on: "alarm",
        when: "always; ResourceNotFoundException ignored; no waiter",
      },
    ],
  },
};
