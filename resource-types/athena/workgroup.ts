/** The Athena workgroup that queries a stack's lake. */
import { arn, type ArnEnv } from "../../model/arn";
import { type ResourceType, reportsNameAndArn } from "../resource-type";
import type { TypeCalls } from "../calls";
import workgroupCalls from "./workgroup.calls.json";

const arnOf = (env: ArnEnv, name: string): string => arn(env, "athena", `workgroup/${name}`);

export const athenaWorkgroup: ResourceType = {
  token: "aws:athena/workgroup:Workgroup",
  arn: arnOf,
  reported: reportsNameAndArn(arnOf),
  calls: workgroupCalls as TypeCalls,
};
