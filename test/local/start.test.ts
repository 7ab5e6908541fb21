/**
 * `npm start` as a user runs it: three runs in child processes, side by side (they mostly wait): a
 * successful one with small numbers, one whose source always fails, and one stopped with Ctrl-C.
 * Then the lake each leaves on disk.
 */
import { expect } from "chai";
import fs from "fs";
import os from "os";
import path from "path";
import { gunzipSync } from "zlib";
import { validateBeer } from "../../handler/validate";
import type { LocalRunSummary } from "../../local/run/local-stack";
import { renderPrefix } from "../../local/firehose/render-prefix";
import { CliResult, runCli, spawnCli } from "../helpers/cli";
import { openLake } from "../../local/lake/views";
import { ROOT } from "../helpers/program";

/** The function containers `pid` started (children running the local Lambda bootstrap), from /proc. */
function containersOf(pid: number): number[] {
  return fs
    .readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return Number(fs.readFileSync(`/proc/${d}/stat`, "utf8").split(") ")[1].split(" ")[1]) === pid;
      } catch {
        return false;
      }
    })
    .filter((d) => {
      // Not tsx's esbuild service, which ends on its own after its parent.
      try {
        return fs.readFileSync(`/proc/${d}/cmdline`, "utf8").includes("local/lambda/bootstrap.js");
      } catch {
        return false;
      }
    })
    .map(Number);
}

interface InterruptedRun {
  code: number | null;
  stdout: string;
  stderr: string;
  containers: number[];
}

/** Starts a run that keeps going, waits for two invocations, presses Ctrl-C. */
async function interruptedRun(workDir: string): Promise<InterruptedRun> {
  const child = spawnCli("local/start.ts", ["--keep-running", "--speed", "600", "--work-dir", workDir]);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const deadline = Date.now() + 60_000;
  while ((stdout.match(/invocation ok/g) ?? []).length < 2 && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 100));
  const containers = containersOf(child.pid!);
  child.kill("SIGINT");
  return { code: await exited, stdout, stderr, containers };
}

describe("npm start (the local run)", function () {
  this.timeout(120_000);
  const dirs = { ok: "", failing: "", interrupted: "" };
  let ok: CliResult;
  let failing: CliResult;
  let interrupted: InterruptedRun;
  let started: number;
  let ended: number;
  const summaryOf = (dir: string): LocalRunSummary =>
    JSON.parse(fs.readFileSync(path.join(dir, "last-run.json"), "utf8"));

  before(async () => {
    for (const key of Object.keys(dirs) as (keyof typeof dirs)[]) {
      dirs[key] = fs.mkdtempSync(path.join(os.tmpdir(), `punkapi-start-${key}-`));
    }
    started = Date.now();
    [ok, failing, interrupted] = await Promise.all([
      runCli("local/start.ts", [
        "--stack",
        "prod",
        "--invocations",
        "3",
        "--speed",
        "600",
        "--work-dir",
        dirs.ok,
      ]).then((r) => {
        ended = Date.now();
        return r;
      }),
      runCli("local/start.ts", [
        "--invocations",
        "2",
        "--speed",
        "3000",
        "--source-url",
        "http://127.0.0.1:9/v2",
        "--source-contract",
        "v2",
        "--work-dir",
        dirs.failing,
      ]),
      interruptedRun(dirs.interrupted),
    ]);
  });
  after(() => Object.values(dirs).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  describe("stack prod, 3 invocations", () => {
    let summary: LocalRunSummary;
    before(() => {
      expect(ok.code, `${ok.stdout}\n${ok.stderr}`).to.equal(0);
      summary = summaryOf(dirs.ok);
    });

    it("ends by itself with a summary of what ran and where the lake is", () => {
      expect(ok.stdout).to.contain('local run of stack "prod": done');
      expect(ok.stdout).to.match(/invocations\s+3 scheduled, 3 attempts, 3 succeeded/);
      expect(ok.stdout).to.contain(
        path.join(path.relative(ROOT, dirs.ok), "lake", "punkapi-consumer-prod-lake-123456789012"),
      );
      expect(ok.stdout).to.contain("gunzip -c");
      expect(ok.stdout).to.match(/not realised locally \(declared and recorded\): .*sns\.Topic/);
      // IAM is realised: every AWS call was judged against the declared policies, none denied.
      expect(ok.stdout).to.match(
        /iam\s+\d+ AWS calls judged against the declared policies, 0 denied; function on Node v22\./,
      );
      expect(summary.iam.requests).to.be.greaterThan(20);
      expect(summary).to.deep.include({ ok: true, stack: "prod", stoppedBy: "completed" });
      expect(summary.invocations).to.deep.equal({
        scheduled: 3,
        attempts: 3,
        succeeded: 3,
        retried: 0,
        toFailureQueue: 0,
      });
      // prod: 10 beers per invocation, an on-demand stream (4 shards locally).
      expect(summary.beers).to.deep.include({ fetched: 30, written: 30, rejected: 0 });
      expect(summary.delivery).to.deep.include({ shards: 4, recordsRead: 30, recordsDelivered: 30 });
    });

    it("leaves a lake of gzip objects, one valid beer per line, as many lines as beers written", () => {
      const files = summary.lake.objects.map((o) => o.file);
      expect(files.length).to.equal(summary.delivery.objects).and.be.greaterThan(0);
      let lines = 0;
      const ids = new Set<number>();
      for (const file of files) {
        expect(
          file.startsWith(
            path.join(dirs.ok, "lake", "punkapi-consumer-prod-lake-123456789012", "raw", "beers", "dt="),
          ),
        ).to.equal(true);
        const text = gunzipSync(fs.readFileSync(file)).toString("utf8"); // throws if not gzip
        expect(text.endsWith("\n")).to.equal(true);
        for (const line of text.slice(0, -1).split("\n")) {
          const beer = JSON.parse(line);
          expect(validateBeer("v3", beer).ok, line.slice(0, 80)).to.equal(true);
          ids.add(beer.id);
          lines++;
        }
      }
      expect(lines).to.equal(summary.beers.written);
      expect(ids.size).to.equal(summary.beers.distinct);
    });

    it("names each object by the prefix expression evaluated at its oldest record's arrival", () => {
      expect(summary.delivery.written).to.have.length(summary.lake.objects.length);
      for (const object of summary.delivery.written) {
        const arrival = new Date(object.oldestArrival);
        expect(arrival.getTime()).to.be.within(started, ended);
        const prefix = renderPrefix("raw/beers/dt=!{timestamp:yyyy-MM-dd}/", { arrival });
        expect(object.key).to.match(
          new RegExp(
            `^${prefix}punkapi-consumer-prod-delivery-1-\\d{4}(-\\d{2}){5}-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}\\.gz$`,
          ),
        );
      }
      expect(summary.lake.objects.map((o) => o.key).sort()).to.deep.equal(
        summary.delivery.written.map((o) => o.key).sort(),
      );
    });
  });

  describe("npm run query over that lake", () => {
    it("answers the default questions from the fresh lake, counting records and distinct beers", async () => {
      const summary = summaryOf(dirs.ok);
      const result = await runCli("local/query.ts", ["--json", "--work-dir", dirs.ok]);
      expect(result.code, result.stderr).to.equal(0);
      const answers = JSON.parse(result.stdout) as {
        title: string;
        rows: Record<string, string | number>[];
      }[];
      expect(answers.map((a) => a.title)).to.deep.equal([
        "Beers ingested",
        "Strongest (distinct beers)",
        "Most bitter (distinct beers)",
        "IBU distribution (distinct beers)",
      ]);
      const ingested = answers[0].rows[0];
      expect(Number(ingested.records)).to.equal(summary.beers.written);
      expect(Number(ingested.distinct_beers)).to.equal(summary.beers.distinct);
      expect(answers[1].rows.length).to.be.within(1, 5);
      const histogram = answers[3].rows.reduce((n, r) => n + Number(r.beers), 0);
      expect(histogram).to.equal(summary.beers.distinct);
    });

    it("holds one curated row per ingested record, with the Glue table's types", async () => {
      const summary = summaryOf(dirs.ok);
      expect(summary.curated?.recordsDelivered).to.equal(summary.beers.written);
      for (const o of summary.curated!.objects)
        expect(o.key).to.match(/^curated\/beers\/dt=\d{4}-\d{2}-\d{2}\/.*\.parquet$/);
      const sql =
        "SELECT count(*) AS n, count(DISTINCT id) AS d, any_value(typeof(id)) AS id_type, any_value(typeof(abv)) AS abv_type, " +
        "any_value(typeof(first_brewed)) AS brewed_type, any_value(typeof(dt)) AS dt_type FROM beers_curated";
      // In this process (the CLI's own path is covered by the default answers above): the same views.
      const { connection } = await openLake(dirs.ok);
      const rows = async (text: string) => (await connection.runAndReadAll(text)).getRowObjectsJson();
      try {
        const [row] = await rows(sql);
        expect(Number(row.n)).to.equal(summary.beers.written); // repeats from random sampling stay rows
        expect(Number(row.d)).to.equal(summary.beers.distinct);
        expect(row).to.deep.include({
          id_type: "INTEGER",
          abv_type: "DOUBLE",
          brewed_type: "VARCHAR",
          dt_type: "VARCHAR",
        });
        const [joined] = await rows(
          "SELECT count(*) AS n FROM beers_raw r JOIN (SELECT DISTINCT id, abv FROM beers_curated) c USING (id) WHERE r.abv IS NOT DISTINCT FROM c.abv",
        );
        expect(Number(joined.n)).to.equal(summary.beers.written);
      } finally {
        connection.closeSync();
      }
    });

    it("says clearly that there is no lake yet", async () => {
      const result = await runCli("local/query.ts", ["--work-dir", path.join(dirs.ok, "nothing-here")]);
      expect(result.code).to.equal(2);
      expect(result.stderr).to.match(/no lake yet: .*last-run\.json does not exist\. Run `npm start` first/);
    });
  });

  it("fails with a non-zero exit and an error summary when the source always fails", () => {
    expect(failing.code).to.equal(1);
    expect(failing.stdout).to.contain('local run of stack "test": FAILED');
    expect(failing.stdout).to.match(
      /errors:\n\s+- IngestError: nothing could be fetched from the Punk API .*ECONNREFUSED/,
    );
    const summary = summaryOf(dirs.failing);
    // Two events, each tried three times (Lambda's two retries), then kept in the failure queue.
    expect(summary.invocations).to.deep.equal({
      scheduled: 2,
      attempts: 6,
      succeeded: 0,
      retried: 4,
      toFailureQueue: 2,
    });
    const queued = fs
      .readFileSync(summary.failureQueue!.file, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(queued).to.have.length(2);
    expect(queued[0].requestContext).to.deep.include({
      condition: "RetriesExhausted",
      approximateInvokeCount: 3,
    });
    expect(queued[0].requestPayload).to.deep.include({
      source: "aws.events",
      "detail-type": "Scheduled Event",
    });
    expect(summary.lake.objects).to.have.length(0);
  });

  it("stops cleanly on Ctrl-C: delivery flushed, containers ended, the interruption reported", () => {
    expect(interrupted.containers.length).to.be.greaterThan(0);
    expect(interrupted.code, `${interrupted.stdout}\n${interrupted.stderr}`).to.equal(130);
    expect(interrupted.stdout).to.contain("stopping: finishing the delivery");
    expect(interrupted.stdout).to.contain('local run of stack "test": interrupted');
    for (const pid of interrupted.containers)
      expect(fs.existsSync(`/proc/${pid}`), `process ${pid} left running`).to.equal(false);
    const summary = summaryOf(dirs.interrupted);
    expect(summary.stoppedBy).to.equal("interrupted");
    // The test stack's declared IAM allows every call its function and delivery made (prod: the run above).
    expect(summary.iam.requests).to.be.greaterThan(10);
    expect(summary.iam.denied).to.deep.equal([]);
    // Everything that reached the stream reached the lake.
    expect(summary.delivery.recordsDelivered).to.equal(summary.delivery.recordsRead).and.be.at.least(2);
    expect(summary.lake.objects.reduce((n, o) => n + o.records, 0)).to.equal(
      summary.delivery.recordsDelivered,
    );
  });

  it("refuses bad options with the option named", async () => {
    const result = await runCli("local/start.ts", ["--invocations", "0"]);
    expect(result.code).to.equal(2);
    expect(result.stderr).to.contain("--invocations must be a whole number from 1 to 10000");
  });
});
