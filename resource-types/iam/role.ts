/** An IAM role: the function's, the delivery streams', and the bootstrap's deploy and preview roles. */
import { arn, type ArnEnv } from "../../model/arn";
import { type Inputs, type ResourceType, named, physicalName, text } from "../resource-type";
import type { TypeCalls } from "../calls";
import roleCalls from "./role.calls.json";

const arnOf = (env: ArnEnv, name: string, inputs?: Inputs): string =>
  arn(env, "iam", `role${text(inputs ?? {}, "path") ?? "/"}${name}`, "account");

export const iamRole: ResourceType = {
  token: "aws:iam/role:Role",
  arn: arnOf,
  reported: (name, inputs, env) => {
    const n = physicalName(name, inputs);
    return named(n, n, arnOf(env, n, inputs), inputs);
  },
  plan: ["name"],
  local: "read",
  calls: roleCalls as TypeCalls,
};
