/**
 * StateBackend: where every stack's Pulumi state lives, and the key that encrypts it and the stacks'
 * secrets. The bucket is protected, versioned, KMS-encrypted, private and TLS-only, and refuses every
 * principal but the pipeline's roles and the named admins.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { secureBucket } from "../components/storage/secure-bucket";
import { stateBucketPolicy, stateKeyPolicy } from "./policies";

export interface StateBackendArgs {
  /** Name base of the bucket, key and alias. */
  base: string;
  partition: pulumi.Input<string>;
  accountId: pulumi.Input<string>;
  adminPrincipalArns: string[];
  /** The pipeline's roles: they may use the key (the preview role only to decrypt) and the bucket. */
  deployRoleArns: pulumi.Input<string[]>;
  previewRoleArn: pulumi.Input<string>;
  noncurrentVersionDays: number;
}

export class StateBackend extends pulumi.ComponentResource {
  readonly key: aws.kms.Key;
  readonly alias: aws.kms.Alias;
  readonly bucket: aws.s3.Bucket;

  constructor(name: string, args: StateBackendArgs, opts?: pulumi.ComponentResourceOptions) {
    super("punkapi:bootstrap:StateBackend", name, {}, opts);
    this.key = new aws.kms.Key(
      name,
      {
        description:
          "Encrypts the Pulumi state of the punkapi-consumer stacks, and is their secrets provider",
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: pulumi
          .all([args.accountId, args.partition, args.deployRoleArns, args.previewRoleArn])
          .apply(([a, p, deployRoles, previewRole]) =>
            JSON.stringify(stateKeyPolicy(a, p, args.adminPrincipalArns, { deployRoles, previewRole })),
          ),
      },
      // The roles are inputs of the policy, so the key is created after them: KMS refuses a key policy that
      // names a principal that does not exist yet.
      { parent: this, protect: true },
    );
    this.alias = new aws.kms.Alias(
      name,
      { name: `alias/${args.base}`, targetKeyId: this.key.keyId },
      { parent: this },
    );
    this.bucket = secureBucket(
      name,
      {
        bucketName: pulumi.interpolate`${args.base}-${args.accountId}`,
        forceDestroy: false,
        keep: true,
        kmsKeyArn: this.key.arn,
        lifecycleRules: [
          {
            id: "noncurrent-state",
            status: "Enabled",
            filter: { prefix: "" },
            noncurrentVersionExpiration: { noncurrentDays: args.noncurrentVersionDays },
            abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
          },
        ],
        policy: (arn) =>
          pulumi
            .all([args.deployRoleArns, args.previewRoleArn])
            .apply(([deploy, preview]) =>
              stateBucketPolicy(arn, [preview, ...deploy, ...args.adminPrincipalArns]),
            ),
      },
      this,
    );
    this.registerOutputs({ bucket: this.bucket.id, keyArn: this.key.arn });
  }
}
