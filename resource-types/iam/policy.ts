/** A managed IAM policy: the permissions boundary of each stack's roles (bootstrap). */
import { arn, type ArnEnv } from "../../model/arn";
import { type Inputs, type ResourceType, named, physicalName, text } from "../resource-type";

const arnOf = (env: ArnEnv, name: string, inputs?: Inputs): string =>
  arn(env, "iam", `policy${text(inputs ?? {}, "path") ?? "/"}${name}`, "account");

export const iamPolicy: ResourceType = {
  token: "aws:iam/policy:Policy",
  arn: arnOf,
  reported: (name, inputs, env) => {
    const n = physicalName(name, inputs);
    const a = arnOf(env, n, inputs);
    return named(a, n, a, inputs);
  },
  calls: {
    terraform: "aws_iam_policy",
    source: "internal/service/iam/policy.go",
    declaredBy: ["bootstrap"],
    create: [
      {
        call: "CreatePolicy",
        action: "iam:CreatePolicy",
        on: "policy",
        when: "always; request carries Description, Path, PolicyDocument, PolicyName, Tags (if any)",
      },
      {
        call: "GetPolicy",
        action: "iam:GetPolicy",
        on: "policy",
        when: "always (RetryWhenNewResourceNotFound, 2m, when new)",
      },
      {
        call: "GetPolicyVersion",
        action: "iam:GetPolicyVersion",
        on: "policy",
        when: "always",
      },
    ],
    read: [
      {
        call: "GetPolicy",
        action: "iam:GetPolicy",
        on: "policy",
        when: "always (RetryWhenNewResourceNotFound, 2m, when new)",
      },
      {
        call: "GetPolicyVersion",
        action: "iam:GetPolicyVersion",
        on: "policy",
        when: "always",
      },
    ],
    update: [
      {
        call: "ListPolicyVersions",
        action: "iam:ListPolicyVersions",
        on: "policy",
        when: "if anything except tags/tags_all/delay_after_policy_creation_in_ms changed (i.e. the policy document)",
      },
      {
        call: "DeletePolicyVersion",
        action: "iam:DeletePolicyVersion",
        on: "policy",
        when: "only if the policy already has 5 versions: deletes the oldest non-default version",
      },
      {
        call: "CreatePolicyVersion",
        action: "iam:CreatePolicyVersion",
        on: "policy",
        when: "document change; SetAsDefault=true (or false when delay_after_policy_creation_in_ms is set)",
      },
      {
        call: "GetPolicy",
        action: "iam:GetPolicy",
        on: "policy",
        when: "always (RetryWhenNewResourceNotFound, 2m, when new)",
      },
      {
        call: "GetPolicyVersion",
        action: "iam:GetPolicyVersion",
        on: "policy",
        when: "always",
      },
    ],
    delete: [
      {
        call: "ListPolicyVersions",
        action: "iam:ListPolicyVersions",
        on: "policy",
        when: "always (NotFound => done)",
      },
      {
        call: "DeletePolicyVersion",
        action: "iam:DeletePolicyVersion",
        on: "policy",
        when: "once per non-default version",
      },
      {
        call: "DeletePolicy",
        action: "iam:DeletePolicy",
        on: "policy",
        when: "always; NoSuchEntity treated as success",
      },
    ],
  },
};
