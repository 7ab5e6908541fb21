/** A bucket's lifecycle rules (expiry per zone). */
import { type ResourceType } from "../resource-type";

export const s3BucketLifecycleConfiguration: ResourceType = {
  token: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  plan: ["rules"],
  calls: {
    terraform: "aws_s3_bucket_lifecycle_configuration",
    source: "internal/service/s3/bucket_lifecycle_configuration.go",
    declaredBy: ["stacks", "bootstrap"],
    create: [
      {
        call: "PutBucketLifecycleConfiguration",
        action: "s3:PutLifecycleConfiguration",
        on: "bucket",
        when: "always; retried on NoSuchBucket up to 2 min",
      },
      {
        call: "GetBucketLifecycleConfiguration",
        action: "s3:GetLifecycleConfiguration",
        on: "bucket",
        when: "always (create waiter; ContinuousTargetOccurence=3, MinTimeout=10s => at least 3 calls, ~30 s)",
      },
    ],
    read: [
      {
        call: "GetBucketLifecycleConfiguration",
        action: "s3:GetLifecycleConfiguration",
        on: "bucket",
        when: "always; repeated (retry.RetryContext up to 2 min) until two consecutive responses have equal rules => at least 2 calls",
      },
    ],
    update: [
      {
        call: "PutBucketLifecycleConfiguration",
        action: "s3:PutLifecycleConfiguration",
        on: "bucket",
        when: "always",
      },
      {
        call: "GetBucketLifecycleConfiguration",
        action: "s3:GetLifecycleConfiguration",
        on: "bucket",
        when: ">=3 calls",
      },
    ],
    delete: [
      {
        call: "DeleteBucketLifecycle",
        action: "s3:PutLifecycleConfiguration",
        on: "bucket",
        when: "always; NoSuchBucket/NoSuchLifecycleConfiguration => success",
      },
      {
        call: "GetBucketLifecycleConfiguration",
        action: "s3:GetLifecycleConfiguration",
        on: "bucket",
        when: "after a successful delete (delete waiter)",
      },
    ],
  },
};
