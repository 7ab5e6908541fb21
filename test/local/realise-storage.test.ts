/**
 * The storage realisers (local/runner/realisers/storage.ts, queue.ts) on their own, on kinesalite and s3rver
 * started in-process: a bucket becomes an empty s3rver bucket (whatever an earlier run left in its folder
 * gone), a stream a kinesalite stream with its shards (4 on demand, as AWS starts one; 1 when it declares
 * none), a queue an empty JSON-lines file.
 */
import { expect } from "chai";
import fs from "fs";
import os from "os";
import path from "path";
import { DescribeStreamCommand } from "@aws-sdk/client-kinesis";
import { ListBucketsCommand } from "@aws-sdk/client-s3";
import { LocalKinesis, startKinesalite } from "../../local/stand-ins/services/kinesis";
import { LocalS3, startS3rver } from "../../local/stand-ins/services/s3";
import { bucket, stream } from "../../local/runner/realisers/storage";
import { queue } from "../../local/runner/realisers/queue";
import { declared, testContext, TestRun } from "../helpers/realise";

describe("the storage realisers", function () {
  this.timeout(20_000);
  let lakeDir: string;
  let kinesis: LocalKinesis;
  let s3: LocalS3;
  let run: TestRun | undefined;
  before(async () => {
    lakeDir = fs.mkdtempSync(path.join(os.tmpdir(), "punkapi-realise-lake-"));
    kinesis = await startKinesalite({ region: "us-east-1" });
    s3 = await startS3rver(lakeDir, "us-east-1");
  });
  after(async () => {
    await kinesis.close();
    await s3.close();
    fs.rmSync(lakeDir, { recursive: true, force: true });
  });
  afterEach(() => run?.cleanUp());

  /** A run whose lake folder is s3rver's. */
  function context() {
    run = testContext([], { services: { kinesis, s3 } });
    fs.rmSync(run.inputs.lakeDir, { recursive: true, force: true });
    fs.symlinkSync(lakeDir, run.inputs.lakeDir);
    return run;
  }

  it("makes each bucket empty, whatever an earlier run left in it", async () => {
    const { inputs, sinks } = context();
    fs.mkdirSync(path.join(lakeDir, "lake-bucket", "raw"), { recursive: true });
    fs.writeFileSync(path.join(lakeDir, "lake-bucket", "raw", "left-over"), "x");
    await bucket(declared("aws:s3/bucket:Bucket", "lake", { bucket: "lake-bucket" }), inputs, sinks, {});
    // A bucket no earlier run left anything of.
    await bucket(declared("aws:s3/bucket:Bucket", "new", { bucket: "new-bucket" }), inputs, sinks, {});
    const { Buckets } = await s3.client.send(new ListBucketsCommand({}));
    expect(Buckets?.map((b) => b.Name).sort()).to.deep.equal(["lake-bucket", "new-bucket"]);
    expect(fs.existsSync(path.join(lakeDir, "lake-bucket", "raw"))).to.equal(false);
  });

  it("makes each stream with its shards: as declared, 1 by default, 4 on demand", async () => {
    const { inputs, sinks } = context();
    const shards = async (name: string, declaredInputs: Record<string, unknown>) => {
      await stream(
        declared("aws:kinesis/stream:Stream", name, { name, ...declaredInputs }),
        inputs,
        sinks,
        {},
      );
      const { StreamDescription } = await kinesis.client.send(
        new DescribeStreamCommand({ StreamName: name }),
      );
      return StreamDescription?.Shards?.length;
    };
    expect(await shards("declared", { shardCount: 2 })).to.equal(2);
    expect(await shards("provisioned", { streamModeDetails: { streamMode: "PROVISIONED" } })).to.equal(1);
    expect(
      await shards("on-demand", { streamModeDetails: { streamMode: "ON_DEMAND" }, shardCount: 2 }),
    ).to.equal(4);
  });

  it("makes each queue an empty file of messages, known by its ARN", async () => {
    const { inputs, sinks } = context();
    const arn = "arn:aws:sqs:us-east-1:123456789012:failures";
    const file = path.join(inputs.options.workDir, "queues", "failures.jsonl");
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, "an earlier run's message\n");
    const made = await queue(
      declared("aws:sqs/queue:Queue", "failures", { name: "failures" }, { arn }),
      inputs,
      sinks,
      {},
    );
    expect(made).to.deep.equal({ arn, queue: { name: "failures", file, messages: 0 } });
    expect(fs.readFileSync(file, "utf8")).to.equal("");
  });
});
