/** A log group: the function's, and the delivery streams' error logging. */
import { arn, type ArnEnv } from "../../model/arn";
import { type ResourceType, reportsNameAndArn } from "../resource-type";
import { GB, line } from "../pricing";
import type { TypeCalls } from "../calls";
import logGroupCalls from "./log-group.calls.json";

const arnOf = (env: ArnEnv, name: string): string => arn(env, "logs", `log-group:${name}`);

export const cloudwatchLogGroup: ResourceType = {
  token: "aws:cloudwatch/logGroup:LogGroup",
  arn: arnOf,
  reported: reportsNameAndArn(arnOf),
  plan: ["name", "retentionInDays"],
  local: "read",
  // Billed by what the groups ingest: the function's log lines (the deliveries' groups get only errors).
  price: (_groups, { usage, invocations }) => ({
    lines: [
      line(
        "CloudWatch",
        "log ingestion",
        (invocations * usage.logBytesPerInvocation) / GB,
        "cloudwatch.logsIngestionGb",
      ),
    ],
  }),
  calls: logGroupCalls as TypeCalls,
};
