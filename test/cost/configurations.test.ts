/**
 * The monthly estimate under configurations other than the two stacks': each switches one branch of
 * cost/estimate.ts (an on-demand stream, retention either side of 24 h and of 7 days, a cron schedule,
 * catalogue mode, the buffer interval against the schedule), with its figures worked by hand.
 *
 * All start from the test stack (one provisioned shard, 24 h of retention, 60 s buffers, rate(5 minutes):
 * 730 h × 12 = 8,760 invocations, 1 beer each) and price what its program declares (2 delivery streams,
 * one converting to Parquet; 9 alarm metrics; 8 EMF metrics; 1 dashboard; 1 key), none of which these
 * keys change. GB = 2^30 bytes; prices from cost/prices-us-east-1.json.
 */
import { expect } from "chai";
import { estimate } from "../../cost/estimate";
import { parseStackConfig, StackConfig } from "../../config/stack-config";
import type { DeclaredResource } from "../../local/harness/run-program";
import { expectLines } from "../helpers/cost-lines";
import { runStack, stackConfig } from "../helpers/program";

const SMALL_SERVICES =
  "SQS, SNS, Glue and Athena are billed by use and round to cents or less at this volume";

/** The test stack's configuration with some keys changed (as a stack file would set them). */
function testStackWith(keys: Record<string, string>): StackConfig {
  const overrides = Object.fromEntries(Object.entries(keys).map(([k, v]) => [`punkapi-consumer:${k}`, v]));
  return parseStackConfig(stackConfig("test", overrides), "test");
}

describe("the monthly estimate, configuration by configuration", function () {
  this.timeout(60_000);
  let declared: DeclaredResource[];
  before(async () => {
    declared = (await runStack("test")).resources;
  });
  const kinesis = (config: StackConfig) =>
    estimate(config, declared).lines.filter((l) => l.service === "Kinesis");

  // 8,760 records × 2,048 B (1,950 B rounded up to 1 KB) / 2^30 = 0.016708 GB a month.
  const ON_DEMAND = [
    ["Kinesis: on-demand stream, all month", 730, 29.2], // 730 stream-hours × $0.04
    ["Kinesis: data in", 0.016708, 0.0013367], // × $0.08
    ["Kinesis: data out to 2 consumers", 0.033417, 0.0013367], // 2 × 0.016708 GB × $0.04
  ] as const;

  it("bills an on-demand stream by the hour and the data in and out, with no retention line at 24 h", () => {
    expectLines(kinesis(testStackWith({ streamMode: "ON_DEMAND" })), ON_DEMAND);
  });

  it("prices an on-demand stream's retention beyond 24 h by the GB-month, up to 7 days", () => {
    // 1 h beyond 24: 0.016708 GB × 1 / 730 h = 2.2888e-5 GB-month × $0.1.
    expectLines(kinesis(testStackWith({ streamMode: "ON_DEMAND", streamRetentionHours: "25" })), [
      ...ON_DEMAND,
      ["Kinesis: retention to 25 h", 2.2888e-5, 2.2888e-6],
    ]);
    // 144 h beyond 24: 0.016708 GB × 144 / 730 = 0.0032959 GB-month × $0.1.
    expectLines(kinesis(testStackWith({ streamMode: "ON_DEMAND", streamRetentionHours: "168" })), [
      ...ON_DEMAND,
      ["Kinesis: retention to 168 h", 0.0032959, 0.00032959],
    ]);
    // 169 h: the 7 days' extended retention as at 168 h; the hour beyond is long-term retention, unpriced.
    expectLines(kinesis(testStackWith({ streamMode: "ON_DEMAND", streamRetentionHours: "169" })), [
      ...ON_DEMAND,
      ["Kinesis: retention to 169 h", 0.0032959, 0.00032959],
    ]);
  });

  it("says that retention beyond 7 days is not priced, from 169 h on", () => {
    const e = estimate(testStackWith({ streamRetentionHours: "169" }), declared);
    expectLines(
      e.lines.filter((l) => l.service === "Kinesis"),
      [
        ["Kinesis: 1 shard(s), all month", 730, 10.95], // 730 h × $0.015
        ["Kinesis: PUT payload units", 0.00876, 0.00012264], // 8,760 × 1 unit / 1e6 × $0.014
        ["Kinesis: retention to 169 h", 730, 14.6], // 730 shard-hours × $0.02
      ],
    );
    expect(e.notes).to.deep.equal([
      "stream retention beyond 7 days (long-term retention) is not priced here",
      SMALL_SERVICES,
    ]);
  });

  it("counts no invocations for a cron schedule and says so: what is left is billed by the month", () => {
    const e = estimate(testStackWith({ scheduleExpression: "cron(0 12 * * ? *)" }), declared);
    expectLines(e.lines, [
      ["Kinesis: 1 shard(s), all month", 730, 10.95],
      ["Kinesis: PUT payload units", 0, 0],
      ["Firehose: ingestion, 2 delivery streams, 5 KB steps", 0, 0],
      ["Firehose: format conversion to Parquet", 0, 0],
      ["Lambda: requests", 0, 0],
      ["Lambda: compute, 256 MB × 0.8 s each", 0, 0],
      ["S3: storage one month adds", 0, 0],
      ["S3: PUT requests", 0, 0],
      ["CloudWatch: alarm metrics", 9, 0.9],
      ["CloudWatch: the function's metrics (EMF)", 8, 2.4],
      ["CloudWatch: dashboards", 1, 3],
      ["CloudWatch: log ingestion", 0, 0],
      ["KMS: customer managed keys", 1, 1],
    ]);
    // $10.95 + $0.90 + $2.40 + $3 + $1.
    expect(e.totalUsd).to.be.closeTo(18.25, 1e-9);
    expect(e.notes).to.deep.equal([
      "a cron schedule's invocations are not estimated: cron(0 12 * * ? *)",
      SMALL_SERVICES,
    ]);
  });

  it("takes a whole catalogue per invocation in catalogue mode, and its longer duration", () => {
    // v3 (the test stack's contract): 8,760 × 415 beers = 3,635,400 records; beersPerInvocation is ignored.
    const e = estimate(testStackWith({ ingestMode: "catalogue", beersPerInvocation: "7" }), declared);
    expectLines(e.lines, [
      ["Kinesis: 1 shard(s), all month", 730, 10.95],
      ["Kinesis: PUT payload units", 3.6354, 0.0508956], // 3,635,400 / 1e6 × $0.014
      // 3,635,400 × 5,120 B / 2^30 = 17.335 GB per stream, × 2 × $0.029
      ["Firehose: ingestion, 2 delivery streams, 5 KB steps", 34.67, 1.0054],
      ["Firehose: format conversion to Parquet", 17.335, 0.31203], // × $0.018
      ["Lambda: requests", 0.00876, 0.001752],
      ["Lambda: compute, 256 MB × 3 s each", 6570, 0.1095], // 8,760 × 3 s × 0.25 GB × $0.0000166667
      ["S3: storage one month adds", 3.7243, 0.085659], // 3,635,400 × 1,100 B / 2^30 × $0.023
      ["S3: PUT requests", 17.52, 0.0876],
      ["CloudWatch: alarm metrics", 9, 0.9],
      ["CloudWatch: the function's metrics (EMF)", 8, 2.4],
      ["CloudWatch: dashboards", 1, 3],
      ["CloudWatch: log ingestion", 0.016317, 0.0081585],
      ["KMS: customer managed keys", 1, 1],
    ]);
    // v2's catalogue: 8,760 × 325 = 2,847,000 records, 2.847 million PUT payload units.
    const v2 = estimate(testStackWith({ ingestMode: "catalogue", sourceContract: "v2" }), declared);
    expect(v2.lines[1]).to.include({ item: "PUT payload units" });
    expect(v2.lines[1].quantity).to.be.closeTo(2.847, 1e-9);
  });

  it("writes at most one object per buffer interval and delivery stream, and one per invocation", () => {
    const s3Puts = (keys: Record<string, string>) =>
      estimate(testStackWith(keys), declared).lines.find((l) => l.item === "PUT requests")!.quantity;
    // rate(1 minute): 43,800 invocations. 300 s buffers: 730 h × 12 = 8,760 objects per stream, × 2 / 1,000.
    expect(s3Puts({ scheduleExpression: "rate(1 minute)", bufferingIntervalSeconds: "300" })).to.be.closeTo(
      17.52,
      1e-9,
    );
    // 60 s buffers: 730 h × 60 = 43,800, as many as the invocations: 87,600 / 1,000.
    expect(s3Puts({ scheduleExpression: "rate(1 minute)", bufferingIntervalSeconds: "60" })).to.be.closeTo(
      87.6,
      1e-9,
    );
    // rate(5 minutes) with 60 s buffers: the 8,760 invocations are fewer than the buffers could write.
    expect(s3Puts({})).to.be.closeTo(17.52, 1e-9);
  });
});
