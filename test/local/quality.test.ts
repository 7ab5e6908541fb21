/**
 * `npm run query -- --quality` as a user runs it (child processes): a prod lake from `npm start` with the
 * defaults passes every rule (the test stack's lake is checked in test/local/start.test.ts); a lake written
 * here by hand with a beer without an id and a beer of abv 120 fails exactly the rules those break, named,
 * exit 1; SQL beside --quality is a usage error naming the option, exit 2.
 */
import { expect } from "chai";
import fs from "fs";
import os from "os";
import path from "path";
import { gzipSync } from "zlib";
import { CliResult, runCli } from "../helpers/cli";
import { modelOf } from "../../local/stand-ins/lake/layout";
import { ParquetEncoder } from "../../local/stand-ins/firehose/parquet";

const QUERY = "local/commands/query.ts";
const BUCKET = "punkapi-consumer-test-lake-123456789012";
const PREFIXES = {
  raw: "raw/beers/dt=!{timestamp:yyyy-MM-dd}/",
  curated: "curated/beers/dt=!{timestamp:yyyy-MM-dd}/",
  errors: "errors/!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/",
};

const beer = (id: number | null, abv: number) =>
  JSON.stringify({ id, name: `Beer ${id}`, tagline: "t", first_brewed: "09/2007", abv, ibu: null });

/** A work directory whose current test lake holds these curated lines (and one raw object). */
async function handMadeLake(work: string, lines: string[]): Promise<void> {
  const folder = path.join(work, "test", "current");
  const lake = path.join(folder, "lake");
  const model = modelOf({ directory: lake, bucket: BUCKET, project: "punkapi-consumer", prefixes: PREFIXES });
  const put = (key: string, body: Buffer) => {
    const file = path.join(lake, BUCKET, ...key.split("/"));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(`${file}._S3rver_object`, body);
  };
  put(`${model.raw.layout.root}dt=2026-12-05/r-1.gz`, gzipSync(`${lines.join("\n")}\n`));
  const encoder = new ParquetEncoder(model.curated.table.columns);
  try {
    put(
      `${model.curated.layout.root}dt=2026-12-05/c-2026-12-05-10-00-00-0a1b2c3d-1.parquet`,
      await encoder.encode(Buffer.from(`${lines.join("\n")}\n`)),
    );
  } finally {
    encoder.close();
  }
  fs.writeFileSync(
    path.join(folder, "summary.json"),
    JSON.stringify({
      beers: { written: lines.length },
      lake: { directory: "lake", bucket: BUCKET, project: "punkapi-consumer", prefixes: PREFIXES },
    }),
  );
  fs.writeFileSync(path.join(work, "latest"), "test\n");
}

interface Outcome {
  rule: string;
  passed: boolean;
  value: number | null;
}

describe("npm run query -- --quality, as a user runs it", function () {
  this.timeout(120_000);
  let tmp: string;
  const results: Record<string, CliResult> = {};

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "punkapi-quality-"));
    const prod = path.join(tmp, "prod");
    const bad = path.join(tmp, "bad");
    await handMadeLake(bad, [beer(1, 4.7), beer(null, 5), beer(3, 120)]);
    const started = await runCli("local/commands/start.ts", ["--stack", "prod", "--work-dir", prod]);
    expect(started.code, `${started.stdout}\n${started.stderr}`).to.equal(0);
    const runs = {
      prod: runCli(QUERY, ["--quality", "--json", "--stack", "prod", "--work-dir", prod]),
      prodText: runCli(QUERY, ["--quality", "--work-dir", prod]),
      bad: runCli(QUERY, ["--quality", "--json", "--work-dir", bad]),
      badText: runCli(QUERY, ["--quality", "--work-dir", bad]),
      withSql: runCli(QUERY, ["--quality", "--work-dir", bad, "SELECT 1"]),
    };
    for (const [name, run] of Object.entries(runs)) results[name] = await run;
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("passes every rule over a prod lake of `npm start` with the defaults, exit 0", () => {
    const r = results.prod;
    expect(r.code, r.stderr).to.equal(0);
    const outcomes = JSON.parse(r.stdout) as Outcome[];
    expect(outcomes.filter((o) => !o.passed)).to.deep.equal([]);
    expect(outcomes[0]).to.deep.include({ rule: "RowCount > 0", passed: true });
    expect(results.prodText.code).to.equal(0);
    expect(results.prodText.stdout).to.match(/^result +value +rule$/m);
    expect(results.prodText.stdout).to.match(/\nall \d+ rules passed\n$/);
  });

  it("fails a lake with a beer without an id and one of abv 120 on exactly the rules they break, named, exit 1", () => {
    const r = results.bad;
    expect(r.code, r.stderr).to.equal(1);
    const outcomes = JSON.parse(r.stdout) as Outcome[];
    // Three rows: the NULL id fails IsComplete and (NULL fails ColumnValues) the id rule; abv 120 the range.
    expect(outcomes.filter((o) => !o.passed)).to.deep.equal([
      { rule: 'IsComplete "id"', passed: false, value: 2 / 3 },
      { rule: 'ColumnValues "id" > 0', passed: false, value: 2 / 3 },
      { rule: 'ColumnValues "abv" between 0 and 100', passed: false, value: 2 / 3 },
    ]);
    expect(outcomes.find((o) => o.rule === "RowCount > 0")).to.deep.equal({
      rule: "RowCount > 0",
      passed: true,
      value: 3,
    });
    expect(r.stderr).to.contain(
      'failed: IsComplete "id"; ColumnValues "id" > 0; ColumnValues "abv" between 0 and 100',
    );
    const text = results.badText;
    expect(text.code).to.equal(1);
    expect(text.stdout).to.match(/\nFAIL +0\.6667 +IsComplete "id"\n/);
    expect(text.stdout).to.match(/\npass +1 +IsComplete "name"\n/);
    expect(text.stdout).to.contain("3 of 6 rules failed");
  });

  it("refuses SQL beside --quality, naming the option, exit 2", () => {
    const r = results.withSql;
    expect(r.code).to.equal(2);
    expect(r.stderr).to.contain("npm run query: --quality checks the ruleset's rules: it takes no SQL");
    expect(r.stderr).to.contain("usage: npm run query -- [options]");
  });
});
