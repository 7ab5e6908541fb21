/**
 * A bucket with the secure defaults in one place (as AWS Solutions Constructs do): all four public-access
 * blocks, BucketOwnerEnforced, SSE-S3 by default, versioning, a lifecycle, and a policy that denies any
 * request without TLS. The components that own a bucket call this; the policy pack checks the result.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { PolicyDocument, tlsOnlyBucketPolicy } from "../security/policies";
import type { LifecycleRule } from "./lifecycle";

export interface SecureBucketArgs {
  bucketName: pulumi.Input<string>;
  forceDestroy: boolean;
  /** Protected and retained on delete (a bucket that keeps data). */
  keep: boolean;
  lifecycleRules: LifecycleRule[];
  /** SSE-KMS with this key (and S3 Bucket Keys); SSE-S3 when absent. */
  kmsKeyArn?: pulumi.Input<string>;
  /** The bucket policy; TLS-only by default. Whatever it adds, it must keep denying insecure transport. */
  policy?: (bucketArn: string) => pulumi.Input<PolicyDocument>;
}

export function secureBucket(name: string, args: SecureBucketArgs, parent?: pulumi.Resource): aws.s3.Bucket {
  const bucket = new aws.s3.Bucket(
    name,
    { bucket: args.bucketName, forceDestroy: args.forceDestroy },
    { parent, protect: args.keep, retainOnDelete: args.keep },
  );
  const opts = { parent };
  const publicAccess = new aws.s3.BucketPublicAccessBlock(
    name,
    {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    },
    opts,
  );
  new aws.s3.BucketOwnershipControls(
    name,
    { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
    opts,
  );
  new aws.s3.BucketServerSideEncryptionConfiguration(
    name,
    {
      bucket: bucket.id,
      rules: [
        args.kmsKeyArn
          ? {
              applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.kmsKeyArn },
              bucketKeyEnabled: true,
            }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
      ],
    },
    opts,
  );
  new aws.s3.BucketVersioning(
    name,
    { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
    opts,
  );
  new aws.s3.BucketLifecycleConfiguration(name, { bucket: bucket.id, rules: args.lifecycleRules }, opts);
  new aws.s3.BucketPolicy(
    name,
    {
      bucket: bucket.id,
      policy: bucket.arn.apply((arn) =>
        pulumi.output((args.policy ?? tlsOnlyBucketPolicy)(arn)).apply((d) => JSON.stringify(d)),
      ),
    },
    // The public-access block first: a bucket policy applied before it would be briefly unguarded.
    { parent, dependsOn: [publicAccess] },
  );
  return bucket;
}
