/** A log stream of the delivery streams' error logging. */
import { arn, type ArnEnv } from "../../model/arn";
import { type Inputs, type ResourceType, named, physicalName, text } from "../resource-type";
import type { TypeCalls } from "../calls";
import logStreamCalls from "./log-stream.calls.json";

const arnOf = (env: ArnEnv, name: string, inputs?: Inputs): string =>
  arn(env, "logs", `log-group:${text(inputs ?? {}, "logGroupName")}:log-stream:${name}`);

export const cloudwatchLogStream: ResourceType = {
  token: "aws:cloudwatch/logStream:LogStream",
  arn: arnOf,
  reported: (name, inputs, env) => {
    const n = physicalName(name, inputs);
    return named(n, n, arnOf(env, n, inputs), inputs);
  },
  plan: ["name", "logGroupName"],
  calls: logStreamCalls as TypeCalls,
};
