/** A log stream of the delivery streams' error logging. */
import { arn, type ArnEnv } from "../../model/arn";
import { type Inputs, type ResourceType, reportsNameAndArn, text } from "../resource-type";
import type { TypeCalls } from "../calls";
import logStreamCalls from "./log-stream.calls.json";

const arnOf = (env: ArnEnv, name: string, inputs?: Inputs): string =>
  arn(env, "logs", `log-group:${text(inputs ?? {}, "logGroupName")}:log-stream:${name}`);

export const cloudwatchLogStream: ResourceType = {
  token: "aws:cloudwatch/logStream:LogStream",
  arn: arnOf,
  reported: reportsNameAndArn(arnOf),
  plan: ["name", "logGroupName"],
  calls: logStreamCalls as TypeCalls,
};
