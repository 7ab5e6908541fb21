/**
 * The shared variant of the test stack (test/helpers/program.ts VARIANT), run whole on this machine and
 * queried. Catalogue mode: two scheduled snapshots of the stand-in's catalogue, the first cut after page 2
 * (the source resets every connection) and made good by Lambda's retry; the lake then holds the first two
 * pages three times and the rest twice, and `beers_latest` each beer once, its latest version. Custom
 * prefixes: the raw zone partitioned by year/month/day (Hive style), the curated zone by an unnamed
 * yyyy/MM/dd path; every record is found through the views with the partition values of the day it
 * arrived, as Athena's projection of the same layout would find it (test/components/lake-catalog.test.ts
 * holds the Glue side to Firehose's folders).
 */
import { expect } from "chai";
import fs from "fs";
import os from "os";
import path from "path";
import { LocalStackRun } from "../../local/runner/local-stack";
import type { LocalRunSummary } from "../../local/runner/summary";
import { openLake } from "../../local/stand-ins/lake/views";
import { defaultQueries } from "../../local/stand-ins/lake/queries";
import { startPunkApi, StandIn } from "../../local/stand-ins/punkapi/server";
import { ROOT, VARIANT } from "../helpers/program";

describe("catalogue mode and custom prefixes, end to end on this machine", function () {
  this.timeout(60_000);
  let workDir: string;
  let api: StandIn;
  let summary: LocalRunSummary;
  let started: Date;
  after(async () => {
    fs.rmSync(workDir, { recursive: true, force: true });
    await api?.close();
  });

  before(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), "punkapi-catalogue-"));
    // Pages 1 and 2, then every connection reset until the function gives the page up (4 attempts).
    api = await startPunkApi({
      contract: "v3",
      faults: [
        { fault: "none", times: 2 },
        { fault: "reset", times: 4 },
      ],
    });
    const local = new LocalStackRun({
      projectDir: ROOT,
      stack: "test",
      workDir,
      invocations: 2,
      // 1 s between the scheduled invocations, Lambda's retry 200 ms after a failure.
      speed: 300,
      keepRunning: false,
      sourceUrl: api.url,
      sourceContract: "v3",
      config: VARIANT,
      // One container at a time, so the resets all fall on one invocation whatever the machine's load.
      amend: (resources) =>
        resources.map((r) =>
          r.type === "aws:lambda/function:Function"
            ? { ...r, inputs: { ...r.inputs, reservedConcurrentExecutions: 1 } }
            : r,
        ),
    });
    started = new Date();
    await local.deploy();
    summary = await local.run();
  });

  const query = async <T>(ask: (rows: (sql: string) => Promise<Record<string, unknown>[]>) => Promise<T>) => {
    const { connection } = await openLake(workDir);
    try {
      return await ask(async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJson());
    } finally {
      connection.closeSync();
    }
  };

  it("lands every beer; beers_latest has one row per id, its latest version, after overlapping and retried snapshots", async () => {
    expect(summary.ok, summary.errors.join("\n")).to.equal(true);
    expect(summary.warnings.join("\n")).to.match(/the catalogue snapshot is incomplete: page 3:/);
    // The first snapshot failed and Lambda's retry made it good: a success, the failure a warning.
    expect(summary.invocations).to.deep.equal({
      scheduled: 2,
      attempts: 3,
      succeeded: 2,
      retried: 1,
      toFailureQueue: 0,
    });
    expect(summary.errors).to.deep.equal([]);
    expect(summary.beers.written).to.equal(160 + 415 + 415);
    await query(async (rows) => {
      const [curated] = await rows(
        "SELECT count(*)::INT AS n, count(DISTINCT id)::INT AS ids FROM beers_curated",
      );
      expect(curated).to.deep.equal({ n: 990, ids: 415 });
      const latest = await rows("SELECT id, arrived_utc FROM beers_latest ORDER BY id");
      expect(latest.map((r) => r.id)).to.deep.equal(Array.from({ length: 415 }, (_, i) => i + 1));
      // Each row's arrival is the latest among that beer's copies, worked out here from the object names.
      const newest = new Map<number, string>();
      for (const r of await rows(`SELECT id, "$path" AS p FROM "beers_curated$path"`)) {
        const arrived = /-(\d{4}(?:-\d{2}){5})-[0-9a-f]{8}-/.exec(String(r.p))![1];
        if (arrived > (newest.get(Number(r.id)) ?? "")) newest.set(Number(r.id), arrived);
      }
      for (const r of latest) expect(r.arrived_utc, `beer ${r.id}`).to.equal(newest.get(Number(r.id)));
    });
  });

  it("writes under the custom folders and the views find every record, with its partition values", async () => {
    for (const o of summary.lake.objects)
      expect(o.key).to.match(/^landing\/year=\d{4}\/month=\d{2}\/day=\d{2}\/[^/]+\.gz$/);
    for (const o of summary.curated!.objects)
      expect(o.key).to.match(/^analytics\/\d{4}\/\d{2}\/\d{2}\/[^/]+\.parquet$/);
    const pad = (n: number) => String(n).padStart(2, "0");
    const [y, m, d] = [
      String(started.getUTCFullYear()),
      pad(started.getUTCMonth() + 1),
      pad(started.getUTCDate()),
    ];
    await query(async (rows) => {
      const [raw] = await rows(
        "SELECT count(*) AS n, min(year) AS y, min(month) AS m, min(day) AS d FROM beers_raw",
      );
      expect(raw).to.deep.equal({ n: String(summary.beers.written), y, m, d });
      // `npm run query`'s own answers work on this layout too: the first partition is year/month/day.
      const [ingested] = await rows(defaultQueries(["year", "month", "day"])[0].sql);
      expect(ingested.first_partition).to.equal(`${y}/${m}/${d}`);
      const [curated] = await rows("SELECT count(*) AS n, min(dt) AS dt FROM beers_curated");
      expect(curated).to.deep.equal({ n: String(summary.beers.written), dt: `${y}/${m}/${d}` });
    });
  });
});
