/** A bucket's versioning. */
import { type ResourceType } from "../resource-type";

export const s3BucketVersioning: ResourceType = {
  token: "aws:s3/bucketVersioning:BucketVersioning",
  plan: ["versioningConfiguration"],
  calls: {
    terraform: "aws_s3_bucket_versioning",
    source: "internal/service/s3/bucket_versioning.go",
    declaredBy: ["stacks", "bootstrap"],
    create: [
      {
        call: "PutBucketVersioning",
        action: "s3:PutBucketVersioning",
        on: "bucket",
        when: 'unless versioning_configuration.status == "Disabled" (then no API write, state-only adoption); retried on NoSuchBucket',
      },
      {
        call: "GetBucketVersioning",
        action: "s3:GetBucketVersioning",
        on: "bucket",
        when: "create-then-read; repeated: StateChangeConf ContinuousTargetOccurence=3, Delay=1s => at least 3 calls",
      },
    ],
    read: [
      {
        call: "GetBucketVersioning",
        action: "s3:GetBucketVersioning",
        on: "bucket",
        when: "always; at least 3 calls (ContinuousTargetOccurence=3)",
      },
    ],
    update: [
      {
        call: "PutBucketVersioning",
        action: "s3:PutBucketVersioning",
        on: "bucket",
        when: "always",
      },
      {
        call: "GetBucketVersioning",
        action: "s3:GetBucketVersioning",
        on: "bucket",
        when: "update-then-read, >=3 calls",
      },
    ],
    delete: [
      {
        call: "PutBucketVersioning",
        action: "s3:PutBucketVersioning",
        on: "bucket",
        when: 'unless the configured status is "Disabled"; NoSuchBucket => success; InvalidBucketState (object lock present) => removed from state with warning; no waiter',
      },
    ],
  },
};
