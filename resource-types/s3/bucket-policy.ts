/** A bucket's policy (TLS only, and the stacks' grants). */
import { type ResourceType } from "../resource-type";
import type { TypeCalls } from "../calls";
import bucketPolicyCalls from "./bucket-policy.calls.json";

export const s3BucketPolicy: ResourceType = {
  token: "aws:s3/bucketPolicy:BucketPolicy",
  local: "read",
  calls: bucketPolicyCalls as TypeCalls,
};
