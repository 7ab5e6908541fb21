import { expect } from "chai";
import { LIMITS } from "../../handler/batch";
import { putAll } from "../../handler/sink";
import { createStream, LocalKinesis, readAll, startKinesalite } from "../helpers/kinesis";

describe("Kinesis sink against kinesalite", () => {
  let kinesis: LocalKinesis;
  before(async () => (kinesis = await startKinesalite({ region: "us-east-1" })));
  after(async () => kinesis.close());

  const backoff = { baseMs: 5, capMs: 20 };

  it("writes 1,100 records in 3 calls of at most 500, all readable", async () => {
    const streamName = await createStream(kinesis.client);
    const records = Array.from({ length: 1100 }, (_, i) => ({
      data: Buffer.from(`{"n":${i}}\n`),
      partitionKey: String(i),
    }));
    const out = await putAll({ kinesis: kinesis.client, streamName, backoff }, records, Date.now() + 10_000);
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
    const out = await putAll({ kinesis: kinesis.client, streamName, backoff }, records, Date.now() + 5000);
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
      { kinesis: kinesis.client, streamName, backoff },
      [{ data: Buffer.from("x\n"), partitionKey: "1" }],
      Date.now() - 1,
    );
    expect(out.written).to.equal(0);
    expect(out.calls).to.equal(0);
    expect(out.unwritten[0].reason).to.match(/deadline reached/);
  });
});
