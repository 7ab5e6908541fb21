/** Streams for tests; kinesalite and the stream reader live in local/services/kinesis.ts. */
import type { KinesisClient } from "@aws-sdk/client-kinesis";
import { createActiveStream } from "../../local/services/kinesis";
export { startKinesalite } from "../../local/services/kinesis";
export type { LocalKinesis } from "../../local/services/kinesis";

let streams = 0;

/** A new ACTIVE stream with a unique name, so tests never read each other's records. */
export function createStream(
  client: KinesisClient,
  shards = 2,
  name = `test-stream-${process.pid}-${++streams}`,
): Promise<string> {
  return createActiveStream(client, name, shards);
}

export { readAll } from "../../local/services/kinesis";
export type { ReadRecord } from "../../local/services/kinesis";
