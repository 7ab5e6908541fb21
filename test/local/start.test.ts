/**
 * `npm start` and `npm run query` as a user runs them, in child processes: a run with the defaults, then a
 * run whose source always fails in the same work directory (the good lake must survive it), and beside
 * them a prod run stopped with Ctrl-C while a second `npm start` tries the same work directory. Then the
 * lakes they leave, queried as they are, moved, and with a damaged object.
 */
import { expect } from "chai";
import fs from "fs";
import os from "os";
import path from "path";
import { gunzipSync } from "zlib";
import { validateBeer } from "../../handler/validate";
import type { LocalRunSummary } from "../../local/runner/summary";
import { renderPrefix } from "../../local/stand-ins/firehose/render-prefix";
import { CliResult, runCli, spawnCli } from "../helpers/cli";
import { openLake } from "../../local/stand-ins/lake/views";
import { ROOT, runStack } from "../helpers/program";
import { readmeSample, sameShape } from "../helpers/samples";

/** The function containers `pid` started (children running the local Lambda bootstrap), from /proc. */
function containersOf(pid: number): number[] {
  return fs
    .readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const ppid = Number(fs.readFileSync(`/proc/${d}/stat`, "utf8").split(") ")[1].split(" ")[1]);
        return (
          ppid === pid &&
          fs.readFileSync(`/proc/${d}/cmdline`, "utf8").includes("local/stand-ins/lambda/bootstrap.js")
        );
      } catch {
        return false;
      }
    })
    .map(Number);
}

interface InterruptedRun extends CliResult {
  containers: number[];
  /** A second `npm start` in the same work directory, while the first ran. */
  second: CliResult;
  pid: number;
}

/** A prod run that keeps going; after two invocations a second run is tried, then Ctrl-C. */
async function interruptedRun(workDir: string): Promise<InterruptedRun> {
  const child = spawnCli("local/commands/start.ts", [
    "--stack",
    "prod",
    "--keep-running",
    "--speed",
    "600",
    "--work-dir",
    workDir,
  ]);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const deadline = Date.now() + 60_000;
  while ((stdout.match(/invocation ok/g) ?? []).length < 2 && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 100));
  const second = await runCli("local/commands/start.ts", ["--work-dir", workDir]);
  const containers = containersOf(child.pid!);
  child.kill("SIGINT");
  return { code: await exited, stdout, stderr, containers, second, pid: child.pid! };
}

const read = (file: string) => fs.readFileSync(file, "utf8");

describe("npm start and npm run query, as a user runs them", function () {
  this.timeout(120_000);
  let work: string;
  let other: string;
  let ok: CliResult;
  let failing: CliResult;
  let interrupted: InterruptedRun;
  let started: number;
  let ended: number;
  let goodSummaryText: string;
  const current = () => path.join(work, "test", "current");
  const summaryIn = (folder: string): LocalRunSummary => JSON.parse(read(path.join(folder, "summary.json")));

  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "punkapi-start-"));
    other = fs.mkdtempSync(path.join(os.tmpdir(), "punkapi-start-prod-"));
    started = Date.now();
    [[ok, failing], interrupted] = await Promise.all([
      (async () => {
        const good = await runCli("local/commands/start.ts", ["--work-dir", work]);
        ended = Date.now();
        goodSummaryText = read(path.join(current(), "summary.json"));
        const bad = await runCli("local/commands/start.ts", [
          "--invocations",
          "2",
          "--speed",
          "3000",
          "--source-url",
          "http://127.0.0.1:9/v2",
          "--source-contract",
          "v2",
          "--work-dir",
          work,
        ]);
        return [good, bad] as const;
      })(),
      // prod's program is evaluated here, in a test process that loads the Pulumi runtime anyway, rather
      // than by the CLI (which would load it for this alone); the CLI reads the run from the shared cache.
      runStack("prod").then(() => interruptedRun(other)),
    ]);
  });
  after(() => [work, other].forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  describe("a run with the defaults", () => {
    let summary: LocalRunSummary;
    before(() => {
      expect(ok.code, `${ok.stdout}\n${ok.stderr}`).to.equal(0);
      summary = summaryIn(current());
    });

    it("ends by itself with the summary the README shows", () => {
      // An attempt running long on a loaded machine adds a notice (local/runner/progress.ts) that the
      // README's sample of a run on an idle one has not: how fast the machine is is not the shape.
      const steady = ok.stdout
        .split("\n")
        .filter((l) => !/: an invocation has been running for /.test(l))
        .join("\n");
      expect(sameShape(readmeSample("npm start"), steady, { workDir: work })).to.deep.equal([]);
      // The declared alarms it could evaluate (local/stand-ins/alarms/), none firing on a run that went well.
      expect(summary.alarms.filter((a) => a.evaluated).length).to.be.at.least(4);
      expect(summary.alarms.filter((a) => a.fires)).to.deep.equal([]);
      expect(ok.stdout).to.match(/next +npm run query -- --work-dir /);
      expect(summary).to.deep.include({
        ok: true,
        stack: "test",
        stoppedBy: "completed",
        warnings: [],
        errors: [],
      });
      expect(summary.invocations).to.deep.equal({
        scheduled: 5,
        attempts: 5,
        succeeded: 5,
        retried: 0,
        toFailureQueue: 0,
      });
      expect(summary.beers).to.deep.include({ fetched: 5, written: 5, rejected: 0 });
      // IAM is realised: every AWS call was judged against the declared policies, none denied.
      expect(summary.iam.requests).to.be.greaterThan(20);
      expect(summary.iam.denied).to.deep.equal([]);
      expect(fs.readFileSync(path.join(work, "latest"), "utf8").trim()).to.equal("test");
      expect(fs.readFileSync(path.join(work, ".gitignore"), "utf8")).to.match(/^\*$/m);
    });

    it("leaves a lake of gzip objects, one valid beer per line, as many lines as beers written", () => {
      let lines = 0;
      const ids = new Set<number>();
      expect(summary.lake.objects.length).to.equal(summary.delivery.objects).and.be.greaterThan(0);
      for (const object of summary.lake.objects) {
        expect(path.isAbsolute(object.file)).to.equal(false); // the run folder can move
        const text = gunzipSync(fs.readFileSync(path.join(current(), object.file))).toString("utf8");
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
            `^${prefix}punkapi-consumer-test-delivery-1-\\d{4}(-\\d{2}){5}-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}\\.gz$`,
          ),
        );
      }
    });
  });

  describe("a run whose source always fails, in the same work directory", () => {
    it("fails (exit 1), keeps the last good lake untouched and says so", () => {
      expect(failing.code, failing.stderr).to.equal(1);
      expect(failing.stdout).to.contain('stack "test": FAILED');
      expect(failing.stdout).to.match(
        /errors:\n\s+- IngestError: nothing could be fetched from the Punk API .*ECONNREFUSED/,
      );
      expect(failing.stdout).to.match(/kept +the last good lake, .*test\/current\//);
      expect(read(path.join(current(), "summary.json"))).to.equal(goodSummaryText);
      const failed = summaryIn(path.join(work, "test", "last-failed"));
      // Two events, each tried three times (Lambda's two retries), then kept in the failure queue.
      expect(failed.invocations).to.deep.equal({
        scheduled: 2,
        attempts: 6,
        succeeded: 0,
        retried: 4,
        toFailureQueue: 2,
      });
      const queued = read(path.join(work, "test", "last-failed", failed.failureQueue!.file))
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
    });
  });

  describe("a prod run stopped with Ctrl-C", () => {
    it("refuses a second run in the same work directory (exit 2), naming the process that holds it", () => {
      expect(interrupted.second.code, interrupted.second.stdout).to.equal(2);
      expect(interrupted.second.stderr).to.contain(
        `is in use by process ${interrupted.pid} (npm start --stack prod`,
      );
    });

    it("stops cleanly: delivery flushed, containers ended, nothing invented, no lake replaced", () => {
      expect(interrupted.containers.length).to.be.greaterThan(0);
      expect(interrupted.code, `${interrupted.stdout}\n${interrupted.stderr}`).to.equal(130);
      expect(interrupted.stdout).to.contain("stopping: finishing the delivery");
      expect(interrupted.stdout).to.contain('stack "prod": interrupted');
      expect(interrupted.stdout).to.match(/kept +no good lake yet; this run is in /);
      for (const pid of interrupted.containers)
        expect(fs.existsSync(`/proc/${pid}`), `process ${pid} left running`).to.equal(false);
      expect(fs.existsSync(path.join(other, "prod", "current"))).to.equal(false);
      const summary = summaryIn(path.join(other, "prod", "last-failed"));
      expect(summary.stoppedBy).to.equal("interrupted");
      expect(summary.errors).to.deep.equal([]);
      expect(summary.iam.denied).to.deep.equal([]);
      // prod: 10 beers an invocation into its one provisioned shard; all that reached it landed.
      expect(summary.delivery.shards).to.equal(1);
      expect(summary.delivery.recordsDelivered).to.equal(summary.delivery.recordsRead).and.be.at.least(20);
    });
  });

  describe("npm run query over the good lake", () => {
    it("answers the README's questions, with numbers as numbers, and says which run it read", async () => {
      const result = await runCli("local/commands/query.ts", ["--json", "--work-dir", work]);
      expect(result.code, result.stderr).to.equal(0);
      expect(result.stderr).to.match(
        /^reading stack "test", the run that ended .* \(5 beers\)\n {2}lake .*test\/current\/lake\//,
      );
      const answers = JSON.parse(result.stdout) as { title: string; rows: Record<string, unknown>[] }[];
      const summary = summaryIn(current());
      expect(answers.map((a) => a.title)).to.deep.equal([
        "Beers ingested",
        "Strongest (beers_latest: one row per beer)",
        "Most bitter (beers_latest)",
        "IBU distribution (beers_latest)",
      ]);
      expect(answers[0].rows[0]).to.deep.include({ records: 5, distinct_beers: summary.beers.distinct });
      expect(answers[3].rows.reduce((n, r) => n + (r.beers as number), 0)).to.equal(summary.beers.distinct);
      const text = await runCli("local/commands/query.ts", ["--work-dir", work]);
      expect(sameShape(readmeSample("npm run query"), text.stdout, { workDir: work })).to.deep.equal([]);
    });

    it("passes every data-quality rule (npm run query -- --quality), exit 0", async () => {
      const result = await runCli("local/commands/query.ts", ["--quality", "--json", "--work-dir", work]);
      expect(result.code, result.stderr).to.equal(0);
      const outcomes = JSON.parse(result.stdout) as { rule: string; passed: boolean }[];
      expect(outcomes.filter((o) => !o.passed)).to.deep.equal([]);
      expect(outcomes.length).to.be.greaterThan(4);
    });

    it("holds one curated row per ingested record, with the Glue table's types", async () => {
      const summary = summaryIn(current());
      expect(summary.curated?.recordsDelivered).to.equal(summary.beers.written);
      const { connection } = await openLake(current());
      try {
        const [row] = (
          await connection.runAndReadAll(
            "SELECT count(*)::INT AS n, any_value(typeof(id)) AS id_type, any_value(typeof(abv)) AS abv_type, " +
              "any_value(typeof(first_brewed)) AS brewed_type, any_value(typeof(dt)) AS dt_type FROM beers_curated",
          )
        ).getRowObjectsJson();
        expect(row).to.deep.equal({
          n: 5,
          id_type: "INTEGER",
          abv_type: "DOUBLE",
          brewed_type: "VARCHAR",
          dt_type: "VARCHAR",
        });
      } finally {
        connection.closeSync();
      }
    });

    it("reads a moved work directory where it is, and names a damaged object, leaves it out and exits 1", async () => {
      const moved = fs.mkdtempSync(path.join(os.tmpdir(), "punkapi-moved-"));
      try {
        fs.cpSync(work, moved, { recursive: true });
        const summary = summaryIn(path.join(moved, "test", "current"));
        const damaged = path.join(moved, "test", "current", summary.lake.objects[0].file);
        fs.writeFileSync(damaged, "not gzip at all");
        const result = await runCli("local/commands/query.ts", [
          "--json",
          "--work-dir",
          moved,
          "SELECT count(*) AS n FROM beers_raw",
        ]);
        expect(result.code).to.equal(1);
        expect(result.stderr).to.contain(`  lake ${path.relative(ROOT, moved)}/test/current/lake/`);
        expect(result.stderr).to.contain(
          `warning: ${path.relative(ROOT, damaged)} cannot be read, left out:`,
        );
        expect(result.stderr).to.contain("1 object(s) left out");
        expect(JSON.parse(result.stdout)).to.deep.equal([
          { n: summary.beers.written - summary.lake.objects[0].records },
        ]);
      } finally {
        fs.rmSync(moved, { recursive: true, force: true });
      }
    });

    it("says clearly that there is no lake yet (exit 2)", async () => {
      const result = await runCli("local/commands/query.ts", ["--work-dir", path.join(work, "nothing-here")]);
      expect(result.code).to.equal(2);
      expect(result.stderr).to.match(/no lake yet in .*nothing-here: run `npm start` first/);
    });
  });
});
