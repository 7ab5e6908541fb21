/** A customer managed KMS key: the alarm topic's, and each stack's secrets key (bootstrap). */
import { arn, type ArnEnv } from "../../model/arn";
import { type ResourceType, generatedId } from "../resource-type";
import { line } from "../pricing";

const arnOf = (env: ArnEnv, name: string): string => arn(env, "kms", `key/${name}`);

export const kmsKey: ResourceType = {
  token: "aws:kms/key:Key",
  arn: arnOf,
  reported: (name, inputs, env) => {
    const keyId = generatedId(name);
    return { id: keyId, state: { ...inputs, keyId, arn: arnOf(env, keyId) } };
  },
  plan: ["enableKeyRotation"],
  price: (keys) => ({ lines: [line("KMS", "customer managed keys", keys.length, "kms.keyMonth")] }),
  calls: {
    terraform: "aws_kms_key",
    source: "internal/service/kms/key.go",
    declaredBy: ["stacks", "bootstrap"],
    create: [
      {
        call: "CreateKey",
        action: "kms:CreateKey",
        on: "*",
        when: "always; carries BypassPolicyLockoutSafetyCheck(false), KeySpec, KeyUsage, Description, Policy (if set), Tags (if any). Retried on MalformedPolicyDocumentException for the create timeout",
        condition: {
          StringEquals: {
            "kms:KeySpec": "SYMMETRIC_DEFAULT",
            "kms:KeyUsage": "ENCRYPT_DECRYPT",
            "kms:KeyOrigin": "AWS_KMS",
          },
          Bool: {
            "kms:MultiRegion": "false",
            "kms:BypassPolicyLockoutSafetyCheck": "false",
          },
        },
      },
      {
        call: "EnableKeyRotation",
        action: "kms:EnableKeyRotation",
        on: "key",
        when: "if enable_key_rotation=true (RotationPeriodInDays sent only if rotation_period_in_days>0); retried on NotFound/Disabled up to keyRotationUpdatedTimeout=10m",
      },
      {
        call: "GetKeyRotationStatus",
        action: "kms:GetKeyRotationStatus",
        on: "key",
        when: "if enable_key_rotation=true; polled until 5 consecutive matching reads (>=1s apart), up to 10m",
      },
      {
        call: "GetKeyPolicy",
        action: "kms:GetKeyPolicy",
        on: "key",
        when: "if policy is configured; polled until 5 consecutive equivalent reads, up to 10m",
      },
      {
        call: "DescribeKey",
        action: "kms:DescribeKey",
        on: "key",
        when: "always (whole findKeyInfo is retried while NotFound up to propagationTimeout=3m when the resource is new); PendingDeletion/PendingReplicaDeletion is treated as",
      },
      {
        call: "ListResourceTags",
        action: "kms:ListResourceTags",
        on: "key",
        when: "only if tags (incl. default_tags) are set; polled until 5 consecutive equal reads, up to 10m",
        source: "internal/service/kms/tags_gen.go",
      },
    ],
    read: [
      {
        call: "DescribeKey",
        action: "kms:DescribeKey",
        on: "key",
        when: "always (whole findKeyInfo is retried while NotFound up to propagationTimeout=3m when the resource is new); PendingDeletion/PendingReplicaDeletion is treated as NotFound",
      },
      {
        call: "GetKeyPolicy",
        action: "kms:GetKeyPolicy",
        on: "key",
        when: "always",
      },
      {
        call: "GetKeyRotationStatus",
        action: "kms:GetKeyRotationStatus",
        on: "key",
        when: "if key Origin == AWS_KMS (always for our keys)",
      },
      {
        call: "ListResourceTags",
        action: "kms:ListResourceTags",
        on: "key",
        when: "always (even when no tags are configured)",
        source: "internal/service/kms/tags_gen.go",
      },
    ],
    update: [
      {
        call: "EnableKeyRotation",
        action: "kms:EnableKeyRotation",
        on: "key",
        when: "if enable_key_rotation changed to true, or rotation_period_in_days changed while enabled",
      },
      {
        call: "GetKeyRotationStatus",
        action: "kms:GetKeyRotationStatus",
        on: "key",
        when: "after either rotation call; 5 consecutive reads",
      },
      {
        call: "UpdateKeyDescription",
        action: "kms:UpdateKeyDescription",
        on: "key",
        when: "if description changed",
      },
      {
        call: "DescribeKey",
        action: "kms:DescribeKey",
        on: "key",
        when: "after UpdateKeyDescription; 5 consecutive reads >=2s apart, up to 10m",
      },
      {
        call: "PutKeyPolicy",
        action: "kms:PutKeyPolicy",
        on: "key",
        when: 'if policy changed (PolicyName "default", BypassPolicyLockoutSafetyCheck from config); retried on NotFound/MalformedPolicyDocument up to propagationTimeout=3m',
      },
      {
        call: "GetKeyPolicy",
        action: "kms:GetKeyPolicy",
        on: "key",
        when: "after PutKeyPolicy; 5 consecutive equivalent reads",
      },
      {
        call: "ListResourceTags",
        action: "kms:ListResourceTags",
        on: "key",
        when: "after any Tag/UntagResource; 5 consecutive equal reads, up to 10m",
        source: "internal/service/kms/tags_gen.go",
      },
    ],
    delete: [
      {
        call: "ScheduleKeyDeletion",
        action: "kms:ScheduleKeyDeletion",
        on: "key",
        when: 'always; PendingWindowInDays = deletion_window_in_days if set. NotFound or "is pending deletion" treated as success',
      },
      {
        call: "DescribeKey",
        action: "kms:DescribeKey",
        on: "key",
        when: "polled until the key leaves Enabled/Disabled (PendingDeletion counts as gone), up to 20m",
      },
    ],
  },
};
