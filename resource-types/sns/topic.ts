/** The alarm topic. */
import { arn, type ArnEnv } from "../../model/arn";
import { type ResourceType, reportsNameAndArn } from "../resource-type";
import type { TypeCalls } from "../calls";
import topicCalls from "./topic.calls.json";

const arnOf = (env: ArnEnv, name: string): string => arn(env, "sns", name);

export const snsTopic: ResourceType = {
  token: "aws:sns/topic:Topic",
  arn: arnOf,
  reported: reportsNameAndArn(arnOf, "arn"),
  plan: ["name", "kmsMasterKeyId"],
  calls: topicCalls as TypeCalls,
};
