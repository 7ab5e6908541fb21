/** The alarm topic. */
import { arn, type ArnEnv } from "../../model/arn";
import { type ResourceType, named, physicalName } from "../resource-type";
import type { TypeCalls } from "../calls";
import topicCalls from "./topic.calls.json";

const arnOf = (env: ArnEnv, name: string): string => arn(env, "sns", name);

export const snsTopic: ResourceType = {
  token: "aws:sns/topic:Topic",
  arn: arnOf,
  reported: (name, inputs, env) => {
    const n = physicalName(name, inputs);
    const a = arnOf(env, n);
    return named(a, n, a, inputs);
  },
  plan: ["name", "kmsMasterKeyId"],
  calls: topicCalls as TypeCalls,
};
