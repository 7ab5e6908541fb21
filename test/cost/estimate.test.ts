/**
 * The monthly estimate (`npm run plan` prints it: test/local/plan.test.ts), for each stack: each line its
 * quantity times a price of the table, the total their sum; the table names its source and date; the assumptions hold against the
 * catalogue; the lines follow the configuration (an on-demand stream is billed by the hour, not the data).
 */
import { expect } from "chai";
import { estimate, formatEstimate } from "../../cost/estimate";
import PRICES from "../../cost/prices-us-east-1.json";
import { USAGE } from "../../cost/usage";
import { parseStackConfig } from "../../config/stack-config";
import { allBeers } from "../../local/punkapi/catalogue";
import { v3Catalogue } from "../../local/punkapi/catalogue-v3";
import { runStack, stackConfig } from "../helpers/program";

describe("the monthly estimate", function () {
  this.timeout(60_000);

  for (const stack of ["test", "prod"] as const)
    it(`prints for ${stack} every line a quantity times a listed price, the total their sum (as npm run plan does)`, async () => {
      const run = await runStack(stack);
      const section = formatEstimate(
        estimate(parseStackConfig(stackConfig(stack), stack), run.resources),
        stack,
      ).join("\n");
      expect(section).to.match(
        /^monthly estimate for stack "\w+" \(USD, prices for us-east-1 as of 2026-11-28\):/,
      );
      const lines = [
        ...section.matchAll(/^ {2}(.+?) +([\d.e-]+) (\S+(?: \S+)?) × \$([\d.]+) = \$([\d.]+)$/gm),
      ];
      expect(lines.length).to.be.at.least(12);
      const units = new Map(Object.values(PRICES.prices).map((p) => [`${p.unit} ${p.usd}`, p]));
      let sum = 0;
      for (const [, what, qty, unit, price, usd] of lines) {
        expect(
          units.has(`${unit} ${Number(price)}`),
          `${what}: ${unit} at $${price} is in the table`,
        ).to.equal(true);
        expect(Number(usd), what).to.be.closeTo(Number(qty) * Number(price), 0.006 + Number(usd) * 0.01);
        sum += Number(usd);
      }
      const total = Number(/^ {2}total \$([\d.]+) per month$/m.exec(section)![1]);
      expect(total).to.be.closeTo(sum, 0.01 * lines.length);
      // The stream, whichever its mode, is the larger part of the bill at this volume.
      const kinesis = lines.filter((l) => l[1].startsWith("Kinesis")).reduce((s, l) => s + Number(l[5]), 0);
      expect(kinesis / total).to.be.greaterThan(0.3);
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
