/**
 * StateBackend: where every stack's Pulumi state and secrets live. The state bucket is protected,
 * versioned, KMS-encrypted, private and TLS-only, refuses every principal but the pipeline's roles and
 * the named admins, and lets each stack's deploy role alone write that stack's state. Each stack has its
 * own secrets key (its Pulumi secrets provider), so no stack's role can read another stack's secrets.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { wholeBucketRule } from "../components/storage/lifecycle";
import { secureBucket } from "../components/storage/secure-bucket";
import { bootstrapNames } from "../model/names";
import { secretsKeyPolicy, stateBucketPolicy, stateKeyPolicy } from "./policies";

export interface StateBackendArgs {
  project: string;
  partition: pulumi.Input<string>;
  accountId: pulumi.Input<string>;
  adminPrincipalArns: string[];
  /** The pipeline's roles, as created, by stack: the keys and the bucket policy name them (so they come first). */
  deployRoleArns: Record<string, pulumi.Input<string>>;
  /** The preview roles, by stack: each reads its own stack's state and decrypts its own secrets. */
  previewRoleArns: Record<string, pulumi.Input<string>>;
  noncurrentVersionDays: number;
  /** Resolves only if whoever runs the bootstrap is one of the admins: the bucket policy waits for it. */
  callerIsAdmin: pulumi.Input<boolean>;
}

export class StateBackend extends pulumi.ComponentResource {
  readonly key: aws.kms.Key;
  readonly alias: aws.kms.Alias;
  readonly bucket: aws.s3.Bucket;
  readonly secretsKeys: Record<string, aws.kms.Key> = {};
  readonly secretsAliases: Record<string, aws.kms.Alias> = {};

  constructor(name: string, args: StateBackendArgs, opts?: pulumi.ComponentResourceOptions) {
    super("punkapi:bootstrap:StateBackend", name, {}, opts);
    const names = bootstrapNames(args.project);
    const env = pulumi.all([args.accountId, args.partition]);
    const deployRoles = pulumi.output(args.deployRoleArns) as pulumi.Output<Record<string, string>>;
    const previewRoles = pulumi.output(args.previewRoleArns) as pulumi.Output<Record<string, string>>;
    const admins = args.adminPrincipalArns;
    // The roles are inputs of every key policy, so the keys come after them: KMS refuses a key policy that
    // names a principal that does not exist yet.
    const key = (id: string, description: string, policy: pulumi.Output<string>) =>
      new aws.kms.Key(
        id,
        { description, enableKeyRotation: true, deletionWindowInDays: 30, policy },
        { parent: this, protect: true },
      );

    this.key = key(
      name,
      "Encrypts the Pulumi state of the punkapi-consumer stacks (the state bucket's SSE-KMS)",
      pulumi.all([env, deployRoles, previewRoles]).apply(([[a, p], deploy, preview]) =>
        JSON.stringify(
          stateKeyPolicy(a, p, admins, {
            deployRoles: Object.values(deploy),
            previewRoles: Object.values(preview),
          }),
        ),
      ),
    );
    this.alias = new aws.kms.Alias(
      name,
      { name: `alias/${names.stateBase}`, targetKeyId: this.key.keyId },
      { parent: this },
    );

    for (const stack of Object.keys(args.deployRoleArns)) {
      this.secretsKeys[stack] = key(
        `${name}-${stack}-secrets`,
        `The ${stack} stack's Pulumi secrets provider`,
        pulumi
          .all([env, args.deployRoleArns[stack], args.previewRoleArns[stack]])
          .apply(([[a, p], deployRole, previewRole]) =>
            JSON.stringify(secretsKeyPolicy(a, p, admins, { deployRole, previewRole })),
          ),
      );
      this.secretsAliases[stack] = new aws.kms.Alias(
        `${name}-${stack}-secrets`,
        { name: names.secretsKeyAlias(stack), targetKeyId: this.secretsKeys[stack].keyId },
        { parent: this },
      );
    }

    this.bucket = secureBucket(
      name,
      {
        bucketName: pulumi.interpolate`${names.stateBase}-${args.accountId}`,
        forceDestroy: false,
        keep: true,
        kmsKeyArn: this.key.arn,
        lifecycleRules: [wholeBucketRule("noncurrent-state", args.noncurrentVersionDays)],
        policy: (arn) =>
          pulumi
            .all([env, deployRoles, previewRoles, args.callerIsAdmin])
            .apply(([[a, p], deploy, preview]) =>
              stateBucketPolicy(
                arn,
                { previewRoles: preview, deployRoles: deploy },
                admins,
                a,
                p,
                args.project,
              ),
            ),
      },
      this,
    );
    this.registerOutputs({ bucket: this.bucket.id, keyArn: this.key.arn });
  }
}
