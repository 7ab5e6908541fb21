/**
 * A stack with custom prefixes, run whole on this machine and queried: the raw zone partitioned by
 * year/month/day (Hive style), the curated zone by an unnamed yyyy/MM/dd path. Every record written is
 * found through the views, with the partition values of the day it arrived, as Athena's projection of the
 * same layout would find it (test/components/lake-catalog.test.ts holds the Glue side to Firehose's folders).
 */
import { expect } from "chai";
import fs from "fs";
import os from "os";
import path from "path";
import { LocalStackRun } from "../../local/run/local-stack";
import { openLake } from "../../local/lake/views";
import { defaultQueries } from "../../local/lake/queries";
import { ROOT, VARIANT } from "../helpers/program";

describe("a custom prefix, end to end on this machine", function () {
  this.timeout(60_000);
  let workDir: string;
  after(() => fs.rmSync(workDir, { recursive: true, force: true }));

  it("writes under the custom folders and the views find every record, with its partition values", async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), "punkapi-custom-prefix-"));
    const local = new LocalStackRun({
      projectDir: ROOT,
      stack: "test",
      workDir,
      invocations: 2,
      speed: 3000,
      keepRunning: false,
      // (The shared variant: these prefixes, and catalogue mode and a short silence alarm, unused here.)
      config: VARIANT,
    });
    const started = new Date();
    await local.deploy();
    const summary = await local.run();
    expect(summary.ok, summary.errors.join("\n")).to.equal(true);
    expect(summary.beers.written).to.be.greaterThan(0);
    for (const o of summary.lake.objects)
      expect(o.key).to.match(/^landing\/year=\d{4}\/month=\d{2}\/day=\d{2}\/[^/]+\.gz$/);
    for (const o of summary.curated!.objects)
      expect(o.key).to.match(/^analytics\/\d{4}\/\d{2}\/\d{2}\/[^/]+\.parquet$/);

    const { connection } = await openLake(workDir);
    try {
      const rows = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJson();
      const [raw] = await rows(
        "SELECT count(*) AS n, min(year) AS y, min(month) AS m, min(day) AS d FROM beers_raw",
      );
      const pad = (n: number) => String(n).padStart(2, "0");
      expect(raw).to.deep.equal({
        n: String(summary.beers.written),
        y: String(started.getUTCFullYear()),
        m: pad(started.getUTCMonth() + 1),
        d: pad(started.getUTCDate()),
      });
      // `npm run query`'s own answers work on this layout too: the first partition is year/month/day.
      const [ingested] = await rows(defaultQueries(["year", "month", "day"])[0].sql);
      expect(ingested.first_partition).to.equal(`${raw.y}/${raw.m}/${raw.d}`);
      const [curated] = await rows("SELECT count(*) AS n, min(dt) AS dt FROM beers_curated");
      expect(curated).to.deep.equal({
        n: String(summary.beers.written),
        dt: `${started.getUTCFullYear()}/${pad(started.getUTCMonth() + 1)}/${pad(started.getUTCDate())}`,
      });
    } finally {
      connection.closeSync();
    }
  });
});
