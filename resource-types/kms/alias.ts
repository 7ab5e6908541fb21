/** A KMS alias: the name of a stack's secrets key (bootstrap). */
import { arn, type ArnEnv } from "../../model/arn";
import { type ResourceType, reportsNameAndArn } from "../resource-type";
import type { TypeCalls } from "../calls";
import aliasCalls from "./alias.calls.json";

const arnOf = (env: ArnEnv, name: string): string => arn(env, "kms", name);

export const kmsAlias: ResourceType = {
  token: "aws:kms/alias:Alias",
  arn: arnOf,
  reported: reportsNameAndArn(arnOf),
  calls: aliasCalls as TypeCalls,
};
