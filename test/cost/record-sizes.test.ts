/**
 * What the estimate bills per record: Kinesis in PUT payload units of 25 KB (provisioned) or by the GB with
 * each record rounded up to 1 KB (on demand), Firehose with each record rounded up to 5 KB, and each
 * delivery stream the program declares. Record sizes either side of each step (the measured 1,950 bytes is
 * far from all but 1 KB), with the test stack's 8,760 records a month (730 h × 12 invocations × 1 beer) and
 * what it declares; GB = 2^30 bytes, prices from cost/prices-us-east-1.json.
 */
import { expect } from "chai";
import { CostLine, estimate } from "../../cost/estimate";
import { USAGE } from "../../cost/usage";
import { parseStackConfig, StackConfig } from "../../config/stack-config";
import type { DeclaredResource } from "../../local/harness/run-program";
import { expectLines } from "../helpers/cost-lines";
import { runStack, stackConfig } from "../helpers/program";

const FIREHOSE = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream";

describe("the monthly estimate, record size by record size", function () {
  this.timeout(60_000);
  let declared: DeclaredResource[];
  let provisioned: StackConfig;
  let onDemand: StackConfig;
  before(async () => {
    declared = (await runStack("test")).resources;
    provisioned = parseStackConfig(stackConfig("test"), "test");
    onDemand = { ...provisioned, streamMode: "ON_DEMAND" };
  });
  const line = (lines: CostLine[], item: string) => lines.filter((l) => l.item === item);
  const priced = (config: StackConfig, recordBytes: number) =>
    estimate(config, declared, { ...USAGE, recordBytes }).lines;

  it("counts a PUT payload unit per 25 KB (25,600 bytes) of a record, rounded up", () => {
    // 25,600 B: 1 unit a record, 8,760 / 1e6 million × $0.014.
    expectLines(line(priced(provisioned, 25_600), "PUT payload units"), [
      ["Kinesis: PUT payload units", 0.00876, 0.00012264],
    ]);
    // 25,601 B: 2 units a record, 17,520 / 1e6 million × $0.014.
    expectLines(line(priced(provisioned, 25_601), "PUT payload units"), [
      ["Kinesis: PUT payload units", 0.01752, 0.00024528],
    ]);
  });

  it("rounds a record up to 1 KB on an on-demand stream", () => {
    // 1,024 B: 8,760 × 1,024 / 2^30 = 0.0083542 GB × $0.08; out to 2 consumers, × 2 × $0.04.
    expectLines(line(priced(onDemand, 1024), "data in"), [["Kinesis: data in", 0.0083542, 0.00066833]]);
    expectLines(line(priced(onDemand, 1024), "data out to 2 consumers"), [
      ["Kinesis: data out to 2 consumers", 0.016708, 0.00066833],
    ]);
    // 1,025 B: 2,048 billed, 8,760 × 2,048 / 2^30 = 0.016708 GB × $0.08.
    expectLines(line(priced(onDemand, 1025), "data in"), [["Kinesis: data in", 0.016708, 0.0013367]]);
  });

  it("rounds a record up to 5 KB in each delivery stream", () => {
    // 5,120 B: 8,760 × 5,120 / 2^30 = 0.041771 GB per stream; × 2 streams × $0.029.
    expectLines(line(priced(provisioned, 5120), "ingestion, 2 delivery streams, 5 KB steps"), [
      ["Firehose: ingestion, 2 delivery streams, 5 KB steps", 0.083542, 0.0024227],
    ]);
    // 5,121 B: 10,240 billed, 0.083542 GB per stream; × 2 × $0.029.
    expectLines(line(priced(provisioned, 5121), "ingestion, 2 delivery streams, 5 KB steps"), [
      ["Firehose: ingestion, 2 delivery streams, 5 KB steps", 0.16708, 0.0048454],
    ]);
  });

  it("bills every delivery stream's ingestion, and the conversion of each that converts", () => {
    const curated = declared.filter(
      (r) => r.type === FIREHOSE && r.inputs.extendedS3Configuration.dataFormatConversionConfiguration,
    );
    expect(curated).to.have.length(1);
    // A second converting stream, and one to an HTTP endpoint (no S3 configuration, so nothing converted).
    const more: DeclaredResource[] = [
      ...declared,
      { ...curated[0], urn: `${curated[0].urn}-copy`, name: `${curated[0].name}-copy` },
      {
        ...curated[0],
        urn: `${curated[0].urn}-http`,
        name: `${curated[0].name}-http`,
        inputs: { destination: "http_endpoint", httpEndpointConfiguration: { url: "https://example.org" } },
      },
    ];
    const lines = estimate(provisioned, more).lines.filter((l) => l.service === "Firehose");
    // 0.041771 GB per stream (1,950 B rounded up to 5,120): 4 ingest it (× $0.029), 2 convert it (× $0.018).
    expectLines(lines, [
      ["Firehose: ingestion, 4 delivery streams, 5 KB steps", 0.16708, 0.0048454],
      ["Firehose: format conversion to Parquet", 0.083542, 0.0015038],
    ]);
  });
});
