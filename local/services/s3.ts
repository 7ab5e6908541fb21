/**
 * s3rver in-process on 127.0.0.1: the local stand-in for S3. It keeps each object on disk as
 * `<directory>/<bucket>/<key>._S3rver_object`, so the lake can be opened from the file system too.
 */
import { S3Client } from "@aws-sdk/client-s3";
import type { AddressInfo } from "net";
import type { Server } from "http";

// s3rver ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require("s3rver") as new (options: {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
}) => { run(): Promise<AddressInfo>; close(): Promise<void>; httpServer?: Server };

export const S3RVER_OBJECT_SUFFIX = "._S3rver_object";

export interface LocalS3 {
  endpoint: string;
  directory: string;
  client: S3Client;
  close(): Promise<void>;
}

export async function startS3rver(directory: string): Promise<LocalS3> {
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory });
  const address = await server.run();
  const endpoint = `http://127.0.0.1:${address.port}`;
  const client = new S3Client({
    region: "us-east-1",
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  });
  return {
    endpoint,
    directory,
    client,
    close: async () => {
      client.destroy();
      await server.close();
    },
  };
}
