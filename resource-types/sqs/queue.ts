/** The function's failure queue (its asynchronous invocations' destination on failure). */
import { arn, type ArnEnv } from "../../model/arn";
import { type ResourceType, physicalName } from "../resource-type";
import type { TypeCalls } from "../calls";
import queueCalls from "./queue.calls.json";

const arnOf = (env: ArnEnv, name: string): string => arn(env, "sqs", name);

export const sqsQueue: ResourceType = {
  token: "aws:sqs/queue:Queue",
  arn: arnOf,
  reported: (name, inputs, env) => {
    const n = physicalName(name, inputs);
    const url = `https://sqs.${env.region}.amazonaws.com/${env.accountId}/${n}`;
    return { id: url, state: { ...inputs, name: n, arn: arnOf(env, n), url } };
  },
  plan: ["name", "sqsManagedSseEnabled"],
  local: "realised",
  calls: queueCalls as TypeCalls,
};
