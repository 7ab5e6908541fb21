/** An IAM role: the function's, the delivery streams', and the bootstrap's deploy and preview roles. */
import { arn, type ArnEnv } from "../../model/arn";
import { type Inputs, type ResourceType, reportsNameAndArn, text } from "../resource-type";
import type { TypeCalls } from "../calls";
import roleCalls from "./role.calls.json";

const arnOf = (env: ArnEnv, name: string, inputs?: Inputs): string =>
  arn(env, "iam", `role${text(inputs ?? {}, "path") ?? "/"}${name}`, "account");

export const iamRole: ResourceType = {
  token: "aws:iam/role:Role",
  arn: arnOf,
  reported: reportsNameAndArn(arnOf),
  plan: ["name"],
  local: "read",
  calls: roleCalls as TypeCalls,
};
