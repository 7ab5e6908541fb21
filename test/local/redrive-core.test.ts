/**
 * The redrive operations in-process (local/operations/), on kinesalite and s3rver: error objects' records
 * put back into the stream with their keys, a ledger entry per object and none for an object whose
 * records could not all be put, a second run that puts nothing; a failure queue's events invoked once,
 * removed only when the invocation succeeded, a message that is no destination record kept with why.
 * (End to end through the command: test/local/redrive.test.ts.)
 */
import fs from "fs";
import os from "os";
import path from "path";
import { gzipSync } from "zlib";
import { expect } from "chai";
import { CreateBucketCommand } from "@aws-sdk/client-s3";
import { startS3rver, LocalS3 } from "../../local/stand-ins/services/s3";
import {
  createActiveStream,
  readAll,
  startKinesalite,
  LocalKinesis,
} from "../../local/stand-ins/services/kinesis";
import { ledgerKey, redriveErrors } from "../../local/operations/redrive-errors";
import { redriveQueue } from "../../local/operations/redrive-queue";
import { QueueFile } from "../../local/operations/queue-file";
import { getObject, listKeys, putObject, recordsOf } from "../../local/operations/lake-objects";
import { lakeModel } from "../../model/lake";

const BUCKET = "lake";
const lake = lakeModel({
  project: "p",
  rawPrefix: "raw/dt=!{timestamp:yyyy-MM-dd}/",
  curatedPrefix: "curated/dt=!{timestamp:yyyy-MM-dd}/",
  errorPrefix: "errors/!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/",
});

/** An error document as Firehose writes one (only rawData matters to the redrive). */
const doc = (record: string) =>
  JSON.stringify({ attemptsMade: 1, ErrorCode: "x", rawData: Buffer.from(record).toString("base64") });

describe("the redrive operations (local/operations)", function () {
  this.timeout(30_000);
  let dir: string;
  let s3: LocalS3;
  let kinesis: LocalKinesis;
  let n = 0;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "punkapi-redrive-core-"));
    s3 = await startS3rver(dir, "us-east-1");
    kinesis = await startKinesalite({ region: "us-east-1" });
  });
  after(async () => {
    await s3.close();
    await kinesis.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function fresh() {
    const bucket = `${BUCKET}-${++n}`;
    const stream = `beers-${n}`;
    await s3.client.send(new CreateBucketCommand({ Bucket: bucket }));
    await createActiveStream(kinesis.client, stream, 1);
    return { bucket, stream };
  }

  it("puts each error object's records back, keyed by beer id, writes a ledger entry for each, and a second run puts nothing", async () => {
    const { bucket, stream } = await fresh();
    const a = '{"id":7,"name":"A"}\n';
    const b = '{"id":8,"name":"B"}\n';
    const c = "not json\n";
    const d = '{"id":"x-9","name":"D"}\n';
    const e = '{"name":"no id"}\n';
    await putObject(
      s3.client,
      bucket,
      "errors/format-conversion-failed/dt=2026-11-01/one",
      `${doc(a)}\n${doc(b)}\n`,
    );
    await putObject(
      s3.client,
      bucket,
      "errors/format-conversion-failed/dt=2026-11-02/two",
      `${doc(c)}\n${doc(d)}\n${doc(e)}\n`,
    );
    // Not an error object: outside the error prefix.
    await putObject(s3.client, bucket, "raw/dt=2026-11-01/r", a);
    const first = await redriveErrors({
      s3: s3.client,
      bucket,
      lake,
      kinesis: kinesis.client,
      stream,
      now: () => new Date("2026-12-01T00:00:00Z"),
    });
    expect(first).to.deep.equal({ objects: 2, alreadyRedriven: 0, redriven: 2, records: 5, problems: [] });
    const put = await readAll(kinesis.client, stream);
    expect(put.map((r) => [r.partitionKey, r.data.toString("utf8")]).sort()).to.deep.equal(
      [
        ["7", a],
        ["8", b],
        // A record that is no beer is keyed by its content's hash (the first half of `printf 'not json\\n' | sha256sum`).
        ["3c48773b404d850071dff4006d4ef0d7", c],
        // A beer whose id is text keeps it; a record with no id is keyed by its hash (`printf '{"name":"no id"}\\n' | sha256sum`).
        ["x-9", d],
        ["a928e23648eea3d29ef97c7c5d8cdf70", e],
      ].sort(),
    );
    expect(await listKeys(s3.client, bucket, "operations/")).to.deep.equal([
      ledgerKey("errors/format-conversion-failed/dt=2026-11-01/one"),
      ledgerKey("errors/format-conversion-failed/dt=2026-11-02/two"),
    ]);
    // Each ledger entry says when, into which stream, how many.
    const entry = JSON.parse(
      (
        await getObject(s3.client, bucket, ledgerKey("errors/format-conversion-failed/dt=2026-11-02/two"))
      ).toString(),
    );
    expect(entry).to.deep.equal({ redrivenAt: "2026-12-01T00:00:00.000Z", stream, records: 3 });
    const second = await redriveErrors({ s3: s3.client, bucket, lake, kinesis: kinesis.client, stream });
    expect(second).to.deep.equal({ objects: 2, alreadyRedriven: 2, redriven: 0, records: 0, problems: [] });
    expect(await readAll(kinesis.client, stream)).to.have.length(5);
  });

  it("names a line that is no error document, puts the others, and redrives the object no second time", async () => {
    const { bucket, stream } = await fresh();
    await putObject(s3.client, bucket, "errors/x/dt=2026-11-01/bad", `${doc('{"id":1}\n')}\n{"rawData":5}\n`);
    const report = await redriveErrors({ s3: s3.client, bucket, lake, kinesis: kinesis.client, stream });
    expect(report).to.deep.include({ objects: 1, redriven: 1, records: 1 });
    expect(report.problems).to.deep.equal(["errors/x/dt=2026-11-01/bad: line 2: no rawData"]);
    const entry = JSON.parse(
      (await getObject(s3.client, bucket, ledgerKey("errors/x/dt=2026-11-01/bad"))).toString(),
    );
    expect(entry.unreadable).to.deep.equal(["line 2: no rawData"]);
    const again = await redriveErrors({ s3: s3.client, bucket, lake, kinesis: kinesis.client, stream });
    expect(again).to.deep.equal({ objects: 1, alreadyRedriven: 1, redriven: 0, records: 0, problems: [] });
  });

  it("reports records the stream refuses and leaves their object to be redriven again", async () => {
    const { bucket } = await fresh();
    await putObject(s3.client, bucket, "errors/x/dt=2026-11-01/o", `${doc('{"id":1}\n')}\n`);
    const report = await redriveErrors({
      s3: s3.client,
      bucket,
      lake,
      kinesis: kinesis.client,
      stream: "no-such-stream",
      timeoutMs: 1000,
    });
    expect(report).to.deep.include({ objects: 1, redriven: 0, records: 0 });
    expect(report.problems).to.have.length(1);
    expect(report.problems[0]).to.match(
      /^errors\/x\/dt=2026-11-01\/o: record 1 not put: ResourceNotFoundException/,
    );
    expect(await listKeys(s3.client, bucket, "operations/")).to.deep.equal([]);
  });

  it("reads gzip objects by their key, as Firehose names them", () => {
    expect(recordsOf("x.gz", gzipSync('{"a":1}\n\n{"b":2}\n')).map(String)).to.deep.equal([
      '{"a":1}\n',
      '{"b":2}\n',
    ]);
    expect(recordsOf("x", Buffer.from('{"a":1}'))).to.deep.equal([Buffer.from('{"a":1}\n')]);
  });

  describe("the failure queue", () => {
    const record = (payload: unknown) =>
      JSON.stringify({ requestContext: { condition: "RetriesExhausted" }, requestPayload: payload });

    it("invokes each event once with its original payload, removes those that succeed, keeps the rest with why", async () => {
      const file = path.join(dir, `queue-${++n}.jsonl`);
      fs.writeFileSync(
        file,
        `${record({ id: "a" })}\n${record({ id: "b" })}\nnot json\n${JSON.stringify({ other: 1 })}\n`,
      );
      const queue = new QueueFile(file);
      const invoked: unknown[] = [];
      const report = await redriveQueue(queue, async (event) => {
        invoked.push(event);
        return (event as { id: string }).id === "b" ? "IngestError: still down" : undefined;
      });
      expect(invoked).to.deep.equal([{ id: "a" }, { id: "b" }]);
      expect(report.messages).to.equal(4);
      expect(report.redriven).to.equal(1);
      expect(report.failed.map((f) => f.id)).to.deep.equal(["2", "3", "4"]);
      expect(report.failed[0].reason).to.equal("IngestError: still down");
      expect(report.failed[2].reason).to.equal("no requestPayload: not a Lambda failure destination record");
      // Nothing is written back until the caller commits: then only the message that succeeded is gone.
      expect(fs.readFileSync(file, "utf8").split("\n").filter(Boolean)).to.have.length(4);
      queue.commit();
      expect(fs.readFileSync(file, "utf8")).to.equal(
        `${record({ id: "b" })}\nnot json\n${JSON.stringify({ other: 1 })}\n`,
      );
      // A second redrive sees what is left, once each.
      const again = await redriveQueue(new QueueFile(file), async () => undefined);
      expect(again.messages).to.equal(3);
      expect(again.redriven).to.equal(1);
      expect(again.failed.map((f) => f.id)).to.deep.equal(["2", "3"]);
    });

    it("finds nothing in an empty or missing queue file", async () => {
      const report = await redriveQueue(new QueueFile(path.join(dir, "missing.jsonl")), async () => {
        throw new Error("never invoked");
      });
      expect(report).to.deep.equal({ messages: 0, redriven: 0, failed: [] });
    });
  });
});
