/**
 * The local Firehose delivery stream (local/stand-ins/firehose/delivery-loop.ts) against kinesalite and s3rver
 * in-process, and its Parquet conversion (local/stand-ins/firehose/parquet.ts) read back with DuckDB. The loop's time
 * is a fake clock that moves only when a test ticks it, by the wait the loop asked for: a test runs the
 * loop one pass at a time and says what each pass did, however busy the machine is. No assertion depends on
 * how long anything takes; the object names' write time is held to the wall-clock bounds around the write.
 */
import { expect } from "chai";
import fs from "fs";
import path from "path";
import { gunzipSync } from "zlib";
import { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetRecordsCommandOutput,
  GetShardIteratorCommand,
  KinesisClient,
  PutRecordCommand,
  SplitShardCommand,
} from "@aws-sdk/client-kinesis";
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import {
  DeliveredObject,
  DeliveryLoop,
  DeliveryLoopOptions,
} from "../../local/stand-ins/firehose/delivery-loop";
import { ParquetEncoder } from "../../local/stand-ins/firehose/parquet";
import { LocalS3, startS3rver } from "../../local/stand-ins/services/s3";
import { removeTempDir, tempDir } from "../../local/support/temp-dirs";
import type { Timers } from "../../local/support/timers";
import { Column, CURATED_COLUMNS } from "../../schema/beer-schema";
import { fakeTimers, until } from "../helpers/fake-timers";
import { createStream, LocalKinesis, startKinesalite } from "../helpers/kinesis";

const REGION = "us-east-1";
/** The fake clock's start: any instant other than 0 (an interval opened at 0 would read as none). */
const START = Date.parse("2026-01-01T00:00:00Z");
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
/** A prefix that shows the oldest record's arrival to the millisecond. */
const MS_PREFIX = "raw/at=!{timestamp:yyyy-MM-dd'T'HH:mm:ss.SSS}/";

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The loop's timers on a fake clock, with every wait it asks for recorded: `asleep(n)` waits (in real
 * time) until the loop has asked for its n-th wait, `pass()` ends the last wait asked for and waits until
 * the loop has made its next pass and asked for the next one.
 */
function driven() {
  const { clock, timers } = fakeTimers(START);
  const waits: number[] = [];
  const recording: Timers = {
    ...timers,
    setTimeout: (callback, ms) => {
      waits.push(ms);
      return timers.setTimeout(callback, ms);
    },
  };
  return {
    clock,
    waits,
    timers: recording,
    asleep: (n = 1) => until(() => waits.length >= n),
    async pass(): Promise<void> {
      const n = waits.length;
      clock.tick(waits[n - 1]);
      await until(() => waits.length > n);
    },
    /** Stops a loop that is asleep: its wait ends, it sees it is stopping, and stop() does the rest. */
    async stop(loop: DeliveryLoop): Promise<void> {
      const stopping = loop.stop();
      clock.tick(waits[waits.length - 1]);
      await stopping;
    },
  };
}

/** A client that sends each command through `around`, which may change it, answer it or fail it. */
function intercepted(
  client: KinesisClient,
  around: (command: object, send: (command: object) => Promise<unknown>) => Promise<unknown>,
): KinesisClient {
  const send = (command: object) =>
    around(command, (c) => client.send(c as GetRecordsCommand) as Promise<unknown>);
  return new Proxy(client, {
    get: (target, prop, receiver) => (prop === "send" ? send : Reflect.get(target, prop, receiver)),
  });
}

/** Counts the GetRecords calls the loop makes through it. */
function counting(client: KinesisClient) {
  const counter = { getRecords: 0, client };
  counter.client = intercepted(client, (command, send) => {
    if (command instanceof GetRecordsCommand) counter.getRecords++;
    return send(command);
  });
  return counter;
}

describe("the local Firehose delivery stream", function () {
  this.timeout(60_000);
  let kinesis: LocalKinesis;
  let s3: LocalS3;
  let s3Dir: string;
  let buckets = 0;

  before(async () => {
    kinesis = await startKinesalite({ region: REGION });
    s3Dir = tempDir("punkapi-firehose-test-");
    s3 = await startS3rver(s3Dir, REGION);
  });
  after(async () => {
    await kinesis?.close();
    await s3?.close();
    removeTempDir(s3Dir);
  });

  async function newBucket(): Promise<string> {
    const bucket = `firehose-test-${++buckets}`;
    await s3.client.send(new CreateBucketCommand({ Bucket: bucket }));
    return bucket;
  }

  /** The first hash key of each shard, in the stream's order: a record put with it lands in that shard. */
  async function shardKeys(streamName: string): Promise<string[]> {
    const { StreamDescription } = await kinesis.client.send(
      new DescribeStreamCommand({ StreamName: streamName }),
    );
    return (StreamDescription?.Shards ?? []).map((s) => s.HashKeyRange!.StartingHashKey!);
  }

  /**
   * Puts each text into the shard at its index, in the order given, each arriving at a later millisecond
   * than the one before (kinesalite stamps arrival with the wall clock).
   */
  async function put(streamName: string, records: [shard: number, text: string][]): Promise<void> {
    const keys = await shardKeys(streamName);
    for (const [shard, text] of records) {
      await kinesis.client.send(
        new PutRecordCommand({
          StreamName: streamName,
          Data: Buffer.from(text),
          PartitionKey: "k",
          ExplicitHashKey: keys[shard],
        }),
      );
      const afterPut = Date.now();
      await until(() => Date.now() > afterPut);
    }
  }

  /** Each record's arrival time as Kinesis stamps it, by its text, read here shard by shard. */
  async function arrivals(streamName: string): Promise<Map<string, Date>> {
    const { StreamDescription } = await kinesis.client.send(
      new DescribeStreamCommand({ StreamName: streamName }),
    );
    const out = new Map<string, Date>();
    for (const shard of StreamDescription?.Shards ?? []) {
      const { ShardIterator } = await kinesis.client.send(
        new GetShardIteratorCommand({
          StreamName: streamName,
          ShardId: shard.ShardId,
          ShardIteratorType: "TRIM_HORIZON",
        }),
      );
      const page = await kinesis.client.send(new GetRecordsCommand({ ShardIterator }));
      for (const r of page.Records ?? [])
        out.set(Buffer.from(r.Data!).toString(), r.ApproximateArrivalTimestamp!);
    }
    return out;
  }

  async function objectsIn(bucket: string, client: S3Client = s3.client) {
    const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
    const out: { key: string; body: Buffer }[] = [];
    for (const { Key } of listed.Contents ?? []) {
      const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key }));
      out.push({ key: Key!, body: Buffer.from(await got.Body!.transformToByteArray()) });
    }
    return out;
  }

  /** The parts of a Firehose object name: `<prefix><stream>-1-<yyyy-MM-dd-HH-mm-ss>-<uuid><extension>`. */
  function nameParts(key: string, prefix: string, deliveryStream: string, extension: string) {
    const match = new RegExp(
      `^${escape(prefix + deliveryStream)}-1-(\\d{4})-(\\d{2})-(\\d{2})-(\\d{2})-(\\d{2})-(\\d{2})-(${UUID})${escape(extension)}$`,
    ).exec(key);
    expect(match, key).to.not.equal(null);
    const [y, mo, d, h, mi, s] = match!.slice(1, 7).map(Number);
    return { writtenAt: Date.UTC(y, mo - 1, d, h, mi, s), uuid: match![7] };
  }

  /** `2026-01-02T03:04:05.678`: an instant in UTC, to the millisecond, as MS_PREFIX renders it. */
  const ms = (d: Date) => d.toISOString().slice(0, 23);

  function options(
    over: Partial<DeliveryLoopOptions> & Pick<DeliveryLoopOptions, "streamName" | "bucket">,
  ): DeliveryLoopOptions {
    return {
      kinesis: kinesis.client,
      s3: s3.client,
      deliveryStreamName: "punkapi-raw",
      prefix: MS_PREFIX,
      bufferingSizeMb: 1,
      bufferingIntervalMs: 60_000,
      compression: "GZIP",
      pollMs: 100,
      ...over,
    };
  }

  describe("its settings", () => {
    it("refuses a compression it does not do locally, naming the delivery stream and the value", () => {
      for (const compression of ["Snappy", "ZIP", "HADOOP_SNAPPY", "gzip", ""])
        expect(() => new DeliveryLoop(options({ streamName: "s", bucket: "b", compression }))).to.throw(
          `punkapi-raw: compression ${compression} is not supported locally (GZIP, UNCOMPRESSED)`,
        );
      for (const compression of ["GZIP", "UNCOMPRESSED"])
        expect(() => new DeliveryLoop(options({ streamName: "s", bucket: "b", compression }))).to.not.throw();
    });

    it("waits 150 ms between reads by default, the buffering interval when that is shorter, or the poll given", async () => {
      const streamName = await createStream(kinesis.client, 1);
      const bucket = await newBucket();
      const cases: [Partial<DeliveryLoopOptions>, number][] = [
        [{ bufferingIntervalMs: 60_000, pollMs: undefined }, 150],
        [{ bufferingIntervalMs: 150, pollMs: undefined }, 150],
        [{ bufferingIntervalMs: 40, pollMs: undefined }, 40],
        [{ bufferingIntervalMs: 60_000, pollMs: 7 }, 7],
        [{ bufferingIntervalMs: 40, pollMs: 300 }, 300],
      ];
      for (const [over, expected] of cases) {
        const t = driven();
        const loop = new DeliveryLoop(options({ streamName, bucket, ...over, timers: t.timers }));
        await loop.start();
        await t.asleep(1);
        await t.pass();
        await t.pass();
        expect(t.waits, JSON.stringify(over)).to.deep.equal([expected, expected, expected]);
        await t.stop(loop);
      }
    });
  });

  describe("objects", () => {
    it("reads every shard from its oldest record, and writes a GZIP buffer as the gzip of its records, named from the oldest arrival", async () => {
      const streamName = await createStream(kinesis.client, 2);
      const bucket = await newBucket();
      // Arrival order r1 < r2 < r3; the buffer holds shard 0's record, then shard 1's: r2, r1, r3. The
      // oldest is neither the first nor the last in the buffer.
      await put(streamName, [
        [1, '{"n":1}\n'],
        [0, '{"n":2}\n'],
        [1, '{"n":3}\n'],
      ]);
      const arrived = await arrivals(streamName);
      const [t1, t2, t3] = ['{"n":1}\n', '{"n":2}\n', '{"n":3}\n'].map((k) => arrived.get(k)!);
      expect(t1.getTime()).to.be.lessThan(t2.getTime());
      expect(t2.getTime()).to.be.lessThan(t3.getTime());

      const t = driven();
      const seen: DeliveredObject[] = [];
      const loop = new DeliveryLoop(
        options({ streamName, bucket, timers: t.timers, onObject: (o) => seen.push(o) }),
      );
      await loop.start();
      await t.asleep(1);
      expect(loop.stats).to.deep.equal({
        shards: 2,
        recordsRead: 3,
        recordsDelivered: 0,
        objects: [],
        recordsFailed: 0,
        errorObjects: [],
      });
      expect(await objectsIn(bucket)).to.deep.equal([]);

      const before = Date.now();
      await loop.flush();
      const after = Date.now();
      const objects = await objectsIn(bucket);
      expect(objects).to.have.length(1);
      const [{ key, body }] = objects;
      const prefix = `raw/at=${ms(t1)}/`;
      const { writtenAt } = nameParts(key, prefix, "punkapi-raw", ".gz");
      expect(writtenAt).to.be.within(Math.floor(before / 1000) * 1000, after);
      expect(body.subarray(0, 2)).to.deep.equal(Buffer.from([0x1f, 0x8b]));
      expect(gunzipSync(body).toString()).to.equal('{"n":2}\n{"n":1}\n{"n":3}\n');
      const object = { key, records: 3, bytes: body.length, oldestArrival: t1 };
      expect(loop.stats).to.deep.equal({
        shards: 2,
        recordsRead: 3,
        recordsDelivered: 3,
        objects: [object],
        recordsFailed: 0,
        errorObjects: [],
      });
      expect(seen).to.deep.equal([object]);
      await t.stop(loop);
      expect(await objectsIn(bucket)).to.have.length(1);
    });

    it("reads a stream of three shards, each from TRIM_HORIZON", async () => {
      const streamName = await createStream(kinesis.client, 3);
      const bucket = await newBucket();
      await put(streamName, [
        [2, "c\n"],
        [0, "a\n"],
        [1, "b\n"],
      ]);
      const t = driven();
      const loop = new DeliveryLoop(
        options({ streamName, bucket, compression: "UNCOMPRESSED", timers: t.timers }),
      );
      await loop.start();
      await t.asleep(1);
      await t.stop(loop);
      const objects = await objectsIn(bucket);
      expect(objects.map((o) => o.body.toString())).to.deep.equal(["a\nb\nc\n"]);
      expect(loop.stats).to.deep.include({ shards: 3, recordsRead: 3, recordsDelivered: 3 });
    });

    it("writes an UNCOMPRESSED buffer as its records' bytes, with no extension, each object with its own name", async () => {
      const streamName = await createStream(kinesis.client, 2);
      const bucket = await newBucket();
      await put(streamName, [
        [0, "first\n"],
        [1, "second\n"],
      ]);
      const t = driven();
      const loop = new DeliveryLoop(
        options({ streamName, bucket, compression: "UNCOMPRESSED", prefix: "plain/", timers: t.timers }),
      );
      await loop.start();
      await t.asleep(1);
      await loop.flush();
      await put(streamName, [[1, "third\n"]]);
      await t.pass();
      await loop.flush();
      const arrived = await arrivals(streamName);
      const objects = await objectsIn(bucket);
      expect(objects).to.have.length(2);
      const byBody = new Map(objects.map((o) => [o.body.toString(), o.key]));
      expect([...byBody.keys()].sort()).to.deep.equal(["first\nsecond\n", "third\n"]);
      // A prefix without a timestamp gets the oldest arrival's yyyy/MM/dd/HH/ appended.
      const hour = (d: Date) => d.toISOString().slice(0, 13).replace(/[-T]/g, "/") + "/";
      const first = nameParts(
        byBody.get("first\nsecond\n")!,
        `plain/${hour(arrived.get("first\n")!)}`,
        "punkapi-raw",
        "",
      );
      const third = nameParts(
        byBody.get("third\n")!,
        `plain/${hour(arrived.get("third\n")!)}`,
        "punkapi-raw",
        "",
      );
      expect(first.uuid).to.not.equal(third.uuid);
      expect(loop.stats.objects.map((o) => [o.records, o.bytes])).to.deep.equal([
        [2, 13],
        [1, 6],
      ]);
      await t.stop(loop);
    });

    it("with nothing buffered, flush() and stop() write no object", async () => {
      const streamName = await createStream(kinesis.client, 2);
      const bucket = await newBucket();
      const t = driven();
      const seen: DeliveredObject[] = [];
      const loop = new DeliveryLoop(
        options({ streamName, bucket, timers: t.timers, onObject: (o) => seen.push(o) }),
      );
      await loop.start();
      await t.asleep(1);
      await loop.flush();
      await t.stop(loop);
      expect(await objectsIn(bucket)).to.deep.equal([]);
      expect(seen).to.deep.equal([]);
      expect(loop.stats).to.deep.equal({
        shards: 2,
        recordsRead: 0,
        recordsDelivered: 0,
        objects: [],
        recordsFailed: 0,
        errorObjects: [],
      });
    });
  });

  describe("buffering in the loop", () => {
    it("writes the buffer on the pass that brings it to the size hint, not before", async () => {
      const streamName = await createStream(kinesis.client, 1);
      const bucket = await newBucket();
      const t = driven();
      // A size hint of exactly 100 bytes; records of 50.
      const loop = new DeliveryLoop(
        options({
          streamName,
          bucket,
          compression: "UNCOMPRESSED",
          bufferingSizeMb: 100 / 1024 / 1024,
          timers: t.timers,
        }),
      );
      await loop.start();
      await t.asleep(1);
      const fifty = (c: string) => `${c.repeat(49)}\n`;
      await put(streamName, [[0, fifty("a")]]);
      await t.pass();
      expect(loop.stats.recordsRead).to.equal(1);
      expect(await objectsIn(bucket)).to.deep.equal([]);
      await put(streamName, [[0, fifty("b")]]);
      await t.pass();
      expect(loop.stats.recordsRead).to.equal(2);
      expect((await objectsIn(bucket)).map((o) => o.body.toString())).to.deep.equal([
        fifty("a") + fifty("b"),
      ]);
      // Two passes of 100 ms each: far from the 60 s interval.
      expect(t.clock.now - START).to.equal(200);
      await t.stop(loop);
      expect(await objectsIn(bucket)).to.have.length(1);
    });

    it("under the size hint, writes the buffer on the first pass at or after the interval from its first record", async () => {
      const streamName = await createStream(kinesis.client, 1);
      const bucket = await newBucket();
      const t = driven();
      const loop = new DeliveryLoop(
        options({
          streamName,
          bucket,
          compression: "UNCOMPRESSED",
          bufferingIntervalMs: 1000,
          pollMs: 100,
          timers: t.timers,
        }),
      );
      await put(streamName, [[0, "one\n"]]);
      await loop.start();
      await t.asleep(1); // read "one" at START: the buffer opens then
      for (let pass = 1; pass <= 9; pass++) {
        if (pass === 5) await put(streamName, [[0, "two\n"]]);
        await t.pass();
        expect(await objectsIn(bucket), `at +${t.clock.now - START} ms`).to.deep.equal([]);
      }
      expect(loop.stats.recordsRead).to.equal(2);
      await t.pass(); // START + 1000
      expect(t.clock.now - START).to.equal(1000);
      expect((await objectsIn(bucket)).map((o) => o.body.toString())).to.deep.equal(["one\ntwo\n"]);
      // A new buffer opens with the next record, read at +1100: due at +2100.
      await put(streamName, [[0, "three\n"]]);
      await t.pass();
      for (let pass = 1; pass <= 9; pass++) await t.pass();
      expect(t.clock.now - START).to.equal(2000);
      expect(await objectsIn(bucket)).to.have.length(1);
      await t.pass();
      expect((await objectsIn(bucket)).map((o) => o.body.toString()).sort()).to.deep.equal([
        "one\ntwo\n",
        "three\n",
      ]);
      expect(loop.stats.objects.map((o) => o.records)).to.deep.equal([2, 1]);
      await t.stop(loop);
    });
  });

  describe("stopping", () => {
    it("stop() reads every shard to its tip, writes what is buffered, then reads no more", async () => {
      const streamName = await createStream(kinesis.client, 2);
      const bucket = await newBucket();
      const t = driven();
      const counter = counting(kinesis.client);
      const loop = new DeliveryLoop(
        options({
          streamName,
          bucket,
          kinesis: counter.client,
          compression: "UNCOMPRESSED",
          timers: t.timers,
        }),
      );
      await loop.start();
      await t.asleep(1);
      await put(streamName, [
        [0, "a\n"],
        [1, "b\n"],
        [0, "c\n"],
      ]);
      expect(await objectsIn(bucket)).to.deep.equal([]);
      const calls = counter.getRecords;
      await t.stop(loop);
      // One pass reads the records, the next finds both shards at their tip: two reads of each shard.
      expect(counter.getRecords - calls).to.equal(4);
      expect((await objectsIn(bucket)).map((o) => o.body.toString())).to.deep.equal(["a\nc\nb\n"]);
      expect(loop.stats).to.deep.include({ recordsRead: 3, recordsDelivered: 3 });
      const waits = t.waits.length;
      t.clock.tick(10_000);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect([t.waits.length, counter.getRecords - calls]).to.deep.equal([waits, 4]);
    });

    it("stop() keeps reading while a shard returns fewer records than it holds, one page at a time", async () => {
      const streamName = await createStream(kinesis.client, 2);
      const bucket = await newBucket();
      const t = driven();
      // Kinesis may return fewer records than the limit; here every page holds one.
      const client = intercepted(kinesis.client, (command, send) =>
        send(
          command instanceof GetRecordsCommand
            ? new GetRecordsCommand({ ...command.input, Limit: 1 })
            : command,
        ),
      );
      const loop = new DeliveryLoop(
        options({ streamName, bucket, kinesis: client, compression: "UNCOMPRESSED", timers: t.timers }),
      );
      await loop.start();
      await t.asleep(1);
      await put(streamName, [
        [0, "a\n"],
        [0, "b\n"],
        [0, "c\n"],
        [1, "d\n"],
      ]);
      await t.stop(loop);
      expect((await objectsIn(bucket)).map((o) => o.body.toString())).to.deep.equal(["a\nd\nb\nc\n"]);
    });

    it("stop() takes an empty page that is behind the tip (MillisBehindLatest > 0) as not caught up", async () => {
      const streamName = await createStream(kinesis.client, 1);
      const bucket = await newBucket();
      const t = driven();
      let behind = 0;
      // Kinesis may answer an empty page while records lie further on; the first read after the records
      // are put gets one, with the same iterator to read on from.
      const client = intercepted(kinesis.client, async (command, send) => {
        if (command instanceof GetRecordsCommand && behind > 0) {
          behind--;
          return {
            Records: [],
            NextShardIterator: command.input.ShardIterator,
            MillisBehindLatest: 5000,
          } satisfies Partial<GetRecordsCommandOutput>;
        }
        return send(command);
      });
      const loop = new DeliveryLoop(
        options({ streamName, bucket, kinesis: client, compression: "UNCOMPRESSED", timers: t.timers }),
      );
      await loop.start();
      await t.asleep(1);
      await put(streamName, [[0, "late\n"]]);
      behind = 1;
      await t.stop(loop);
      expect((await objectsIn(bucket)).map((o) => o.body.toString())).to.deep.equal(["late\n"]);
    });

    it("stop() gives up after 1000 passes over a stream that never reaches its tip, and writes what it read", async () => {
      const streamName = await createStream(kinesis.client, 1);
      const bucket = await newBucket();
      const t = driven();
      let never = false;
      let reads = 0;
      const client = intercepted(kinesis.client, async (command, send) => {
        if (command instanceof GetRecordsCommand && never) {
          reads++;
          return { Records: [], NextShardIterator: command.input.ShardIterator, MillisBehindLatest: 5000 };
        }
        return send(command);
      });
      const loop = new DeliveryLoop(
        options({ streamName, bucket, kinesis: client, compression: "UNCOMPRESSED", timers: t.timers }),
      );
      await put(streamName, [[0, "read\n"]]);
      await loop.start();
      await t.asleep(1);
      never = true;
      await t.stop(loop);
      expect(reads).to.equal(1000);
      expect((await objectsIn(bucket)).map((o) => o.body.toString())).to.deep.equal(["read\n"]);
    });

    it("stop() reads a shard closed by a split to its end and then leaves it, with its children", async function () {
      const streamName = await createStream(kinesis.client, 1);
      const bucket = await newBucket();
      await put(streamName, [[0, "parent\n"]]);
      const [parentKey] = await shardKeys(streamName);
      await kinesis.client.send(
        new SplitShardCommand({
          StreamName: streamName,
          ShardToSplit: "shardId-000000000000",
          NewStartingHashKey: (2n ** 127n).toString(),
        }),
      );
      for (;;) {
        const { StreamDescription } = await kinesis.client.send(
          new DescribeStreamCommand({ StreamName: streamName }),
        );
        if (StreamDescription?.StreamStatus === "ACTIVE") break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(parentKey).to.equal("0");
      await put(streamName, [[2, "child\n"]]);
      const t = driven();
      const errors: Error[] = [];
      const loop = new DeliveryLoop(
        options({
          streamName,
          bucket,
          compression: "UNCOMPRESSED",
          timers: t.timers,
          onError: (e) => errors.push(e),
        }),
      );
      await loop.start();
      expect(loop.stats.shards).to.equal(3);
      await t.asleep(1);
      for (let pass = 0; pass < 3; pass++) await t.pass();
      await t.stop(loop);
      expect(errors).to.deep.equal([]);
      expect((await objectsIn(bucket)).map((o) => o.body.toString())).to.deep.equal(["parent\nchild\n"]);
    });
  });

  describe("errors", () => {
    it("reports a failed read through onError and reads on at the next pass", async () => {
      const streamName = await createStream(kinesis.client, 1);
      const bucket = await newBucket();
      await put(streamName, [[0, "kept\n"]]);
      const t = driven();
      const failure = new Error("kinesis is down");
      let failures = 1;
      const client = intercepted(kinesis.client, (command, send) => {
        if (command instanceof GetRecordsCommand && failures > 0) {
          failures--;
          return Promise.reject(failure);
        }
        return send(command);
      });
      const errors: Error[] = [];
      const loop = new DeliveryLoop(
        options({
          streamName,
          bucket,
          kinesis: client,
          compression: "UNCOMPRESSED",
          bufferingIntervalMs: 100,
          timers: t.timers,
          onError: (e) => errors.push(e),
        }),
      );
      await loop.start();
      await t.asleep(1);
      expect(errors).to.deep.equal([failure]);
      expect(errors[0]).to.equal(failure);
      expect(loop.stats.recordsRead).to.equal(0);
      await t.pass(); // reads "kept" at +100
      await t.pass(); // due at +200
      expect((await objectsIn(bucket)).map((o) => o.body.toString())).to.deep.equal(["kept\n"]);
      expect(errors).to.have.length(1);
      await t.stop(loop);
    });

    it("without onError, a failed read still leaves the loop running", async () => {
      const streamName = await createStream(kinesis.client, 1);
      const bucket = await newBucket();
      await put(streamName, [[0, "kept\n"]]);
      const t = driven();
      let failures = 1;
      const client = intercepted(kinesis.client, (command, send) => {
        if (command instanceof GetRecordsCommand && failures > 0) {
          failures--;
          return Promise.reject(new Error("kinesis is down"));
        }
        return send(command);
      });
      const loop = new DeliveryLoop(
        options({ streamName, bucket, kinesis: client, compression: "UNCOMPRESSED", timers: t.timers }),
      );
      await loop.start();
      await t.asleep(1);
      await t.pass();
      expect(loop.stats.recordsRead).to.equal(1);
      await t.stop(loop);
      expect((await objectsIn(bucket)).map((o) => o.body.toString())).to.deep.equal(["kept\n"]);
    });

    it("reports a failed write through onError and goes on reading", async () => {
      const streamName = await createStream(kinesis.client, 1);
      const t = driven();
      const errors: Error[] = [];
      const loop = new DeliveryLoop(
        options({
          streamName,
          bucket: "no-such-bucket",
          compression: "UNCOMPRESSED",
          bufferingSizeMb: 1 / 1024 / 1024,
          timers: t.timers,
          onError: (e) => errors.push(e),
        }),
      );
      await loop.start();
      await t.asleep(1);
      await put(streamName, [[0, "lost\n"]]);
      await t.pass();
      expect(errors.map((e) => e.name)).to.deep.equal(["NoSuchBucket"]);
      await put(streamName, [[0, "next\n"]]);
      await t.pass();
      expect(loop.stats.recordsRead).to.equal(2);
      expect(errors.map((e) => e.name)).to.deep.equal(["NoSuchBucket", "NoSuchBucket"]);
      expect(loop.stats.objects).to.deep.equal([]);
      await t.stop(loop);
    });
  });

  describe("Parquet", () => {
    let db: DuckDBInstance;
    let connection: DuckDBConnection;
    let scratch: string;
    before(async () => {
      db = await DuckDBInstance.create(":memory:");
      connection = await db.connect();
      scratch = tempDir("punkapi-firehose-parquet-test-");
    });
    after(() => {
      connection?.closeSync();
      db?.closeSync();
      removeTempDir(scratch);
    });

    let files = 0;
    /** Writes a Parquet body to a file and reads it back: its columns with their types, and its rows. */
    async function readParquet(body: Buffer) {
      const file = path.join(scratch, `${++files}.parquet`);
      fs.writeFileSync(file, body);
      const columns = (
        await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${file}')`)
      ).getRowObjectsJson();
      const rows = (
        await connection.runAndReadAll(`SELECT * FROM read_parquet('${file}')`)
      ).getRowObjectsJson();
      const codecs = (
        await connection.runAndReadAll(`SELECT DISTINCT compression FROM parquet_metadata('${file}')`)
      ).getRowObjectsJson();
      return {
        columns: columns.map((c) => [c.column_name, c.column_type]),
        rows,
        codecs: codecs.map((c) => c.compression),
      };
    }

    it("encodes JSON records with the table's columns and types, SNAPPY, a missing field NULL and another dropped", async () => {
      const columns: Column[] = [
        { name: "id", type: "int" },
        { name: "name", type: "string" },
        { name: "abv", type: "double" },
        { name: "volume", type: "struct<value:double,unit:string>" },
        { name: "food_pairing", type: "array<string>" },
        { name: "big", type: "bigint" },
        { name: "ok", type: "boolean" },
      ];
      const encoder = new ParquetEncoder(columns);
      try {
        const body = await encoder.encode(
          Buffer.from(
            JSON.stringify({
              id: 1,
              name: "Buzz",
              abv: 4.5,
              volume: { value: 20, unit: "litres" },
              food_pairing: ["Spicy chicken tikka masala"],
              big: 9007199254740991,
              ok: true,
              extra: "dropped",
            }) +
              "\n" +
              JSON.stringify({ id: 2, name: "Trashy Blonde" }) +
              "\n",
          ),
        );
        expect(body.subarray(0, 4).toString()).to.equal("PAR1");
        const read = await readParquet(body);
        expect(read.columns).to.deep.equal([
          ["id", "INTEGER"],
          ["name", "VARCHAR"],
          ["abv", "DOUBLE"],
          ["volume", 'STRUCT("value" DOUBLE, unit VARCHAR)'],
          ["food_pairing", "VARCHAR[]"],
          ["big", "BIGINT"],
          ["ok", "BOOLEAN"],
        ]);
        expect(read.codecs).to.deep.equal(["SNAPPY"]);
        expect(read.rows).to.deep.equal([
          {
            id: 1,
            name: "Buzz",
            abv: 4.5,
            volume: { value: 20, unit: "litres" },
            food_pairing: ["Spicy chicken tikka masala"],
            big: "9007199254740991",
            ok: true,
          },
          { id: 2, name: "Trashy Blonde", abv: null, volume: null, food_pairing: null, big: null, ok: null },
        ]);
      } finally {
        encoder.close();
      }
    });

    it("keeps its scratch files in a folder of its own, removes each after encoding, and the folder on close()", async () => {
      const tmp = tempDir("punkapi-firehose-tmpdir-");
      const saved = process.env.TMPDIR;
      process.env.TMPDIR = tmp;
      let encoder: ParquetEncoder;
      try {
        encoder = new ParquetEncoder([{ name: "id", type: "int" }]);
      } finally {
        if (saved === undefined) delete process.env.TMPDIR;
        else process.env.TMPDIR = saved;
      }
      try {
        const made = fs.readdirSync(tmp);
        expect(made).to.have.length(1);
        expect(made[0]).to.match(/^punkapi-parquet-/);
        const first = await readParquet(await encoder.encode(Buffer.from('{"id":1}\n')));
        const second = await readParquet(await encoder.encode(Buffer.from('{"id":2}\n{"id":3}\n')));
        expect(first.rows).to.deep.equal([{ id: 1 }]);
        expect(second.rows).to.deep.equal([{ id: 2 }, { id: 3 }]);
        expect(fs.readdirSync(path.join(tmp, made[0]))).to.deep.equal([]);
        encoder.close();
        expect(fs.readdirSync(tmp)).to.deep.equal([]);
      } finally {
        removeTempDir(tmp);
      }
    });

    it("a converting delivery stream writes each buffer as one .parquet object of the curated table's columns, not gzipped", async () => {
      const streamName = await createStream(kinesis.client, 2);
      const beer = (id: number, name: string, abv: number | null) =>
        `${JSON.stringify({ id, name, tagline: "t", first_brewed: "2010", abv, ibu: 20, description: "raw only", food_pairing: ["x"] })}\n`;
      await put(streamName, [
        [0, beer(1, "Buzz", 4.5)],
        [1, beer(2, "Trashy Blonde", null)],
      ]);
      const arrived = await arrivals(streamName);
      const encoder = new ParquetEncoder(CURATED_COLUMNS);
      try {
        for (const compression of ["UNCOMPRESSED", "GZIP"]) {
          const target = await newBucket();
          const t = driven();
          const loop = new DeliveryLoop(
            options({
              streamName,
              bucket: target,
              deliveryStreamName: "punkapi-curated",
              compression,
              parquet: encoder,
              timers: t.timers,
            }),
          );
          await loop.start();
          await t.asleep(1);
          await t.stop(loop);
          const objects = await objectsIn(target);
          expect(objects, compression).to.have.length(1);
          const [{ key, body }] = objects;
          nameParts(key, `raw/at=${ms(arrived.get(beer(1, "Buzz", 4.5))!)}/`, "punkapi-curated", ".parquet");
          expect(loop.stats.objects).to.deep.equal([
            { key, records: 2, bytes: body.length, oldestArrival: arrived.get(beer(1, "Buzz", 4.5)) },
          ]);
          const read = await readParquet(body);
          expect(read.columns.map(([name]) => name)).to.deep.equal([
            "id",
            "name",
            "tagline",
            "first_brewed",
            "abv",
            "ibu",
            "target_fg",
            "target_og",
            "ebc",
            "srm",
            "ph",
            "attenuation_level",
          ]);
          expect(read.rows.map((r) => [r.id, r.name, r.abv, r.ibu, r.ph])).to.deep.equal([
            [1, "Buzz", 4.5, 20, null],
            [2, "Trashy Blonde", null, 20, null],
          ]);
        }
      } finally {
        encoder.close();
      }
    });

    it("a record the table's types cannot hold goes under the error prefix as the guide's document, the others into the Parquet object", async () => {
      const streamName = await createStream(kinesis.client, 1);
      const good = `${JSON.stringify({ id: 1, name: "Buzz", abv: 4.5 })}\n`;
      // Valid JSON, but an id past the table's int (the handler's validation takes any whole number ≥ 1).
      const tooBig = `${JSON.stringify({ id: 3000000000, name: "Big", abv: 5 })}\n`;
      await put(streamName, [
        [0, good],
        [0, tooBig],
      ]);
      const arrived = await arrivals(streamName);
      const encoder = new ParquetEncoder(CURATED_COLUMNS);
      const table = {
        catalogId: "123456789012",
        databaseName: "db",
        tableName: "beers_curated",
        region: "us-east-1",
        versionId: "0",
        catalogArn: "arn:aws:glue:us-east-1:123456789012:catalog",
      };
      try {
        const target = await newBucket();
        const t = driven();
        const loop = new DeliveryLoop(
          options({
            streamName,
            bucket: target,
            deliveryStreamName: "punkapi-curated",
            parquet: encoder,
            errorOutput: { prefix: "errors/!{firehose:error-output-type}/", table },
            timers: t.timers,
          }),
        );
        await loop.start();
        await t.asleep(1);
        await t.stop(loop);
        const objects = await objectsIn(target);
        expect(objects.map((o) => o.key.split("/").slice(0, 2).join("/")).sort()).to.deep.equal([
          "errors/format-conversion-failed",
          "raw/at=" + ms(arrived.get(good)!),
        ]);
        const parquet = objects.find((o) => o.key.endsWith(".parquet"))!;
        expect((await readParquet(parquet.body)).rows.map((r) => r.id)).to.deep.equal([1]);
        const errors = objects.find((o) => o.key.startsWith("errors/"))!;
        const docs = errors.body
          .toString("utf8")
          .trim()
          .split("\n")
          .map((l) => JSON.parse(l));
        expect(docs).to.have.length(1);
        expect(Object.keys(docs[0]).sort()).to.deep.equal([
          "ErrorCode",
          "ErrorMessage",
          "arrivalTimestamp",
          "attemptEndingTimestamp",
          "attemptsMade",
          "dataCatalogTable",
          "rawData",
          "sequenceNumber",
          "subSequenceNumber",
        ]);
        expect(Buffer.from(docs[0].rawData, "base64").toString("utf8")).to.equal(tooBig);
        expect(docs[0].arrivalTimestamp).to.equal(arrived.get(tooBig)!.getTime());
        expect(docs[0].dataCatalogTable).to.deep.equal(table);
        expect(docs[0].ErrorMessage).to.include("3000000000").and.not.include("punkapi-parquet-");
        expect(docs[0].sequenceNumber).to.match(/^\d+$/);
        expect(loop.stats.recordsDelivered).to.equal(1);
        expect(loop.stats.recordsFailed).to.equal(1);
        expect(loop.stats.errorObjects.map((o) => [o.key, o.records])).to.deep.equal([[errors.key, 1]]);
      } finally {
        encoder.close();
      }
    });
  });
});
