/** An IAM role: the function's, the delivery streams', and the bootstrap's deploy and preview roles. */
import { arn, type ArnEnv } from "../../model/arn";
import { type Inputs, type ResourceType, named, physicalName, text } from "../resource-type";

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
  calls: {
    terraform: "aws_iam_role",
    source: "internal/service/iam/role.go",
    declaredBy: ["stacks", "bootstrap"],
    create: [
      {
        call: "CreateRole",
        action: "iam:CreateRole",
        on: "role",
        when: "always; request carries AssumeRolePolicyDocument, Path, RoleName, Description, MaxSessionDuration, PermissionsBoundary (if set) and Tags (if any tags incl. provider default_tags)",
        condition: {
          StringEquals: {
            "iam:PermissionsBoundary": "<stackBoundary>",
          },
        },
      },
      {
        call: "GetRole",
        action: "iam:GetRole",
        on: "role",
        when: "always (tfresource.RetryWhenNewResourceNotFound up to propagationTimeout=2m when the resource is new)",
      },
      {
        call: "ListRolePolicies",
        action: "iam:ListRolePolicies",
        on: "role",
        when: "always (deprecated inline_policy attribute is still refreshed on every read)",
      },
      {
        call: "GetRolePolicy",
        action: "iam:GetRolePolicy",
        on: "role",
        when: "once per inline policy found on the role (e.g. the ones created by aws_iam_role_policy)",
      },
      {
        call: "ListAttachedRolePolicies",
        action: "iam:ListAttachedRolePolicies",
        on: "role",
        when: "always (deprecated managed_policy_arns attribute is still refreshed on every read)",
      },
    ],
    read: [
      {
        call: "GetRole",
        action: "iam:GetRole",
        on: "role",
        when: "always (tfresource.RetryWhenNewResourceNotFound up to propagationTimeout=2m when the resource is new)",
      },
      {
        call: "ListRolePolicies",
        action: "iam:ListRolePolicies",
        on: "role",
        when: "always (deprecated inline_policy attribute is still refreshed on every read)",
      },
      {
        call: "GetRolePolicy",
        action: "iam:GetRolePolicy",
        on: "role",
        when: "once per inline policy found on the role (e.g. the ones created by aws_iam_role_policy)",
      },
      {
        call: "ListAttachedRolePolicies",
        action: "iam:ListAttachedRolePolicies",
        on: "role",
        when: "always (deprecated managed_policy_arns attribute is still refreshed on every read)",
      },
    ],
    update: [
      {
        call: "UpdateAssumeRolePolicy",
        action: "iam:UpdateAssumeRolePolicy",
        on: "role",
        when: 'if assume_role_policy changed (retried up to 2m on "Invalid principal in policy")',
        condition: {
          StringEquals: {
            "iam:PermissionsBoundary": "<stackBoundary>",
          },
        },
        adminOnly:
          "no condition key can check what a trust policy says; the stacks' trusts are fixed documents, so a change of one is an administrator's",
      },
      {
        call: "UpdateRoleDescription",
        action: "iam:UpdateRoleDescription",
        on: "role",
        when: "if description changed",
        condition: {
          StringEquals: {
            "iam:PermissionsBoundary": "<stackBoundary>",
          },
        },
      },
      {
        call: "UpdateRole",
        action: "iam:UpdateRole",
        on: "role",
        when: "if max_session_duration changed (only MaxSessionDuration is sent)",
        condition: {
          StringEquals: {
            "iam:PermissionsBoundary": "<stackBoundary>",
          },
        },
      },
      {
        call: "PutRolePermissionsBoundary",
        action: "iam:PutRolePermissionsBoundary",
        on: "role",
        when: "if permissions_boundary changed to a non-empty ARN",
        condition: {
          StringEquals: {
            "iam:PermissionsBoundary": "<stackBoundary>",
          },
        },
      },
      {
        call: "GetRole",
        action: "iam:GetRole",
        on: "role",
        when: "always (tfresource.RetryWhenNewResourceNotFound up to propagationTimeout=2m when the resource is new)",
      },
      {
        call: "ListRolePolicies",
        action: "iam:ListRolePolicies",
        on: "role",
        when: "always (deprecated inline_policy attribute is still refreshed on every read)",
      },
      {
        call: "GetRolePolicy",
        action: "iam:GetRolePolicy",
        on: "role",
        when: "once per inline policy found on the role (e.g. the ones created by aws_iam_role_policy)",
      },
      {
        call: "ListAttachedRolePolicies",
        action: "iam:ListAttachedRolePolicies",
        on: "role",
        when: "always (deprecated managed_policy_arns attribute is still refreshed on every read)",
      },
    ],
    delete: [
      {
        call: "ListInstanceProfilesForRole",
        action: "iam:ListInstanceProfilesForRole",
        on: "role",
        when: "always",
      },
      {
        call: "ListAttachedRolePolicies",
        action: "iam:ListAttachedRolePolicies",
        on: "role",
        when: "if force_detach_policies=true OR state managed_policy_arns is non-empty (it is Computed, so it is non-empty whenever a refresh saw attached managed policies)",
      },
      {
        call: "ListRolePolicies",
        action: "iam:ListRolePolicies",
        on: "role",
        when: "if force_detach_policies=true OR state inline_policy is non-empty (Computed: filled by a read that saw inline policies, e.g. from aws_iam_role_policy)",
      },
      {
        call: "DeleteRolePolicy",
        action: "iam:DeleteRolePolicy",
        on: "role",
        when: "once per inline policy, under the same condition",
        condition: {
          StringEquals: {
            "iam:PermissionsBoundary": "<stackBoundary>",
          },
        },
      },
      {
        call: "DeleteRole",
        action: "iam:DeleteRole",
        on: "role",
        when: "always; retried up to 2m on DeleteConflictException; NoSuchEntity is treated as success",
        condition: {
          StringEquals: {
            "iam:PermissionsBoundary": "<stackBoundary>",
          },
        },
      },
    ],
  },
};
