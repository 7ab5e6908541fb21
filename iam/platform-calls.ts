/**
 * What the platform itself calls, beside the resource types (resource-types/): the AWS provider's own
 * checks, the Pulumi DIY backend on S3 and the awskms:// secrets provider. Read from the source of
 * hashicorp/terraform-provider-aws and pulumi/pulumi.
 */
import type { TypeCalls } from "../resource-types/calls";

export const PLATFORM_CALLS = {
  "pulumi:providers:aws": {
    terraform: "provider configuration",
    source: "pulumi/pulumi-aws provider/config.go; internal/conns/config.go",
    declaredBy: ["stacks", "bootstrap"],
    create: [],
    read: [
      {
        call: "GetCallerIdentity",
        action: "sts:GetCallerIdentity",
        on: "*",
        when: "twice per provider process: Pulumi's credential check, then the provider's account lookup",
      },
    ],
    update: [],
    delete: [],
  },
  "pulumi:backend:diy-s3": {
    terraform: "Pulumi DIY backend on S3 (project-scoped layout)",
    source: "pulumi/pulumi pkg/backend/diy (backend.go, lock.go, state.go); gocloud.dev/blob/s3blob",
    declaredBy: ["stacks"],
    create: [
      {
        call: "PutObject",
        action: "s3:PutObject",
        on: "stateMeta",
        when: "stack init on a bucket never used before: .pulumi/meta.yaml",
        adminOnly:
          "stack init (and the first write of .pulumi/meta.yaml, which every stack shares) is an administrator's step",
      },
      {
        call: "(S3 on the writer's behalf) GenerateDataKey",
        action: "kms:GenerateDataKey",
        on: "stateKey",
        when: "the PutObject of .pulumi/meta.yaml",
        adminOnly:
          "stack init (and the first write of .pulumi/meta.yaml, which every stack shares) is an administrator's step",
      },
    ],
    read: [
      {
        call: "ListObjectsV2",
        action: "s3:ListBucket",
        on: "stateBucket",
        when: "every command: existence checks (without it a missing key is a 403, not a 404) and the stacks listing",
      },
      {
        call: "GetObject",
        action: "s3:GetObject",
        on: "stateMeta",
        when: "every command: .pulumi/meta.yaml",
      },
      {
        call: "GetObject",
        action: "s3:GetObject",
        on: "stackState",
        when: "every command: .pulumi/stacks/<project>/<stack>.json and .pulumi-tags (preview, with or without --refresh, takes no lock and writes nothing)",
      },
      {
        call: "(S3 on the reader's behalf) Decrypt",
        action: "kms:Decrypt",
        on: "stateKey",
        when: "every GetObject of the state: the bucket encrypts with the state key (SSE-KMS)",
      },
    ],
    update: [
      {
        call: "PutObject",
        action: "s3:PutObject",
        on: "stackLocks",
        when: "up, destroy, refresh: the stack's lock .pulumi/locks/organization/<project>/<stack>/<id>.json",
      },
      {
        call: "GetObject",
        action: "s3:GetObject",
        on: "stackLocks",
        when: "another lock exists (the command then fails), and on unlock",
      },
      {
        call: "DeleteObject",
        action: "s3:DeleteObject",
        on: "stackLocks",
        when: "unlock at the end of up, destroy, refresh",
      },
      {
        call: "PutObject",
        action: "s3:PutObject",
        on: "stackState",
        when: "each snapshot save (stack file and its .bak copy), the history entry and checkpoint, the backup",
      },
      {
        call: "(S3 on the writer's behalf) GenerateDataKey",
        action: "kms:GenerateDataKey",
        on: "stateKey",
        when: "every PutObject of the state (SSE-KMS with the state key)",
      },
    ],
    delete: [],
  },
  "pulumi:secrets:awskms": {
    terraform: "Pulumi secrets provider awskms://",
    source: "pulumi/pulumi pkg/secrets/cloud; gocloud.dev/secrets/awskms",
    declaredBy: ["stacks"],
    create: [
      {
        call: "Encrypt",
        action: "kms:Encrypt",
        on: "stackSecretsKey",
        when: "stack init: the stack's data key, generated locally, encrypted once",
        adminOnly:
          "stack init (and the first write of .pulumi/meta.yaml, which every stack shares) is an administrator's step",
      },
    ],
    read: [
      {
        call: "Decrypt",
        action: "kms:Decrypt",
        on: "stackSecretsKey",
        when: "every command: the stack's data key (Decrypt names no key, so the grant is on the key ARN)",
      },
    ],
    update: [],
    delete: [],
  },
} satisfies Record<string, TypeCalls>;
