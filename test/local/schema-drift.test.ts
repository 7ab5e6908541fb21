/**
 * The end-to-end check: a local stack run against a stand-in whose beers carry a field the lake's
 * schema does not declare. The function's metric counts it, the declared schema-drift alarm fires, the
 * function's log line and the run's summary (JSON and text) name it, and the raw zone keeps its bytes.
 */
import { expect } from "chai";
import fs from "fs";
import os from "os";
import path from "path";
import { gunzipSync } from "zlib";
import { LocalStackRun } from "../../local/runner/local-stack";
import { LocalRunSummary, SUMMARY_FILE } from "../../local/runner/summary";
import { formatSummary } from "../../local/runner/format-summary";
import { startPunkApi, StandIn } from "../../local/stand-ins/punkapi/server";
import { ROOT, runStack } from "../helpers/program";

describe("schema drift over a local run", function () {
  this.timeout(60_000);
  let api: StandIn;
  let workDir: string;
  let summary: LocalRunSummary;

  before(async () => {
    api = await startPunkApi({ contract: "v3", extraFields: { country: "Scotland" } });
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), "punkapi-drift-"));
    const local = new LocalStackRun({
      projectDir: ROOT,
      stack: "test",
      workDir,
      invocations: 3,
      speed: 300,
      keepRunning: false,
      sourceUrl: api.url,
      sourceContract: "v3",
      config: {},
    });
    await local.deploy();
    summary = await local.run();
  });
  after(async () => {
    fs.rmSync(workDir, { recursive: true, force: true });
    await api?.close();
  });

  it("counts the field in UnknownFields and sets off the declared schema-drift alarm", async () => {
    expect(summary.ok, summary.errors.join("\n")).to.equal(true);
    // One unknown field at each of the 3 invocations (one beer each), summed over the run.
    expect(summary.metrics.UnknownFields).to.equal(3);
    const declared = (await runStack("test")).resources.filter(
      (r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm" && r.inputs.metricName === "UnknownFields",
    );
    expect(declared.map((a) => a.name)).to.deep.equal(["punkapi-consumer-test-ingest-schema-drift"]);
    const verdict = summary.alarms.find((a) => a.alarm === "punkapi-consumer-test-ingest-schema-drift")!;
    expect(verdict).to.include({ evaluated: true, fires: true });
    expect(verdict.reason).to.match(/^1 >= 1 in period \d+$/);
    expect(summary.alarms.filter((a) => a.fires).map((a) => a.alarm)).to.deep.equal([
      "punkapi-consumer-test-ingest-schema-drift",
    ]);
  });

  it("names the field in the function's log line, at warn level", () => {
    const logs = path.join(workDir, summary.logs);
    const lines = fs
      .readdirSync(logs)
      .flatMap((f) => fs.readFileSync(path.join(logs, f), "utf8").split("\n"))
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => typeof l.requested === "number");
    expect(lines).to.have.length(3);
    for (const line of lines) {
      expect(line).to.include({
        level: "warn",
        unknownFields: 1,
        UnknownFields: 1,
        beersWithUnknownFields: 1,
      });
      expect(line.unknownFieldPaths).to.deep.equal(["country"]);
      expect(line.msg).to.match(/fields the lake's schema does not declare.*: country$/);
    }
  });

  it("says it in the summary, JSON and text, pointing at the docs", () => {
    const expected = { beers: 3, fields: ["country"], docs: "docs/handler.md#schema-drift" };
    expect(summary.schemaDrift).to.deep.equal(expected);
    const onDisk = JSON.parse(fs.readFileSync(path.join(workDir, SUMMARY_FILE), "utf8")) as LocalRunSummary;
    expect(onDisk.schemaDrift).to.deep.equal(expected);
    const text = formatSummary(summary, { folder: workDir, outcome: "current", queryOptions: "" }, workDir);
    expect(text).to.contain(
      [
        "  schema drift  3 beers carried fields the lake's schema does not declare: country",
        "                kept in the raw zone only, dropped from the curated one: see docs/handler.md#schema-drift",
      ].join("\n"),
    );
    expect(text).to.contain("punkapi-consumer-test-ingest-schema-drift: 1 >= 1 in period");
  });

  it("keeps the field's bytes in the raw zone, in every record", () => {
    expect(summary.beers.written).to.equal(3);
    const lines = summary.lake.objects.flatMap((o) =>
      gunzipSync(fs.readFileSync(path.join(workDir, o.file)))
        .toString("utf8")
        .split("\n")
        .filter((l) => l !== ""),
    );
    expect(lines).to.have.length(3);
    for (const line of lines) expect(line.endsWith(',"country":"Scotland"}')).to.equal(true, line);
  });
});
