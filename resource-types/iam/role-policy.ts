/** An inline policy of a role. */
import { type ResourceType } from "../resource-type";

export const iamRolePolicy: ResourceType = {
  token: "aws:iam/rolePolicy:RolePolicy",
  local: "read",
  calls: {
    terraform: "aws_iam_role_policy",
    source: "internal/service/iam/role_policy.go",
    declaredBy: ["stacks", "bootstrap"],
    create: [
      {
        call: "PutRolePolicy",
        action: "iam:PutRolePolicy",
        on: "role",
        when: "always",
        condition: {
          StringEquals: {
            "iam:PermissionsBoundary": "<stackBoundary>",
          },
        },
      },
      {
        call: "GetRolePolicy",
        action: "iam:GetRolePolicy",
        on: "role",
        when: "always on create (d.IsNewResource()); polled until found, up to propagationTimeout=2m",
      },
    ],
    read: [
      {
        call: "GetRolePolicy",
        action: "iam:GetRolePolicy",
        on: "role",
        when: "always",
      },
    ],
    update: [
      {
        call: "PutRolePolicy",
        action: "iam:PutRolePolicy",
        on: "role",
        when: "if policy changed (name, name_prefix, role are ForceNew)",
        condition: {
          StringEquals: {
            "iam:PermissionsBoundary": "<stackBoundary>",
          },
        },
      },
      {
        call: "GetRolePolicy",
        action: "iam:GetRolePolicy",
        on: "role",
        when: "always",
      },
    ],
    delete: [
      {
        call: "DeleteRolePolicy",
        action: "iam:DeleteRolePolicy",
        on: "role",
        when: "always; NoSuchEntity treated as success",
        condition: {
          StringEquals: {
            "iam:PermissionsBoundary": "<stackBoundary>",
          },
        },
      },
    ],
  },
};
