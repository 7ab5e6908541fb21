/** A bucket's block of all public access. */
import { type ResourceType } from "../resource-type";
import type { TypeCalls } from "../calls";
import bucketPublicAccessBlockCalls from "./bucket-public-access-block.calls.json";

export const s3BucketPublicAccessBlock: ResourceType = {
  token: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  plan: ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"],
  calls: bucketPublicAccessBlockCalls as TypeCalls,
};
