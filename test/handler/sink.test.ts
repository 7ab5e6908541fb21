import { expect } from "chai";
import net from "net";
import { LIMITS } from "../../handler/batch";
import { putAll } from "../../handler/sink";
import { createStream, LocalKinesis, readAll, startKinesalite } from "../helpers/kinesis";
import { startFaultProxy } from "../helpers/kinesis-fault-proxy";
import { createKinesisClient } from "../../handler/clients";
import { VirtualClock, virtualClock } from "../helpers/virtual-clock";

describe("Kinesis sink against kinesalite", () => {
  let kinesis: LocalKinesis;
  before(async () => (kinesis = await startKinesalite({ region: "us-east-1" })));
  after(async () => kinesis.close());

  const backoff = { baseMs: 5, capMs: 20 };
  // The sink's time is virtual (its waits pass at once), so no deadline runs out because the machine is busy.
  let clock: VirtualClock;
  beforeEach(() => (clock = virtualClock()));

  it("writes 1,100 records in 3 calls of at most 500, all readable", async () => {
    const streamName = await createStream(kinesis.client);
    const records = Array.from({ length: 1100 }, (_, i) => ({
      data: Buffer.from(`{"n":${i}}\n`),
      partitionKey: String(i),
    }));
    const out = await putAll(
      { kinesis: kinesis.client, streamName, backoff, clock },
      records,
      clock.now() + 10_000,
    );
    expect(out).to.deep.include({ written: 1100, calls: 3, retries: 0, unwritten: [] });
    const back = await readAll(kinesis.client, streamName);
    expect(back.map((r) => Number(r.partitionKey)).sort((a, b) => a - b)).to.deep.equal(
      records.map((_, i) => i),
    );
  });

  it("rejects a record over 1 MiB with a reason and writes the others", async () => {
    const streamName = await createStream(kinesis.client);
    const records = [
      { data: Buffer.from("small\n"), partitionKey: "1" },
      { data: Buffer.alloc(LIMITS.bytesPerRecord, 0x61), partitionKey: "2" },
      { data: Buffer.from("small\n"), partitionKey: "3" },
    ];
    const out = await putAll(
      { kinesis: kinesis.client, streamName, backoff, clock },
      records,
      clock.now() + 5000,
    );
    expect(out.written).to.equal(2);
    expect(out.unwritten).to.deep.equal([{ partitionKey: "2", reason: "record exceeds 1 MiB" }]);
    expect((await readAll(kinesis.client, streamName)).map((r) => r.partitionKey).sort()).to.deep.equal([
      "1",
      "3",
    ]);
  });

  it("reports every record as unwritten when the deadline has already passed", async () => {
    const streamName = await createStream(kinesis.client);
    const out = await putAll(
      { kinesis: kinesis.client, streamName, backoff, clock },
      [{ data: Buffer.from("x\n"), partitionKey: "1" }],
      clock.now() - 1,
    );
    expect(out.written).to.equal(0);
    expect(out.calls).to.equal(0);
    expect(out.unwritten[0].reason).to.match(/deadline reached/);
  });

  const records = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      data: Buffer.from(`{"n":${i + 1}}\n`),
      partitionKey: String(i + 1),
    }));
  const through = (endpoint: string) =>
    createKinesisClient({ region: "us-east-1", kinesisEndpoint: endpoint, credentials: undefined });

  it("gives up on a call that hangs when the deadline comes, reporting every record of it", async () => {
    const proxy = await startFaultProxy({ target: kinesis.endpoint, hang: true });
    try {
      const streamName = await createStream(kinesis.client);
      // The call is aborted by a timer of the time left, asked for on the real clock: the time asked for
      // is the observable, and the virtual clock moves by it when the timer ends the call.
      const asked: number[] = [];
      const timeout = AbortSignal.timeout;
      AbortSignal.timeout = (ms: number) => (asked.push(ms), timeout.call(AbortSignal, ms));
      const client = through(proxy.endpoint);
      const send = client.send.bind(client) as (...args: unknown[]) => Promise<unknown>;
      const timed = {
        send: (async (...args: unknown[]) => {
          try {
            return await send(...args);
          } catch (error) {
            clock.advance(asked.at(-1) ?? 0);
            throw error;
          }
        }) as typeof client.send,
      };
      let out;
      try {
        out = await putAll({ kinesis: timed, streamName, backoff, clock }, records(3), clock.now() + 400);
      } finally {
        AbortSignal.timeout = timeout;
      }
      expect(asked).to.deep.equal([400]);
      expect(out).to.deep.include({ written: 0, calls: 1 });
      expect(out.unwritten.map((u) => u.partitionKey)).to.deep.equal(["1", "2", "3"]);
      for (const u of out.unwritten)
        expect(u.reason).to.match(/^deadline reached; last error: \w*(Abort|Timeout)\w*: /);
    } finally {
      await proxy.close();
    }
  });

  it("reports as unwritten only what a final error stopped, not what earlier calls wrote", async () => {
    const proxy = await startFaultProxy({
      target: kinesis.endpoint,
      failEveryCall: { status: 400, type: "ResourceNotFoundException", afterCalls: 1 },
    });
    try {
      const streamName = await createStream(kinesis.client);
      const limits = { ...LIMITS, recordsPerCall: 2 };
      const out = await putAll(
        { kinesis: through(proxy.endpoint), streamName, backoff, clock, limits },
        records(5),
        clock.now() + 5000,
      );
      expect(out).to.deep.include({ written: 2, calls: 2, retries: 0 });
      expect(out.unwritten.map((u) => u.partitionKey)).to.deep.equal(["3", "4", "5"]);
      expect(out.unwritten[0].reason).to.match(/^ResourceNotFoundException: /);
      expect((await readAll(kinesis.client, streamName)).map((r) => r.partitionKey)).to.deep.equal([
        "1",
        "2",
      ]);
    } finally {
      await proxy.close();
    }
  });

  it("accounts for every record when some entries keep failing until the deadline: written plus unwritten", async () => {
    const proxy = await startFaultProxy({ target: kinesis.endpoint, failShare: 0.5, seed: 3 });
    try {
      const streamName = await createStream(kinesis.client);
      // A first retry that would end after the deadline is not made: one round, then the report.
      const slow = { baseMs: 5000, capMs: 5000 };
      const out = await putAll(
        { kinesis: through(proxy.endpoint), streamName, backoff: slow, random: () => 1, clock },
        records(20),
        clock.now() + 1500,
      );
      expect(out.written).to.equal(proxy.stats.forwardedEntries).and.be.within(1, 19);
      expect(out.written + out.unwritten.length).to.equal(20);
      expect(out.retries).to.equal(0);
      for (const u of out.unwritten)
        expect(u.reason).to.match(/^deadline reached; last error: ProvisionedThroughputExceededException: /);
      expect(await readAll(kinesis.client, streamName)).to.have.length(out.written);
    } finally {
      await proxy.close();
    }
  });

  it("resends only the failed entries, counting each round and why", async () => {
    const proxy = await startFaultProxy({ target: kinesis.endpoint, failShare: 0.5, seed: 3 });
    try {
      const streamName = await createStream(kinesis.client);
      const out = await putAll(
        { kinesis: through(proxy.endpoint), streamName, backoff, clock },
        records(20),
        clock.now() + 8000,
      );
      expect(out.written).to.equal(20);
      expect(out.retries).to.be.at.least(1).and.equal(out.retryReasons.length);
      expect(out.retryReasons[0]).to.match(/^kinesis: ProvisionedThroughputExceededException: /);
      expect(out.calls)
        .to.equal(proxy.stats.putRecordsCalls)
        .and.equal(out.retries + 1);
      const ids = (await readAll(kinesis.client, streamName))
        .map((r) => Number(r.partitionKey))
        .sort((a, b) => a - b);
      expect(ids).to.deep.equal(Array.from({ length: 20 }, (_, i) => i + 1));
    } finally {
      await proxy.close();
    }
  });

  it("keeps kinesalite up when a client goes away in the middle of a request", async () => {
    const { port } = new URL(kinesis.endpoint);
    const socket = net.connect(Number(port), "127.0.0.1");
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    socket.write(
      "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.1\r\n" +
        'X-Amz-Target: Kinesis_20131202.PutRecords\r\nContent-Length: 1000\r\n\r\n{"Records":',
    );
    await new Promise((r) => setTimeout(r, 50));
    socket.resetAndDestroy();
    await new Promise((r) => setTimeout(r, 100));
    const streamName = await createStream(kinesis.client);
    const out = await putAll(
      { kinesis: kinesis.client, streamName, backoff, clock },
      records(1),
      clock.now() + 5000,
    );
    expect(out.written).to.equal(1);
  });
});
