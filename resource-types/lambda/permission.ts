/** EventBridge's permission to invoke the function. */
import { type ResourceType } from "../resource-type";
import type { TypeCalls } from "../calls";
import permissionCalls from "./permission.calls.json";

export const lambdaPermission: ResourceType = {
  token: "aws:lambda/permission:Permission",
  plan: ["principal", "sourceArn"],
  local: "read",
  calls: permissionCalls as TypeCalls,
};
