/**
 * Catalogue mode, run whole on this machine and queried: two scheduled snapshots of the stand-in's
 * catalogue, the first cut after page 2 (the source resets every connection) and made good by Lambda's
 * retry. The lake then holds the first two pages three times and the rest twice; `beers_latest` holds
 * each beer once, its latest version.
 */
import { expect } from "chai";
import fs from "fs";
import os from "os";
import path from "path";
import { LocalStackRun } from "../../local/run/local-stack";
import { openLake } from "../../local/lake/views";
import { startPunkApi, StandIn } from "../../local/punkapi/server";
import { ROOT, VARIANT } from "../helpers/program";

describe("catalogue mode, end to end on this machine", function () {
  this.timeout(60_000);
  let workDir: string;
  let api: StandIn;
  after(async () => {
    fs.rmSync(workDir, { recursive: true, force: true });
    await api?.close();
  });

  it("lands every beer; beers_latest has one row per id, its latest version, after overlapping and retried snapshots", async () => {
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
      // The shared variant: catalogue mode (and custom prefixes: beers_latest reads any layout).
      config: VARIANT,
      // One container at a time, so the resets all fall on one invocation whatever the machine's load.
      amend: (resources) =>
        resources.map((r) =>
          r.type === "aws:lambda/function:Function"
            ? { ...r, inputs: { ...r.inputs, reservedConcurrentExecutions: 1 } }
            : r,
        ),
    });
    await local.deploy();
    const summary = await local.run();
    expect(summary.ok, summary.errors.join("\n")).to.equal(true);
    expect(summary.warnings.join("\n")).to.match(/the catalogue snapshot is incomplete: page 3:/);
    expect(summary.invocations).to.include({ scheduled: 2, succeeded: 2, toFailureQueue: 0 });
    expect(summary.beers.written).to.equal(160 + 325 + 325);

    const { connection } = await openLake(workDir);
    try {
      const rows = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJson();
      const [curated] = await rows(
        "SELECT count(*)::INT AS n, count(DISTINCT id)::INT AS ids FROM beers_curated",
      );
      expect(curated).to.deep.equal({ n: 810, ids: 325 });
      const latest = await rows("SELECT id, arrived_utc FROM beers_latest ORDER BY id");
      expect(latest.map((r) => r.id)).to.deep.equal(Array.from({ length: 325 }, (_, i) => i + 1));
      // Each row's arrival is the latest among that beer's copies, worked out here from the object names.
      const newest = new Map<number, string>();
      for (const r of await rows(`SELECT id, "$path" AS p FROM "beers_curated$path"`)) {
        const arrived = /-(\d{4}(?:-\d{2}){5})-[0-9a-f]{8}-/.exec(String(r.p))![1];
        if (arrived > (newest.get(Number(r.id)) ?? "")) newest.set(Number(r.id), arrived);
      }
      for (const r of latest) expect(r.arrived_utc, `beer ${r.id}`).to.equal(newest.get(Number(r.id)));
    } finally {
      connection.closeSync();
    }
  });
});
