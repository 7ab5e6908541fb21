/**
 * Which IAM action an AWS API request needs, and on which resource, as AWS authorises it: Kinesis's JSON
 * protocol (the operation in X-Amz-Target, the stream in the body) and S3's REST API (path-style). Only
 * what the local run's callers send; anything else is named as unsupported rather than guessed.
 */
import type { AwsEnv } from "../../../model/names";
import { kinesisStream } from "../../../resource-types/kinesis/stream";
import { s3Bucket } from "../../../resource-types/s3/bucket";

export interface Authorization {
  action: string;
  resource: string;
}

/** The access key id of a SigV4-signed request, or undefined when unsigned. */
export function accessKeyOf(authorization: string | undefined): string | undefined {
  return /Credential=([^/]+)\//.exec(authorization ?? "")?.[1];
}

/**
 * A Kinesis request. GetRecords names a shard iterator, not a stream: the caller passes the stream the
 * iterator was issued for.
 */
export function kinesisAuthorization(
  target: string | undefined,
  body: { StreamName?: string; StreamARN?: string },
  env: AwsEnv,
  iteratorStream?: string,
): Authorization {
  const operation = /^Kinesis_\d+\.(\w+)$/.exec(target ?? "")?.[1];
  if (!operation) throw new Error(`not a Kinesis request (X-Amz-Target "${target ?? ""}")`);
  const stream = body.StreamARN ?? body.StreamName ?? iteratorStream;
  if (!stream) throw new Error(`kinesis:${operation} names no stream`);
  const resource = stream.startsWith("arn:") ? stream : kinesisStream.arn!(env, stream);
  return { action: `kinesis:${operation}`, resource };
}

/** An S3 request, path-style: /<bucket>[/<key>][?query]. */
export function s3Authorization(
  method: string,
  url: string,
  partition: string,
  copySource?: string,
): Authorization {
  const parsed = new URL(url, "http://local");
  const [, bucket, ...rest] = decodeURIComponent(parsed.pathname).split("/");
  const key = rest.join("/");
  const q = parsed.searchParams;
  const bucketArn = s3Bucket.arn!({ partition, accountId: "" }, bucket);
  if (!bucket) throw new Error("an S3 request with no bucket (ListBuckets) is not made locally");
  if (key) {
    const objectArn = `${bucketArn}/${key}`;
    if (method === "GET" || method === "HEAD") return { action: "s3:GetObject", resource: objectArn };
    if (method === "DELETE")
      return {
        action: q.has("uploadId") ? "s3:AbortMultipartUpload" : "s3:DeleteObject",
        resource: objectArn,
      };
    if (method === "PUT" || method === "POST") {
      // A copy needs s3:GetObject on its source too, one request judged twice: not made locally, so named.
      if (copySource)
        throw new Error(`S3 copy from ${copySource} to ${objectArn}: not made by the local run`);
      return { action: "s3:PutObject", resource: objectArn };
    }
  } else {
    if (method === "PUT" && [...q.keys()].length === 0)
      return { action: "s3:CreateBucket", resource: bucketArn };
    if (method === "GET" && q.has("location")) return { action: "s3:GetBucketLocation", resource: bucketArn };
    if (method === "GET" && q.has("uploads"))
      return { action: "s3:ListBucketMultipartUploads", resource: bucketArn };
    if (method === "GET" && q.has("versions"))
      return { action: "s3:ListBucketVersions", resource: bucketArn };
    if (
      (method === "GET" || method === "HEAD") &&
      ![...q.keys()].some(
        (k) =>
          ![
            "list-type",
            "prefix",
            "delimiter",
            "max-keys",
            "continuation-token",
            "start-after",
            "encoding-type",
            "marker",
          ].includes(k),
      )
    )
      return { action: "s3:ListBucket", resource: bucketArn };
  }
  throw new Error(
    `S3 ${method} ${parsed.pathname}${parsed.search}: not a request the local run maps to an action`,
  );
}
