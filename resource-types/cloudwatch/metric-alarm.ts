/** An alarm on the pipeline's metrics (evaluated over the local run too: local/stand-ins/alarms/). */
import { arn, type ArnEnv } from "../../model/arn";
import { type ResourceType, reportsNameAndArn } from "../resource-type";
import { line } from "../pricing";
import type { TypeCalls } from "../calls";
import metricAlarmCalls from "./metric-alarm.calls.json";

const arnOf = (env: ArnEnv, name: string): string => arn(env, "cloudwatch", `alarm:${name}`);

export const cloudwatchMetricAlarm: ResourceType = {
  token: "aws:cloudwatch/metricAlarm:MetricAlarm",
  arn: arnOf,
  reported: reportsNameAndArn(arnOf),
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
  calls: metricAlarmCalls as TypeCalls,
};
