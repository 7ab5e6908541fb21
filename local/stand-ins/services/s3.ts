/**
 * s3rver in-process on 127.0.0.1: the local stand-in for S3. It keeps each object on disk as
 * `<directory>/<bucket>/<key>._S3rver_object` (./s3-object-files), so the lake can be opened from the file
 * system too.
 */
import { S3Client } from "@aws-sdk/client-s3";
import type { AddressInfo } from "net";
import type { Server } from "http";
import { keepIdleConnections } from "./idle-connections";

// s3rver ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require("s3rver") as new (options: {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
}) => { run(): Promise<AddressInfo>; close(): Promise<void>; httpServer?: Server };

export interface LocalS3 {
  endpoint: string;
  directory: string;
  client: S3Client;
  /** Lets requests signed with these credentials in (a role's local credentials). */
  allow(accessKeyId: string, secretAccessKey: string): void;
  close(): Promise<void>;
}

/** An S3 client for a local endpoint: path-style, with the given credentials (s3rver's own by default). */
export function localS3Client(
  endpoint: string,
  region: string,
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } = {
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
  },
): S3Client {
  return new S3Client({ region, endpoint, forcePathStyle: true, credentials });
}

// s3rver keeps its accounts in this module; it checks each request's signature against them.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const accounts = require("s3rver/lib/models/account") as {
  DUMMY_ACCOUNT: { createKeyPair(accessKeyId: string, secretAccessKey: string): void };
};

export async function startS3rver(directory: string, region: string): Promise<LocalS3> {
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory });
  const address = await server.run();
  if (server.httpServer) keepIdleConnections(server.httpServer);
  const endpoint = `http://127.0.0.1:${address.port}`;
  const client = localS3Client(endpoint, region);
  return {
    endpoint,
    directory,
    client,
    allow: (accessKeyId, secretAccessKey) =>
      accounts.DUMMY_ACCOUNT.createKeyPair(accessKeyId, secretAccessKey),
    close: async () => {
      client.destroy();
      await server.close();
    },
  };
}
