/**
 * A lake's objects through the S3 API, as the operator commands read and write them: the same code against
 * the local s3rver and, with `--aws`, against the stack's bucket with the caller's credentials.
 */
import { gunzipSync } from "zlib";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";

export type S3 = Pick<S3Client, "send">;

/** Every key under `prefix`, in key order (ListObjectsV2, page by page). */
export async function listKeys(s3: S3, bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
    );
    for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys.sort();
}

export async function getObject(s3: S3, bucket: string, key: string): Promise<Buffer> {
  const answer = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from(await answer.Body!.transformToByteArray());
}

export async function putObject(s3: S3, bucket: string, key: string, body: Buffer | string): Promise<void> {
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
}

export async function deleteObject(s3: S3, bucket: string, key: string): Promise<void> {
  await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
}

/** An object's records (NDJSON, gzip when its key says so, as Firehose names a GZIP object), each with its newline. */
export function recordsOf(key: string, body: Buffer): Buffer[] {
  const text = (key.endsWith(".gz") ? gunzipSync(body) : body).toString("utf8");
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => Buffer.from(`${line}\n`, "utf8"));
}
