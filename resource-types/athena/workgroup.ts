/** The Athena workgroup that queries a stack's lake. */
import { arn, type ArnEnv } from "../../model/arn";
import { type ResourceType, named, physicalName } from "../resource-type";
import type { TypeCalls } from "../calls";
import workgroupCalls from "./workgroup.calls.json";

const arnOf = (env: ArnEnv, name: string): string => arn(env, "athena", `workgroup/${name}`);

export const athenaWorkgroup: ResourceType = {
  token: "aws:athena/workgroup:Workgroup",
  arn: arnOf,
  reported: (name, inputs, env) => {
    const n = physicalName(name, inputs);
    return named(n, n, arnOf(env, n), inputs);
  },
  calls: workgroupCalls as TypeCalls,
};
