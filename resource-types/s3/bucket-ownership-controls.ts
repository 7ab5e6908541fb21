/** A bucket's object ownership (ACLs disabled). */
import { type ResourceType } from "../resource-type";

export const s3BucketOwnershipControls: ResourceType = {
  token: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
  plan: ["rule"],
  calls: {
    terraform: "aws_s3_bucket_ownership_controls",
    source: "internal/service/s3/bucket_ownership_controls.go",
    declaredBy: ["stacks", "bootstrap"],
    create: [
      {
        call: "PutBucketOwnershipControls",
        action: "s3:PutBucketOwnershipControls",
        on: "bucket",
        when: "always",
      },
      {
        call: "GetBucketOwnershipControls",
        action: "s3:GetBucketOwnershipControls",
        on: "bucket",
        when: "always (create waiter)",
      },
    ],
    read: [
      {
        call: "GetBucketOwnershipControls",
        action: "s3:GetBucketOwnershipControls",
        on: "bucket",
        when: "always",
      },
    ],
    update: [
      {
        call: "PutBucketOwnershipControls",
        action: "s3:PutBucketOwnershipControls",
        on: "bucket",
        when: "always",
      },
      {
        call: "GetBucketOwnershipControls",
        action: "s3:GetBucketOwnershipControls",
        on: "bucket",
        when: "update-then-read",
      },
    ],
    delete: [
      {
        call: "DeleteBucketOwnershipControls",
        action: "s3:PutBucketOwnershipControls",
        on: "bucket",
        when: "always; retried on OperationAborted up to 5 min; NoSuchBucket/OwnershipControlsNotFoundError => success",
      },
      {
        call: "GetBucketOwnershipControls",
        action: "s3:GetBucketOwnershipControls",
        on: "bucket",
        when: "after a successful delete (delete waiter)",
      },
    ],
  },
};
