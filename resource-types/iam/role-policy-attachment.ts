/** A managed policy attached to a role: the deploy roles' state grants (bootstrap). */
import { type ResourceType } from "../resource-type";
import type { TypeCalls } from "../calls";
import rolePolicyAttachmentCalls from "./role-policy-attachment.calls.json";

export const iamRolePolicyAttachment: ResourceType = {
  token: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  calls: rolePolicyAttachmentCalls as TypeCalls,
};
