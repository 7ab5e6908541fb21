import { expect } from "chai";
import { runCli } from "../helpers/cli";

describe("npm run plan", function () {
  this.timeout(60_000);

  it("prints the resource tree, key properties and every policy statement of a stack", async () => {
    const { code, stdout } = await runCli("local/commands/plan.ts", ["--stack", "prod"]);
    expect(code).to.equal(0);
    expect(stdout).to.contain('plan for stack "prod"');
    expect(stdout).to.match(/\n {2}punkapi:ingest:IngestPipeline {2}punkapi-consumer-prod-ingest\n/);
    expect(stdout).to.match(/\n {2}punkapi:ingest:IngestSchedule {2}punkapi-consumer-prod-ingest\n/);
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
    expect(stdout).to.match(/\d+ resources in 10 components/);
    // Then the monthly estimate, its figures worked by hand in test/cost/estimate.test.ts: here, how they
    // print (padded columns, the unit and price of each line, small quantities in exponent form, cents).
    const tail = stdout.slice(stdout.indexOf("monthly estimate"));
    expect(tail).to.match(
      /^monthly estimate for stack "prod" \(USD, prices for us-east-1 as of 2026-11-28\):\n {2}Kinesis: 1 shard\(s\), all month {2,}730 shard-hour × \$0\.015 = \$10\.95\n/,
    );
    for (const line of [
      /\n {2}Kinesis: retention to 168 h +730 shard-hour × \$0\.02 = \$14\.60\n/,
      /\n {2}Firehose: ingestion, 2 delivery streams, 5 KB steps +0\.84 GB × \$0\.029 = \$0\.02\n/,
      /\n {2}Lambda: requests +8\.76e-3 million × \$0\.2 = \$0\.00\n/,
      /\n {2}Lambda: compute, 256 MB × 0\.8 s each +1752 GB-s × \$0\.0000166667 = \$0\.03\n/,
      /\n {2}S3: PUT requests +17\.52 thousand × \$0\.005 = \$0\.09\n/,
      /\n {2}CloudWatch: dashboards +1 dashboard × \$3 = \$3\.00\n/,
      /\n {2}total \$33\.01 per month\n {2}note: SQS, SNS, Glue and Athena are billed by use/,
    ])
      expect(tail).to.match(line);
  });

  it("exits non-zero naming the key when the configuration is invalid", async () => {
    const { code, stdout, stderr } = await runCli("local/commands/plan.ts", [
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
