/** A bucket's policy (TLS only, and the stacks' grants). */
import { type ResourceType } from "../resource-type";

export const s3BucketPolicy: ResourceType = {
  token: "aws:s3/bucketPolicy:BucketPolicy",
  local: "read",
  calls: {
    terraform: "aws_s3_bucket_policy",
    source: "internal/service/s3/bucket_policy.go",
    declaredBy: ["stacks", "bootstrap"],
    create: [
      {
        call: "PutBucketPolicy",
        action: "s3:PutBucketPolicy",
        on: "bucket",
        when: "always; retried on MalformedPolicy/NoSuchBucket up to 2 min",
      },
      {
        call: "GetBucketPolicy",
        action: "s3:GetBucketPolicy",
        on: "bucket",
        when: "only on create (d.IsNewResource) - create waiter",
      },
    ],
    read: [
      {
        call: "GetBucketPolicy",
        action: "s3:GetBucketPolicy",
        on: "bucket",
        when: "always",
      },
    ],
    update: [
      {
        call: "PutBucketPolicy",
        action: "s3:PutBucketPolicy",
        on: "bucket",
        when: "always; retried on MalformedPolicy/NoSuchBucket",
      },
      {
        call: "GetBucketPolicy",
        action: "s3:GetBucketPolicy",
        on: "bucket",
        when: "update-then-read (no waiter on update)",
      },
    ],
    delete: [
      {
        call: "DeleteBucketPolicy",
        action: "s3:DeleteBucketPolicy",
        on: "bucket",
        when: "always; NoSuchBucket => success",
      },
      {
        call: "GetBucketPolicy",
        action: "s3:GetBucketPolicy",
        on: "bucket",
        when: "after a successful delete (delete waiter until NoSuchBucketPolicy)",
      },
    ],
  },
};
