/**
 * `npm run redrive`, end to end on this machine: a failed run's error prefix (records the curated table's
 * types could not hold) and its failure queue (events that failed every retry) land in the current lake
 * exactly once more, and a second redrive lands nothing. The failed runs are made in-process (the first
 * with the curated table amended so the conversion refuses every record, as a schema mistake would); the
 * redrives are the real command.
 */
import fs from "fs";
import os from "os";
import path from "path";
import { expect } from "chai";
import { DuckDBInstance } from "@duckdb/node-api";
import { LocalRunSummary, LocalStackRun } from "../../local/runner/local-stack";
import type { DeclaredResource } from "../../local/harness/run-program";
import {
  currentRun,
  keepFailed,
  lastFailedRun,
  newRunFolder,
  promote,
} from "../../local/commands/cli/work-dir";
import { readLake } from "../../local/stand-ins/lake/read-lake";
import { S3RVER_OBJECT_SUFFIX } from "../../local/stand-ins/services/s3-object-files";
import { runCli } from "../helpers/cli";
import { ROOT } from "../helpers/program";

const TABLE = "aws:glue/catalogTable:CatalogTable";

/** The curated table with `name` typed int: no beer's name converts, as after a wrong schema change. */
function wrongSchema(resources: DeclaredResource[]): DeclaredResource[] {
  return resources.map((r) => {
    if (r.type !== TABLE || r.inputs.name !== "beers_curated") return r;
    const sd = r.inputs.storageDescriptor;
    const columns = sd.columns.map((c: { name: string }) => (c.name === "name" ? { ...c, type: "int" } : c));
    return { ...r, inputs: { ...r.inputs, storageDescriptor: { ...sd, columns } } };
  });
}

describe("npm run redrive", function () {
  this.timeout(120_000);
  let work: string;

  /** A run of the test stack in-process, filed as the command would file it. */
  async function run(options: { sourceUrl?: string; amend?: typeof wrongSchema }): Promise<LocalRunSummary> {
    const folder = newRunFolder(work, "test");
    const local = new LocalStackRun({
      projectDir: ROOT,
      stack: "test",
      workDir: folder,
      invocations: 2,
      speed: 300,
      keepRunning: false,
      ...options,
    });
    await local.deploy();
    const summary = await local.run();
    if (summary.ok) promote(work, "test", folder);
    else keepFailed(work, "test", folder);
    return summary;
  }

  /** The beer ids in a zone of a run's lake (raw: its NDJSON; curated: its Parquet, read by DuckDB). */
  async function ids(runFolder: string, zone: "raw" | "curated"): Promise<number[]> {
    const lakeDir = path.join(runFolder, "lake");
    const bucket = fs.readdirSync(lakeDir).find((b) => !b.includes("athena"))!;
    if (zone === "raw")
      return readLake(lakeDir, bucket, "raw/")
        .flatMap((o) => o.lines.map((l) => (JSON.parse(l) as { id: number }).id))
        .sort((a, b) => a - b);
    const curated = path.join(lakeDir, bucket, "curated");
    if (!fs.existsSync(curated)) return [];
    const files = fs
      .readdirSync(curated, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith(`.parquet${S3RVER_OBJECT_SUFFIX}`))
      .map((f) => path.join(lakeDir, bucket, "curated", f));
    if (!files.length) return [];
    const connection = await (await DuckDBInstance.create(":memory:")).connect();
    try {
      const list = files.map((f) => `'${f}'`).join(", ");
      const rows = (await connection.runAndReadAll(`SELECT id FROM read_parquet([${list}])`)).getRowObjects();
      return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
    } finally {
      connection.closeSync();
    }
  }

  const redrive = async (...args: string[]) => {
    const result = await runCli("local/commands/redrive.ts", [
      "--work-dir",
      work,
      "--stack",
      "test",
      "--json",
      ...args,
    ]);
    return { ...result, report: result.code !== 2 ? JSON.parse(result.stdout) : undefined };
  };

  const sorted = (a: number[]) => [...a].sort((x, y) => x - y);

  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "punkapi-redrive-"));
    expect((await run({})).ok, "the good run").to.equal(true);
  });
  after(() => fs.rmSync(work, { recursive: true, force: true }));

  it("lands the error prefix's records in the current lake once, and a second redrive lands nothing", async () => {
    const failed = await run({ amend: wrongSchema });
    expect(failed.ok).to.equal(false);
    expect(failed.curated?.recordsFailed).to.equal(2);
    expect(failed.errors.join("\n")).to.include("npm run redrive -- --errors");
    const refusedIds = await ids(lastFailedRun(work, "test"), "raw");
    expect(await ids(lastFailedRun(work, "test"), "curated")).to.deep.equal([]);
    const before = {
      raw: await ids(currentRun(work, "test"), "raw"),
      curated: await ids(currentRun(work, "test"), "curated"),
    };

    const first = await redrive("--errors");
    expect(first.code, first.stderr + first.stdout).to.equal(0);
    expect(first.report.errors).to.include({ records: 2, alreadyRedriven: 0 });
    expect(first.report.errors.redriven).to.equal(first.report.errors.objects);
    expect(first.report.landed).to.deep.equal({ raw: 2, curated: 2, refused: 0 });
    const after = {
      raw: await ids(currentRun(work, "test"), "raw"),
      curated: await ids(currentRun(work, "test"), "curated"),
    };
    expect(after.curated).to.deep.equal(sorted([...before.curated, ...refusedIds]));
    expect(after.raw).to.deep.equal(sorted([...before.raw, ...refusedIds]));

    const second = await redrive("--errors");
    expect(second.code, second.stderr).to.equal(0);
    expect(second.report.errors).to.include({
      records: 0,
      redriven: 0,
      alreadyRedriven: first.report.errors.objects,
    });
    expect(second.report.landed).to.deep.equal({ raw: 0, curated: 0, refused: 0 });
    expect(await ids(currentRun(work, "test"), "curated")).to.deep.equal(after.curated);
  });

  it("invokes each event of the failure queue once more, removes it, and a second redrive finds none", async () => {
    const failed = await run({ sourceUrl: "http://127.0.0.1:9/" });
    expect(failed.invocations.toFailureQueue).to.equal(2);
    const queueFile = path.resolve(lastFailedRun(work, "test"), failed.failureQueue!.file);
    expect(fs.readFileSync(queueFile, "utf8").trim().split("\n")).to.have.length(2);
    const before = await ids(currentRun(work, "test"), "raw");

    const first = await redrive("--queue");
    expect(first.code, first.stderr + first.stdout).to.equal(0);
    expect(first.report.queue).to.deep.equal({ messages: 2, redriven: 2, failed: [] });
    // The test stack fetches one random beer an invocation.
    expect(first.report.landed).to.deep.equal({ raw: 2, curated: 2, refused: 0 });
    expect(fs.readFileSync(queueFile, "utf8")).to.equal("");
    const after = await ids(currentRun(work, "test"), "raw");
    expect(after).to.have.length(before.length + 2);

    const second = await redrive("--queue");
    expect(second.report.queue).to.deep.equal({ messages: 0, redriven: 0, failed: [] });
    expect(await ids(currentRun(work, "test"), "raw")).to.deep.equal(after);
  });

  it("keeps an event whose invocation fails again, says why, exits 1, and leaves the current run as it was", async () => {
    await run({ sourceUrl: "http://127.0.0.1:9/" });
    const before = await ids(currentRun(work, "test"), "raw");
    const result = await redrive("--queue", "--source-url", "http://127.0.0.1:9/");
    expect(result.code).to.equal(1);
    expect(result.report.queue.redriven).to.equal(0);
    expect(result.report.queue.failed.map((f: { reason: string }) => f.reason)).to.have.length(2);
    expect(result.report.problems.join("\n")).to.include("ECONNREFUSED");
    expect(await ids(currentRun(work, "test"), "raw")).to.deep.equal(before);
    const left = fs.readFileSync(
      path.join(lastFailedRun(work, "test"), "queues", "punkapi-consumer-test-ingest-failures.jsonl"),
      "utf8",
    );
    expect(left.trim().split("\n")).to.have.length(2);
  });

  it("then npm run recurate rebuilds the current run's curated zone with as many rows as its raw zone, the run replaced", async () => {
    // The runs arrived today (UTC): a range around it, in case one crossed midnight.
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const raw = await ids(currentRun(work, "test"), "raw");
    const result = await runCli("local/commands/recurate.ts", [
      "--work-dir",
      work,
      "--stack",
      "test",
      "--json",
      "--from",
      day(-1),
      "--to",
      day(1),
    ]);
    expect(result.code, result.stderr).to.equal(0);
    const report = JSON.parse(result.stdout);
    expect(report).to.deep.include({ rawRecords: raw.length, rowsRebuilt: raw.length, refused: [] });
    expect(await ids(currentRun(work, "test"), "curated")).to.deep.equal(raw);
  });
});
