import { expect } from "chai";
import { runCli } from "../helpers/cli";
import { runStack, stackConfig } from "../helpers/program";
import { estimate, formatEstimate } from "../../cost/estimate";
import { parseStackConfig } from "../../config/stack-config";

describe("npm run plan", function () {
  this.timeout(60_000);

  it("prints the resource tree, key properties and every policy statement of a stack", async () => {
    const { code, stdout } = await runCli("local/plan.ts", ["--stack", "prod"]);
    expect(code).to.equal(0);
    expect(stdout).to.contain('plan for stack "prod"');
    expect(stdout).to.match(/\n {2}punkapi:ingest:IngestPipeline {2}punkapi-consumer-prod-ingest\n/);
    expect(stdout).to.match(
      /\n {4}aws:kinesis\/stream:Stream {2}punkapi-consumer-prod-stream-kinesis {2}\[protected, retained on delete\]/,
    );
    expect(stdout).to.contain('streamModeDetails: {"streamMode":"PROVISIONED"}');
    expect(stdout).to.contain(
      "Allow kinesis:PutRecord, kinesis:PutRecords on arn:aws:kinesis:us-east-1:123456789012:stream/punkapi-consumer-prod-beers",
    );
    expect(stdout).to.contain(
      "Deny principal * s3:* on arn:aws:s3:::punkapi-consumer-prod-lake-123456789012, arn:aws:s3:::punkapi-consumer-prod-lake-123456789012/* when",
    );
    expect(stdout).to.match(/\d+ resources in 8 components/);
    // Then the monthly estimate (cost/estimate.ts, checked line by line in test/cost/), as it works it out.
    const run = await runStack("prod");
    const expected = formatEstimate(
      estimate(parseStackConfig(stackConfig("prod"), "prod"), run.resources),
      "prod",
    );
    expect(stdout.trimEnd().endsWith(expected.join("\n"))).to.equal(true);
  });

  it("exits non-zero naming the key when the configuration is invalid", async () => {
    const { code, stdout, stderr } = await runCli("local/plan.ts", [
      "--stack",
      "test",
      "--config",
      "streamShardCount=0",
    ]);
    expect(code).to.equal(2);
    expect(stdout).to.equal("");
    expect(stderr).to.contain(
      "invalid stack configuration: punkapi-consumer:streamShardCount must be between 1 and 500, got 0",
    );
  });
});
