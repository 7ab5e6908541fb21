/** An inline policy of a role. */
import { type ResourceType } from "../resource-type";
import type { TypeCalls } from "../calls";
import rolePolicyCalls from "./role-policy.calls.json";

export const iamRolePolicy: ResourceType = {
  token: "aws:iam/rolePolicy:RolePolicy",
  local: "read",
  calls: rolePolicyCalls as TypeCalls,
};
