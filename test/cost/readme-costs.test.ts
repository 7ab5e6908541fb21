/**
 * The README's "What it costs" holds the figures the estimate works out for each stack (cost/estimate.ts,
 * as `npm run plan` prints it), so they cannot go stale.
 */
import { expect } from "chai";
import fs from "fs";
import path from "path";
import { estimate } from "../../cost/estimate";
import { parseStackConfig } from "../../config/stack-config";
import { ROOT, runStack, stackConfig } from "../helpers/program";

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");

describe("the README's costs", function () {
  this.timeout(60_000);
  it("says what each stack costs, as the estimate npm run plan prints works it out", async () => {
    const section = read("README.md").split("## What it costs")[1].split("\n## ")[0].replace(/\s+/g, " ");
    const totals: Record<string, number> = {};
    const lines: Record<string, Record<string, number>> = {};
    for (const stack of ["test", "prod"] as const) {
      const run = await runStack(stack);
      const e = estimate(parseStackConfig(stackConfig(stack), stack), run.resources);
      totals[stack] = Math.round(e.totalUsd);
      lines[stack] = Object.fromEntries(e.lines.map((l) => [l.item, l.usd]));
    }
    expect(section).to.contain(`**$${totals.test} a month for \`test\`**`);
    expect(section).to.contain(`**$${totals.prod} for \`prod\`**`);
    const money = (usd: number) => `$${usd.toFixed(2)}`;
    expect(section).to.contain(`one provisioned shard (${money(lines.prod["1 shard(s), all month"])})`);
    expect(section).to.contain(`retention (${money(lines.prod["retention to 168 h"])})`);
    const onDemand = estimate(
      { ...parseStackConfig(stackConfig("prod"), "prod"), streamMode: "ON_DEMAND" },
      (await runStack("prod")).resources,
    ).lines.find((l) => l.item.startsWith("on-demand stream"))!;
    expect(section).to.contain(`would cost ${money(onDemand.usd)} before any data`);
    expect(section).to.contain(
      `the function's seven metrics (${money(lines.prod["the function's metrics (EMF)"])})`,
    );
    expect(section).to.contain(`the alarms (${money(lines.prod["alarm metrics"])})`);
  });
});
