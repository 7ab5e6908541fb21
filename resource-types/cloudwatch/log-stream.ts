/** A log stream of the delivery streams' error logging. */
import type { ArnEnv } from "../../model/arn";
import { cloudwatchLogGroup } from "./log-group";
import { type Inputs, type ResourceType, reportsNameAndArn, text } from "../resource-type";
import type { TypeCalls } from "../calls";
import logStreamCalls from "./log-stream.calls.json";

/** A log stream's ARN is its group's and its name (or a pattern of either). */
export const logStreamArnIn = (groupArn: string, stream: string): string =>
  `${groupArn}:log-stream:${stream}`;

const arnOf = (env: ArnEnv, name: string, inputs?: Inputs): string =>
  logStreamArnIn(cloudwatchLogGroup.arn!(env, `${text(inputs ?? {}, "logGroupName")}`), name);

export const cloudwatchLogStream: ResourceType = {
  token: "aws:cloudwatch/logStream:LogStream",
  arn: arnOf,
  reported: reportsNameAndArn(arnOf),
  plan: ["name", "logGroupName"],
  calls: logStreamCalls as TypeCalls,
};
