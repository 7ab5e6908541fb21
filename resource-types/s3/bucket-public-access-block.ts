/** A bucket's block of all public access. */
import { type ResourceType } from "../resource-type";

export const s3BucketPublicAccessBlock: ResourceType = {
  token: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  plan: ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"],
  calls: {
    terraform: "aws_s3_bucket_public_access_block",
    source: "internal/service/s3/bucket_public_access_block.go",
    declaredBy: ["stacks", "bootstrap"],
    create: [
      {
        call: "PutPublicAccessBlock",
        action: "s3:PutBucketPublicAccessBlock",
        on: "bucket",
        when: "always; retried on NoSuchBucket for up to 2 min (bucketPropagationTimeout)",
      },
      {
        call: "GetPublicAccessBlock",
        action: "s3:GetBucketPublicAccessBlock",
        on: "bucket",
        when: "always (create waiter)",
      },
    ],
    read: [
      {
        call: "GetPublicAccessBlock",
        action: "s3:GetBucketPublicAccessBlock",
        on: "bucket",
        when: "always",
      },
    ],
    update: [
      {
        call: "PutPublicAccessBlock",
        action: "s3:PutBucketPublicAccessBlock",
        on: "bucket",
        when: "always; no Read after Update (eventual consistency workaround)",
      },
    ],
    delete: [
      {
        call: "DeletePublicAccessBlock",
        action: "s3:PutBucketPublicAccessBlock",
        on: "bucket",
        when: "unless skip_destroy=true; NoSuchBucket/NoSuchPublicAccessBlockConfiguration => success",
      },
      {
        call: "GetPublicAccessBlock",
        action: "s3:GetBucketPublicAccessBlock",
        on: "bucket",
        when: "after a successful delete (delete waiter until NoSuchPublicAccessBlockConfiguration)",
      },
    ],
  },
};
