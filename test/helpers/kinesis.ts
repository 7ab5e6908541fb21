/** Streams for tests; kinesalite and the stream reader live in local/stand-ins/services/kinesis.ts. */
import type { KinesisClient } from "@aws-sdk/client-kinesis";
import { createActiveStream } from "../../local/stand-ins/services/kinesis";
export { startKinesalite } from "../../local/stand-ins/services/kinesis";
export type { LocalKinesis } from "../../local/stand-ins/services/kinesis";

let streams = 0;

/** A new ACTIVE stream with a unique name, so tests never read each other's records. */
export function createStream(
  client: KinesisClient,
  shards = 2,
  name = `test-stream-${process.pid}-${++streams}`,
): Promise<string> {
  return createActiveStream(client, name, shards);
}

export { readAll } from "../../local/stand-ins/services/kinesis";
export type { ReadRecord } from "../../local/stand-ins/services/kinesis";
