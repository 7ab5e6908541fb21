/**
 * The monthly estimate as `npm run plan` prints it (formatEstimate): the test stack's, line for line (its
 * figures are worked by hand in test/cost/estimate.test.ts; here, how each prints: the item padded to the
 * longest, the quantity right-aligned in 8 characters, whole, to two decimals, or in exponent form below
 * 0.01; the unit and its price; dollars to the cent), and the edge of the exponent form.
 */
import { expect } from "chai";
import { Estimate, estimate, formatEstimate } from "../../cost/estimate";
import PRICES from "../../cost/prices-us-east-1.json";
import { parseStackConfig } from "../../config/stack-config";
import { runStack, stackConfig } from "../helpers/program";

describe("the monthly estimate as printed", function () {
  this.timeout(60_000);

  it("prints the test stack's estimate line by line, then the total, the notes and where the prices come from", async () => {
    const run = await runStack("test");
    const e = estimate(parseStackConfig(stackConfig("test"), "test"), run.resources);
    // The longest item, "Firehose: ingestion, 2 delivery streams, 5 KB steps", is 51 characters.
    expect(formatEstimate(e, "test")).to.deep.equal([
      'monthly estimate for stack "test" (USD, prices for us-east-1 as of 2026-11-28):',
      "  Kinesis: 1 shard(s), all month                            730 shard-hour × $0.015 = $10.95",
      "  Kinesis: PUT payload units                            8.76e-3 million units × $0.014 = $0.00",
      "  Firehose: ingestion, 2 delivery streams, 5 KB steps      0.08 GB × $0.029 = $0.00",
      "  Firehose: format conversion to Parquet                   0.04 GB × $0.018 = $0.00",
      "  Lambda: requests                                      8.76e-3 million × $0.2 = $0.00",
      "  Lambda: compute, 256 MB × 0.8 s each                     1752 GB-s × $0.0000166667 = $0.03",
      "  S3: storage one month adds                            8.97e-3 GB-month × $0.023 = $0.00",
      "  S3: PUT requests                                        17.52 thousand × $0.005 = $0.09",
      "  CloudWatch: alarm metrics                                   9 metric × $0.1 = $0.90",
      "  CloudWatch: the function's metrics (EMF)                    8 metric × $0.3 = $2.40",
      "  CloudWatch: dashboards                                      1 dashboard × $3 = $3.00",
      "  CloudWatch: log ingestion                                0.02 GB × $0.5 = $0.01",
      "  KMS: customer managed keys                                  1 key × $1 = $1.00",
      "  total $18.38 per month",
      "  note: SQS, SNS, Glue and Athena are billed by use and round to cents or less at this volume",
      "  prices: cost/prices-us-east-1.json (each with its source page; compiled offline, check calculator.aws)",
    ]);
  });

  it("prints 0.01 to two decimals and less in exponent form, a zero as 0, and every note", () => {
    const e: Estimate = {
      lines: [
        { service: "S3", item: "PUT requests", quantity: 0.01, price: "s3.putThousand", usd: 0.00005 },
        { service: "S3", item: "PUT requests", quantity: 0.00999, price: "s3.putThousand", usd: 0.00004995 },
        { service: "KMS", item: "customer managed keys", quantity: 0, price: "kms.keyMonth", usd: 0 },
      ],
      totalUsd: 0.00009995,
      notes: ["one", "two"],
      prices: PRICES,
    };
    // Items padded to "KMS: customer managed keys" (26 characters), quantities to 8.
    expect(formatEstimate(e, "x")).to.deep.equal([
      'monthly estimate for stack "x" (USD, prices for us-east-1 as of 2026-11-28):',
      "  S3: PUT requests                0.01 thousand × $0.005 = $0.00",
      "  S3: PUT requests             9.99e-3 thousand × $0.005 = $0.00",
      "  KMS: customer managed keys         0 key × $1 = $0.00",
      "  total $0.00 per month",
      "  note: one",
      "  note: two",
      "  prices: cost/prices-us-east-1.json (each with its source page; compiled offline, check calculator.aws)",
    ]);
  });
});
