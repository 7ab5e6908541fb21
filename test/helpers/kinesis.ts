/** Streams for tests, and a reader that takes every record back out of a stream. */
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
} from "@aws-sdk/client-kinesis";

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

export interface ReadRecord {
  data: Buffer;
  partitionKey: string;
  shardId: string;
}

/** Every record in every shard, from TRIM_HORIZON to the tip. */
export async function readAll(client: KinesisClient, streamName: string): Promise<ReadRecord[]> {
  const { StreamDescription } = await client.send(new DescribeStreamCommand({ StreamName: streamName }));
  const out: ReadRecord[] = [];
  for (const shard of StreamDescription?.Shards ?? []) {
    let { ShardIterator: iterator } = await client.send(
      new GetShardIteratorCommand({
        StreamName: streamName,
        ShardId: shard.ShardId,
        ShardIteratorType: "TRIM_HORIZON",
      }),
    );
    while (iterator) {
      const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 10000 }));
      for (const r of page.Records ?? []) {
        out.push({
          data: Buffer.from(r.Data ?? []),
          partitionKey: r.PartitionKey ?? "",
          shardId: shard.ShardId ?? "",
        });
      }
      if (!page.Records?.length && page.MillisBehindLatest === 0) break;
      iterator = page.NextShardIterator;
    }
  }
  return out;
}
