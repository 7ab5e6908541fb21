/** A managed IAM policy: the permissions boundary of each stack's roles (bootstrap). */
import { arn, type ArnEnv } from "../../model/arn";
import { type Inputs, type ResourceType, reportsNameAndArn, text } from "../resource-type";
import type { TypeCalls } from "../calls";
import policyCalls from "./policy.calls.json";

const arnOf = (env: ArnEnv, name: string, inputs?: Inputs): string =>
  arn(env, "iam", `policy${text(inputs ?? {}, "path") ?? "/"}${name}`, "account");

export const iamPolicy: ResourceType = {
  token: "aws:iam/policy:Policy",
  arn: arnOf,
  reported: reportsNameAndArn(arnOf, "arn"),
  calls: policyCalls as TypeCalls,
};
