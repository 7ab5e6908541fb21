/**
 * The entry as Pulumi ships it: serialized by the closure serializer with the packages CallbackFunction
 * would add, laid out outside the project, run in a child process with only the AWS SDK on NODE_PATH
 * (the Lambda runtime's part), against kinesalite and the stand-in; the beers are read back from the stream.
 */
import { expect } from "chai";
import fs from "fs";
import path from "path";
import { createHandler } from "../../handler/entry";
import { LAMBDA_EXCLUDED_PACKAGES } from "../../handler/packaging";
import { archiveFor, layOutArchive, runtimeSdkNodePath } from "../../local/lambda/artifact";
import { LambdaProcess } from "../../local/lambda/process";
import { startPunkApi, StandIn } from "../../local/punkapi/server";
import { createStream, LocalKinesis, readAll, startKinesalite } from "../helpers/kinesis";
import { expectedRecord, sortedIds } from "../helpers/beers";

describe("serialized handler artifact", function () {
  let kinesis: LocalKinesis;
  let api: StandIn;
  let dir: string;
  const processes: LambdaProcess[] = [];

  before(async () => {
    kinesis = await startKinesalite();
    api = await startPunkApi();
    dir = await layOutArchive(await archiveFor(createHandler, LAMBDA_EXCLUDED_PACKAGES));
  });
  after(async () => {
    await Promise.all(processes.map((p) => p.close()));
    await api.close();
    await kinesis.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function lambda(env: Record<string, string>, logs: string[] = []) {
    const p = new LambdaProcess({
      dir,
      handler: "__index.handler",
      env: { AWS_REGION: "us-east-1", ...env },
      nodePath: [runtimeSdkNodePath()],
      memoryMb: 256,
      timeoutMs: 15000,
      onOutput: (line) => logs.push(line),
    });
    processes.push(p);
    return p;
  }

  it("ships only got and its dependencies beside the closure, outside the project", () => {
    expect(path.relative(process.cwd(), dir)).to.match(/^\.\./);
    const shipped = fs.readdirSync(path.join(dir, "node_modules"));
    expect(shipped).to.include("got");
    expect(shipped).not.to.include("@aws-sdk");
    expect(shipped).not.to.include("@types");
    expect(shipped).not.to.include("@pulumi");
    expect(fs.readFileSync(path.join(dir, "__index.js"), "utf8")).to.contain("exports.handler");
  });

  it("ingests beers end to end, warm invocations reusing the container", async () => {
    const streamName = await createStream(kinesis.client);
    const logs: string[] = [];
    const fn = lambda(
      {
        STREAM_NAME: streamName,
        PUNKAPI_URL: api.url,
        PUNKAPI_CONTRACT: "v2",
        BEERS_PER_INVOCATION: "7",
        KINESIS_ENDPOINT: kinesis.endpoint,
      },
      logs,
    );
    const first = await fn.invoke({});
    const second = await fn.invoke({});
    expect(first).to.deep.include({ ok: true });
    expect(second).to.deep.include({ ok: true });
    expect((first as { result: { written: number } }).result.written).to.equal(7);
    const records = await readAll(kinesis.client, streamName);
    expect(records).to.have.length(14);
    expect(sortedIds(records.map((r) => r.partitionKey))).to.deep.equal(
      sortedIds(api.stats.served.slice(-14)),
    );
    for (const r of records) expect(r.data.equals(expectedRecord(Number(r.partitionKey)))).to.equal(true);
    const summaries = logs.filter((l) => l.startsWith("{")).map((l) => JSON.parse(l));
    expect(summaries.map((s) => s.written)).to.deep.equal([7, 7]);
  });

  it("fails the cold start with the variable named when the environment is bad", async () => {
    const fn = lambda({ STREAM_NAME: "s", PUNKAPI_URL: api.url, PUNKAPI_CONTRACT: "v9" });
    let error: Error | undefined;
    await fn.start().catch((e: Error) => (error = e));
    expect(error?.message).to.match(
      /init error: ConfigError: PUNKAPI_CONTRACT: must be "v2" or "v3", got "v9"/,
    );
  });

  it("throws from the invocation when the beers cannot be written", async () => {
    const fn = lambda({
      STREAM_NAME: "missing-stream",
      PUNKAPI_URL: api.url,
      PUNKAPI_CONTRACT: "v2",
      BEERS_PER_INVOCATION: "2",
      KINESIS_ENDPOINT: kinesis.endpoint,
    });
    const result = await fn.invoke({});
    expect(result.ok).to.equal(false);
    expect(!result.ok && result.error).to.deep.equal({
      name: "IngestError",
      message: "2 of 2 valid beers could not be written to Kinesis",
    });
  });
});
