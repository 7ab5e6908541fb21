/** kinesalite in-process on 127.0.0.1: the local stand-in for Kinesis Data Streams. */
import type http from "http";
import type { AddressInfo } from "net";
import type { Server } from "http";
import {
  CreateStreamCommand,
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
} from "@aws-sdk/client-kinesis";
import { createKinesisClient } from "../../../handler/clients";
import { keepIdleConnections } from "./idle-connections";

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

/** `region`: the stack's (stream ARNs carry it); `path`: keep the data in LevelDB on disk, not in memory. */
export async function startKinesalite(options: { region: string; path?: string }): Promise<LocalKinesis> {
  const { region, path } = options;
  // Bound to 127.0.0.1 in-process: kinesalite's CLI would listen on every interface.
  const server = kinesalite({ createStreamMs: 5, shardLimit: 10000, path });
  // kinesalite throws on an error of a request whose client went away (index.js: `req.on('error', function
  // (err) { throw err })`), which kills the process hosting it: a function container stopped mid-request
  // did that to test runs now and then. Such a request cannot be answered; it is dropped, as Kinesis would.
  server.prependListener("request", (req: http.IncomingMessage) => {
    const on = req.on.bind(req);
    req.on = ((event: string, listener: (...args: unknown[]) => void) =>
      event === "error" ? on("error", () => req.destroy()) : on(event, listener)) as typeof req.on;
  });
  keepIdleConnections(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = createKinesisClient({
    region,
    kinesisEndpoint: endpoint,
    credentials: undefined,
  });
  return {
    endpoint,
    client,
    close: async () => {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Creates a stream and waits until it is ACTIVE, as a deployment would before anything writes to it. */
export async function createActiveStream(
  client: KinesisClient,
  name: string,
  shards: number,
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
