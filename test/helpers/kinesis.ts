/** kinesalite in-process on 127.0.0.1, and a reader that takes every record back out of a stream. */
import {
  CreateStreamCommand,
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
} from "@aws-sdk/client-kinesis";
import type { AddressInfo } from "net";
import type { Server } from "http";
import { createKinesisClient } from "../../handler/clients";

// kinesalite ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const kinesalite = require("kinesalite") as (options: {
  createStreamMs: number;
  shardLimit: number;
  path?: string;
}) => Server;

export interface LocalKinesis {
  endpoint: string;
  client: KinesisClient;
  close(): Promise<void>;
}

/** `path`: keep the data in LevelDB on disk (native, faster for large batches) instead of in memory. */
export async function startKinesalite(path?: string): Promise<LocalKinesis> {
  const server = kinesalite({ createStreamMs: 5, shardLimit: 10000, path });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = createKinesisClient({ region: "us-east-1", kinesisEndpoint: endpoint });
  return {
    endpoint,
    client,
    close: async () => {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let streams = 0;

/** A new ACTIVE stream, by default with a unique name, so tests never read each other's records. */
export async function createStream(
  client: KinesisClient,
  shards = 2,
  name = `test-stream-${process.pid}-${++streams}`,
): Promise<string> {
  await client.send(new CreateStreamCommand({ StreamName: name, ShardCount: shards }));
  for (;;) {
    const { StreamDescription } = await client.send(new DescribeStreamCommand({ StreamName: name }));
    if (StreamDescription?.StreamStatus === "ACTIVE") return name;
    await new Promise((r) => setTimeout(r, 5));
  }
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
