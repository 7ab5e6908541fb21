/**
 * The monthly estimate (`npm run plan` prints it: test/local/plan.test.ts), for each stack: every line's
 * quantity and cost as worked out by hand from the configuration, the usage assumptions and the listed
 * prices, and the total; the table names its source and date; the assumptions hold against the
 * catalogue; the lines follow the configuration (an on-demand stream is billed by the hour, not the data).
 */
import { expect } from "chai";
import { estimate } from "../../cost/estimate";
import PRICES from "../../cost/prices-us-east-1.json";
import { USAGE } from "../../cost/usage";
import { parseStackConfig } from "../../config/stack-config";
import { allBeers } from "../../local/stand-ins/punkapi/catalogue";
import { v3Catalogue } from "../../local/stand-ins/punkapi/catalogue-v3";
import { expectLines } from "../helpers/cost-lines";
import { runStack, stackConfig } from "../helpers/program";

describe("the monthly estimate", function () {
  this.timeout(60_000);

  /**
   * Worked by hand from Pulumi.<stack>.yaml, config/spec.ts's defaults (rate(5 minutes), 256 MB), the
   * assumptions of cost/usage.ts (1,950-byte records, 800 + 300 bytes stored per record, 0.8 s per
   * invocation, 2,000 log bytes) and the prices of cost/prices-us-east-1.json, with what both programs
   * declare (2 delivery streams, one converting to Parquet; 9 alarm metrics; 8 EMF metrics; 1 dashboard;
   * 1 key). 730 h × 12 invocations an hour = 8,760 invocations; GB = 2^30 bytes.
   */
  // The one note of a stack in us-east-1 with a rate schedule and at most 7 days of stream retention.
  const SMALL_SERVICES =
    "SQS, SNS, Glue and Athena are billed by use and round to cents or less at this volume";

  const HAND_WORKED = {
    // 1 beer per invocation: 8,760 records.
    test: {
      lines: [
        ["Kinesis: 1 shard(s), all month", 730, 10.95], // 730 h × $0.015
        ["Kinesis: PUT payload units", 0.00876, 0.00012264], // 8,760 × 1 unit (1,950 B < 25 KB) / 1e6 × $0.014
        // 8,760 × 5,120 B (5 KB steps) / 2^30 = 0.041771 GB per stream, × 2 × $0.029
        ["Firehose: ingestion, 2 delivery streams, 5 KB steps", 0.083542, 0.0024227],
        ["Firehose: format conversion to Parquet", 0.041771, 0.00075188], // 0.041771 GB × $0.018
        ["Lambda: requests", 0.00876, 0.001752], // 8,760 / 1e6 × $0.2
        ["Lambda: compute, 256 MB × 0.8 s each", 1752, 0.0292], // 8,760 × 0.8 s × 0.25 GB × $0.0000166667
        ["S3: storage one month adds", 0.0089742, 0.00020641], // 8,760 × 1,100 B / 2^30 × $0.023
        ["S3: PUT requests", 17.52, 0.0876], // min(8,760, 730 h × 60 per hour) × 2 streams / 1,000 × $0.005
        ["CloudWatch: alarm metrics", 9, 0.9],
        ["CloudWatch: the function's metrics (EMF)", 8, 2.4],
        ["CloudWatch: dashboards", 1, 3],
        ["CloudWatch: log ingestion", 0.016317, 0.0081585], // 8,760 × 2,000 B / 2^30 × $0.5
        ["KMS: customer managed keys", 1, 1],
      ],
      total: 18.380214,
      notes: [SMALL_SERVICES],
    },
    // 10 beers per invocation (87,600 records), 168 h of retention, 300 s buffers.
    prod: {
      lines: [
        ["Kinesis: 1 shard(s), all month", 730, 10.95],
        ["Kinesis: PUT payload units", 0.0876, 0.0012264],
        ["Kinesis: retention to 168 h", 730, 14.6], // 730 shard-hours × $0.02
        ["Firehose: ingestion, 2 delivery streams, 5 KB steps", 0.83542, 0.024227],
        ["Firehose: format conversion to Parquet", 0.41771, 0.0075188],
        ["Lambda: requests", 0.00876, 0.001752],
        ["Lambda: compute, 256 MB × 0.8 s each", 1752, 0.0292],
        ["S3: storage one month adds", 0.089742, 0.0020641],
        ["S3: PUT requests", 17.52, 0.0876], // min(8,760, 730 h × 12 per hour) × 2 / 1,000 × $0.005
        ["CloudWatch: alarm metrics", 9, 0.9],
        ["CloudWatch: the function's metrics (EMF)", 8, 2.4],
        ["CloudWatch: dashboards", 1, 3],
        ["CloudWatch: log ingestion", 0.016317, 0.0081585],
        ["KMS: customer managed keys", 1, 1],
      ],
      total: 33.011747,
      // 168 h is the longest retention priced: no note on it.
      notes: [SMALL_SERVICES],
    },
  } as const;

  for (const stack of ["test", "prod"] as const)
    it(`comes to the hand-worked figures for ${stack}, line by line and in total`, async () => {
      const run = await runStack(stack);
      const e = estimate(parseStackConfig(stackConfig(stack), stack), run.resources);
      const worked = HAND_WORKED[stack];
      expectLines(e.lines, worked.lines);
      expect(e.totalUsd).to.be.closeTo(worked.total, 1e-5);
      expect(e.notes).to.deep.equal(worked.notes);
    });

  it("names the source of every price and the date of the table", () => {
    expect(PRICES).to.include({ region: "us-east-1", currency: "USD", asOf: "2026-11-28" });
    for (const [key, p] of Object.entries(PRICES.prices)) {
      expect(p.source, key).to.match(/^https:\/\/aws\.amazon\.com\//);
      expect(p.usd, key).to.be.greaterThan(0);
    }
  });

  it("assumes a record size within 5 % of the catalogue's average, in both contracts", () => {
    const beers = allBeers();
    const avg = (sizes: number[]) => sizes.reduce((s, x) => s + x, 0) / sizes.length;
    for (const size of [
      avg(beers.map((b) => Buffer.byteLength(JSON.stringify(b)) + 1)),
      avg(v3Catalogue().map((e) => Buffer.byteLength(e.wire) + 1)),
    ])
      expect(USAGE.recordBytes / size).to.be.within(0.95, 1.05);
  });

  it("bills an on-demand stream by the hour and a provisioned one by the shard, from the configuration", async () => {
    const run = await runStack("prod");
    const config = parseStackConfig(stackConfig("prod"), "prod");
    const item = (e: ReturnType<typeof estimate>, start: string) =>
      e.lines.find((l) => l.item.startsWith(start));
    const provisioned = estimate(
      { ...config, streamMode: "PROVISIONED", streamShardCount: 2 },
      run.resources,
    );
    expect(item(provisioned, "2 shard")).to.deep.include({ quantity: 2 * 730, usd: 2 * 730 * 0.015 });
    expect(item(provisioned, "retention to 168 h")).to.deep.include({ quantity: 2 * 730 });
    const onDemand = estimate({ ...config, streamMode: "ON_DEMAND" }, run.resources);
    expect(item(onDemand, "on-demand stream")).to.deep.include({ quantity: 730, usd: 29.2 });
    const elsewhere = estimate({ ...config, region: "eu-west-1" }, run.resources);
    expect(elsewhere.notes).to.include("prices for us-east-1; eu-west-1 differs");
  });
});
