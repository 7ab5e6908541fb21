/** An S3 bucket: the lake and the query results (and the bootstrap's state). */
import { arn, type ArnEnv } from "../../model/arn";
import { type ResourceType, physicalName } from "../resource-type";
import type { TypeCalls } from "../calls";
import bucketCalls from "./bucket.calls.json";

const arnOf = (env: ArnEnv, name: string): string => arn(env, "s3", name, "global");

export const s3Bucket: ResourceType = {
  token: "aws:s3/bucket:Bucket",
  arn: arnOf,
  reported: (name, inputs, env) => {
    const bucket = physicalName(name, inputs, "bucket");
    return { id: bucket, state: { ...inputs, bucket, arn: arnOf(env, bucket) } };
  },
  plan: ["bucket", "forceDestroy"],
  local: "realised",
  calls: bucketCalls as TypeCalls,
};
