/** A bucket's lifecycle rules (expiry per zone). */
import { type ResourceType } from "../resource-type";
import type { TypeCalls } from "../calls";
import bucketLifecycleConfigurationCalls from "./bucket-lifecycle-configuration.calls.json";

export const s3BucketLifecycleConfiguration: ResourceType = {
  token: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  plan: ["rules"],
  calls: bucketLifecycleConfigurationCalls as TypeCalls,
};
