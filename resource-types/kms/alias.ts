/** A KMS alias: the name of a stack's secrets key (bootstrap). */
import { arn, type ArnEnv } from "../../model/arn";
import { type ResourceType, named, physicalName } from "../resource-type";

const arnOf = (env: ArnEnv, name: string): string => arn(env, "kms", name);

export const kmsAlias: ResourceType = {
  token: "aws:kms/alias:Alias",
  arn: arnOf,
  reported: (name, inputs, env) => {
    const n = physicalName(name, inputs);
    return named(n, n, arnOf(env, n), inputs);
  },
  calls: {
    terraform: "aws_kms_alias",
    source: "internal/service/kms/alias.go",
    declaredBy: ["bootstrap"],
    create: [
      {
        call: "CreateAlias",
        action: "kms:CreateAlias",
        on: ["alias", "key"],
        when: "always; retried on NotFoundException up to keyRotationUpdatedTimeout=10m",
      },
      {
        call: "ListAliases",
        action: "kms:ListAliases",
        on: "*",
        when: "always (RetryWhenNewResourceNotFound, propagationTimeout, when new). Lists every alias in the region and filters by name",
      },
    ],
    read: [
      {
        call: "ListAliases",
        action: "kms:ListAliases",
        on: "*",
        when: "always (RetryWhenNewResourceNotFound, propagationTimeout, when new). Lists every alias in the region and filters by name",
      },
    ],
    update: [
      {
        call: "UpdateAlias",
        action: "kms:UpdateAlias",
        on: ["alias", "key"],
        when: "if target_key_id changed (name is ForceNew)",
      },
      {
        call: "ListAliases",
        action: "kms:ListAliases",
        on: "*",
        when: "always (RetryWhenNewResourceNotFound, propagationTimeout, when new). Lists every alias in the region and filters by name",
      },
    ],
    delete: [
      {
        call: "DeleteAlias",
        action: "kms:DeleteAlias",
        on: ["alias", "key"],
        when: "always; NotFound treated as success",
      },
    ],
  },
};
