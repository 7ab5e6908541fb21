/**
 * One alarm to the stack's topic, with the defaults alarms here share (an alarm may set its own): above the
 * threshold for one period, missing data is not a breach, and both the alarm and its recovery are sent.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

export type AlarmMetric = Omit<
  aws.cloudwatch.MetricAlarmArgs,
  "comparisonOperator" | "evaluationPeriods" | "alarmActions" | "okActions" | "alarmDescription"
> &
  Partial<Pick<aws.cloudwatch.MetricAlarmArgs, "comparisonOperator">>;

export function topicAlarm(
  name: string,
  topic: { arn: pulumi.Input<string> },
  description: pulumi.Input<string>,
  metric: AlarmMetric,
  parent: pulumi.Resource,
): aws.cloudwatch.MetricAlarm {
  return new aws.cloudwatch.MetricAlarm(
    name,
    {
      alarmDescription: description,
      comparisonOperator: "GreaterThanThreshold",
      evaluationPeriods: 1,
      treatMissingData: "notBreaching",
      alarmActions: [topic.arn],
      okActions: [topic.arn],
      ...metric,
    },
    { parent },
  );
}
