/** A bucket's versioning. */
import { type ResourceType } from "../resource-type";
import type { TypeCalls } from "../calls";
import bucketVersioningCalls from "./bucket-versioning.calls.json";

export const s3BucketVersioning: ResourceType = {
  token: "aws:s3/bucketVersioning:BucketVersioning",
  plan: ["versioningConfiguration"],
  calls: bucketVersioningCalls as TypeCalls,
};
