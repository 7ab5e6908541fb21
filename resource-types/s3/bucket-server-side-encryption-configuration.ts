/** A bucket's default encryption. */
import { type ResourceType } from "../resource-type";
import type { TypeCalls } from "../calls";
import bucketServerSideEncryptionConfigurationCalls from "./bucket-server-side-encryption-configuration.calls.json";

export const s3BucketServerSideEncryptionConfiguration: ResourceType = {
  token: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  plan: ["rules"],
  calls: bucketServerSideEncryptionConfigurationCalls as TypeCalls,
};
