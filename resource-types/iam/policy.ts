/** A managed IAM policy: the permissions boundary of each stack's roles (bootstrap). */
import { arn, type ArnEnv } from "../../model/arn";
import { type Inputs, type ResourceType, named, physicalName, text } from "../resource-type";
import type { TypeCalls } from "../calls";
import policyCalls from "./policy.calls.json";

const arnOf = (env: ArnEnv, name: string, inputs?: Inputs): string =>
  arn(env, "iam", `policy${text(inputs ?? {}, "path") ?? "/"}${name}`, "account");

export const iamPolicy: ResourceType = {
  token: "aws:iam/policy:Policy",
  arn: arnOf,
  reported: (name, inputs, env) => {
    const n = physicalName(name, inputs);
    const a = arnOf(env, n, inputs);
    return named(a, n, a, inputs);
  },
  calls: policyCalls as TypeCalls,
};
