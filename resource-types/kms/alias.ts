/** A KMS alias: the name of a stack's secrets key (bootstrap). */
import { arn, type ArnEnv } from "../../model/arn";
import { type ResourceType, named, physicalName } from "../resource-type";
import type { TypeCalls } from "../calls";
import aliasCalls from "./alias.calls.json";

const arnOf = (env: ArnEnv, name: string): string => arn(env, "kms", name);

export const kmsAlias: ResourceType = {
  token: "aws:kms/alias:Alias",
  arn: arnOf,
  reported: (name, inputs, env) => {
    const n = physicalName(name, inputs);
    return named(n, n, arnOf(env, n), inputs);
  },
  calls: aliasCalls as TypeCalls,
};
