/**
 * The declared alarms, evaluated over local runs from the metrics the run produces (the function's EMF
 * lines, its attempts, its failure queue): a source that serves only wrong shapes sets off the drift
 * alarm, a dead source the silence and error alarms. Which alarm is which is read from the declared
 * resources (the metric each watches), never restated here; the default run, which fires none, is
 * checked in start.test.ts.
 */
import { expect } from "chai";
import fs from "fs";
import os from "os";
import path from "path";
import { LocalStackRun } from "../../local/runner/local-stack";
import type { LocalRunSummary } from "../../local/runner/summary";
import { startPunkApi, StandIn } from "../../local/stand-ins/punkapi/server";
import { METRICS } from "../../handler/metrics";
import type { AlarmInputs } from "../../local/stand-ins/alarms/evaluate";
import { ROOT, runStack, VARIANT } from "../helpers/program";

describe("alarms evaluated over a local run", function () {
  this.timeout(60_000);
  const dirs: string[] = [];
  let api: StandIn;
  let drift: LocalRunSummary;
  let dead: LocalRunSummary;
  /** The declared alarms of the test stack, by what they watch. */
  let watching: (predicate: (inputs: AlarmInputs) => boolean) => string;

  const run = async (sourceUrl: string, config: Readonly<Record<string, string>> = {}) => {
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "punkapi-alarms-"));
    dirs.push(workDir);
    const local = new LocalStackRun({
      projectDir: ROOT,
      stack: "test",
      workDir,
      invocations: 3,
      speed: 300,
      keepRunning: false,
      sourceUrl,
      sourceContract: "v3",
      config,
    });
    await local.deploy();
    return local.run();
  };

  before(async () => {
    const program = await runStack("test");
    const alarms = program.resources.filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm");
    watching = (predicate) => {
      const found = alarms.filter((a) => predicate(a.inputs as AlarmInputs));
      if (found.length !== 1) throw new Error(`expected one alarm, found ${found.length}`);
      return found[0].name;
    };
    api = await startPunkApi({ contract: "v3", faults: [{ fault: "wrong-shape" }] });
    // The dead source with the shared variant: a 6-minute silence period (the shortest the 5-minute
    // schedule allows) is 1.2 s at ×300; its catalogue mode fails on page 1 as random mode fails.
    [drift, dead] = await Promise.all([run(api.url), run("http://127.0.0.1:9/v3", VARIANT)]);
  });
  after(async () => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    await api?.close();
  });

  const firing = (s: LocalRunSummary) => s.alarms.filter((a) => a.fires).map((a) => a.alarm);
  const reads = (inputs: AlarmInputs, metric: string) =>
    inputs.metricName === metric || (inputs.metricQueries ?? []).some((q) => q.metric?.metricName === metric);

  it("a source serving only wrong shapes sets off the drift alarm, its EMF metrics counting every rejection", () => {
    expect(drift.beers).to.include({ valid: 0, written: 0 });
    // Every metric, read from the function's EMF lines: one beer an attempt, each one rejected.
    const attempts = drift.invocations.attempts;
    expect(attempts).to.be.greaterThan(0);
    const { [METRICS.durationMs.name]: duration, ...counts } = drift.metrics;
    expect(counts).to.deep.equal({
      [METRICS.fetched.name]: attempts,
      [METRICS.valid.name]: 0,
      [METRICS.rejected.name]: attempts,
      [METRICS.written.name]: 0,
      [METRICS.retries.name]: 0,
      [METRICS.failedFetches.name]: 0,
      [METRICS.unknownFields.name]: 0,
    });
    expect(duration).to.be.greaterThan(0);
    const driftAlarm = watching((i) => reads(i, METRICS.rejected.name));
    expect(firing(drift)).to.include(driftAlarm);
    expect(drift.alarms.find((a) => a.alarm === driftAlarm)!.reason).to.match(/^100 > \d+ in period \d+$/);
  });

  it("a dead source sets off the silence and the function-error alarms, and not the drift alarm", () => {
    const silence = watching((i) => i.metricName === METRICS.written.name);
    const errors = watching((i) => i.namespace === "AWS/Lambda" && i.metricName === "Errors");
    expect(firing(dead)).to.include.members([silence, errors]);
    expect(firing(dead)).to.not.include(watching((i) => reads(i, METRICS.rejected.name)));
    // Nothing was fetched: the function said so in its metrics before it failed.
    expect(dead.metrics[METRICS.fetched.name]).to.equal(0);
    expect(dead.metrics[METRICS.failedFetches.name]).to.be.greaterThan(0);
  });

  it("evaluates only what a local run produces, or whose period the run outlasts, saying why of the others", () => {
    const notLocal = [
      watching((i) => i.namespace === "AWS/Firehose"),
      watching((i) => i.namespace === "AWS/Kinesis"),
    ];
    for (const s of [drift, dead]) {
      const skipped = s.alarms.filter((a) => !a.evaluated);
      expect(skipped.map((a) => a.alarm)).to.include.members(notLocal);
      for (const a of skipped)
        expect(a.reason).to.match(
          notLocal.includes(a.alarm)
            ? /^a local run does not produce AWS\/(Firehose|Kinesis) /
            : /^the run was shorter than its period \(3600 s is 12000 ms here\)$/,
        );
    }
    // The dead run's silence period (6 minutes) is 1.2 s here: every alarm but those two is evaluated.
    expect(dead.alarms.filter((a) => !a.evaluated)).to.have.length(2);
  });
});
