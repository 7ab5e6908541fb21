/** A bucket's default encryption. */
import { type ResourceType } from "../resource-type";

export const s3BucketServerSideEncryptionConfiguration: ResourceType = {
  token: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  plan: ["rules"],
  calls: {
    terraform: "aws_s3_bucket_server_side_encryption_configuration",
    source: "internal/service/s3/bucket_server_side_encryption_configuration.go",
    declaredBy: ["stacks", "bootstrap"],
    create: [
      {
        call: "PutBucketEncryption",
        action: "s3:PutEncryptionConfiguration",
        on: "bucket",
        when: "always; retried on NoSuchBucket/OperationAborted up to 2 min. Same call for SSE-S3 (AES256) and SSE-KMS (aws:kms + kms_master_key_id + bucket_key_enabled)",
      },
      {
        call: "GetBucketEncryption",
        action: "s3:GetEncryptionConfiguration",
        on: "bucket",
        when: "always (create waiter)",
      },
    ],
    read: [
      {
        call: "GetBucketEncryption",
        action: "s3:GetEncryptionConfiguration",
        on: "bucket",
        when: "always",
      },
    ],
    update: [
      {
        call: "PutBucketEncryption",
        action: "s3:PutEncryptionConfiguration",
        on: "bucket",
        when: "always; retried on NoSuchBucket/OperationAborted",
      },
      {
        call: "GetBucketEncryption",
        action: "s3:GetEncryptionConfiguration",
        on: "bucket",
        when: "update-then-read",
      },
    ],
    delete: [
      {
        call: "DeleteBucketEncryption",
        action: "s3:PutEncryptionConfiguration",
        on: "bucket",
        when: 'always; NoSuchBucket/ServerSideEncryptionConfigurationNotFoundError => success; no waiter ("bucket now always has one")',
      },
    ],
  },
};
