/**
 * The artifact itself: the function's code archive exactly as the program declares it (from the mock's
 * inputs), laid out outside the project, with only the AWS SDK on NODE_PATH in the role of the Lambda
 * runtime, run against kinesalite and the stand-in; the beers are read back from the stream.
 */
import { expect } from "chai";
import fs from "fs";
import path from "path";
import type * as pulumi from "@pulumi/pulumi";
import { layOutArchive, runtimeSdkNodePath } from "../../local/lambda/artifact";
import { LambdaProcess } from "../../local/lambda/process";
import { zipDirectory } from "../../local/lambda/zip";
import { startPunkApi, StandIn } from "../../local/punkapi/server";
import { createStream, LocalKinesis, readAll, startKinesalite } from "../helpers/kinesis";
import { expectedRecord } from "../helpers/beers";
import { one, runStack } from "../helpers/program";

describe("the function artifact declared by the program (test stack)", function () {
  let dir: string;
  let env: Record<string, string>;
  let kinesis: LocalKinesis;
  let api: StandIn;
  let fn: LambdaProcess;

  before(async () => {
    const run = await runStack("test");
    const declared = one(run, "aws:lambda/function:Function");
    const archive = declared.inputs.code as pulumi.asset.AssetArchive;
    dir = await layOutArchive(await archive.assets);
    env = declared.inputs.environment.variables;
    kinesis = await startKinesalite();
    api = await startPunkApi({ contract: "v3" });
  });
  after(async () => {
    await fn?.close();
    await api.close();
    await kinesis.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("zips to at most 300 KB and ships no AWS SDK, type package or Pulumi package", async () => {
    const zipped = await zipDirectory(dir);
    console.log(`      (zipped archive: ${(zipped.length / 1024).toFixed(1)} KB)`);
    expect(zipped.length).to.be.at.most(300 * 1024);
    const packages = fs.readdirSync(path.join(dir, "node_modules"));
    expect(packages).to.include("got");
    for (const forbidden of ["@aws-sdk", "@smithy", "@types", "@pulumi", "typescript", "mocha"]) {
      expect(packages).not.to.include(forbidden);
    }
  });

  it("ingests beers end to end into the stream the program names", async () => {
    await createStream(kinesis.client, 1, env.STREAM_NAME);
    fn = new LambdaProcess({
      dir,
      handler: "__index.handler",
      // The program's environment, with the endpoints of this machine in place of the Internet's.
      env: {
        ...env,
        AWS_REGION: "us-east-1",
        PUNKAPI_URL: api.url,
        BEERS_PER_INVOCATION: "5",
        KINESIS_ENDPOINT: kinesis.endpoint,
      },
      nodePath: [runtimeSdkNodePath()],
      memoryMb: 256,
      timeoutMs: 60_000,
    });
    const result = await fn.invoke({ source: "aws.events" });
    expect(result).to.deep.include({ ok: true });
    const records = await readAll(kinesis.client, env.STREAM_NAME);
    expect(records).to.have.length(5);
    for (const r of records)
      expect(r.data.equals(expectedRecord(Number(r.partitionKey), "v3"))).to.equal(true);
  });
});
