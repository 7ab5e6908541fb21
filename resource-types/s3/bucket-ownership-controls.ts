/** A bucket's object ownership (ACLs disabled). */
import { type ResourceType } from "../resource-type";
import type { TypeCalls } from "../calls";
import bucketOwnershipControlsCalls from "./bucket-ownership-controls.calls.json";

export const s3BucketOwnershipControls: ResourceType = {
  token: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
  plan: ["rule"],
  calls: bucketOwnershipControlsCalls as TypeCalls,
};
