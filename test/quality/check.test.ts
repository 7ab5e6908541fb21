/**
 * The ruleset checked over a zone's table (quality/check.ts), as `npm run query -- --quality` runs it in
 * process: the zone's columns and partitions are what rules may name, the table is the zone's, and the
 * outcomes print as a table. DuckDB runs the SQL over three rows written here; every expected value is
 * worked out by hand from them.
 */
import { expect } from "chai";
import fs from "fs";
import os from "os";
import path from "path";
import { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { lakeModel } from "../../model/lake";
import { checkQuality, qualityTable } from "../../quality/check";

const CURATED = lakeModel({
  project: "punkapi-consumer",
  rawPrefix: "raw/beers/dt=!{timestamp:yyyy-MM-dd}/",
  curatedPrefix: "curated/beers/dt=!{timestamp:yyyy-MM-dd}/",
  errorPrefix: "errors/!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/",
}).curated;

// id: 1, 2, NULL; first_brewed: "09/2007", "2010", "1/2010" (one-digit month); abv: 4.5, 120, 5;
// dt: two rows of 2026-12-05, one NULL.
const ROWS = `
  (1, 'A', '09/2007', 4.5, '2026-12-05'),
  (2, 'B', '2010', 120.0, '2026-12-05'),
  (NULL, 'C', '1/2010', 5.0, NULL)`;

describe("the ruleset checked over a zone's table", function () {
  this.timeout(20_000);
  let connection: DuckDBConnection;
  let tmp: string;
  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "punkapi-check-"));
    connection = await (await DuckDBInstance.create(":memory:")).connect();
    await connection.run(
      `CREATE TABLE beers_curated (id INTEGER, name VARCHAR, first_brewed VARCHAR, abv DOUBLE, dt VARCHAR)`,
    );
    await connection.run(`INSERT INTO beers_curated VALUES ${ROWS}`);
  });
  after(() => {
    connection.closeSync();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const run = async (sql: string) =>
    (await connection.runAndReadAll(sql)).getRowObjects() as Record<string, unknown>[];
  const rulesFile = (name: string, text: string) => {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, text);
    return file;
  };

  it("evaluates the repository's ruleset over the zone's table", async () => {
    expect(await checkQuality(CURATED, run)).to.deep.equal([
      { rule: "RowCount > 0", passed: true, value: 3 },
      { rule: 'IsComplete "id"', passed: false, value: 2 / 3 },
      // NULL fails the condition.
      { rule: 'ColumnValues "id" > 0', passed: false, value: 2 / 3 },
      { rule: 'IsComplete "name"', passed: true, value: 1 },
      { rule: 'ColumnValues "first_brewed" matches "^([0-9]{2}/)?[0-9]{4}$"', passed: false, value: 2 / 3 },
      { rule: 'ColumnValues "abv" between 0 and 100', passed: false, value: 2 / 3 },
    ]);
  });

  it("lets a rule name a partition column, and refuses a column the zone lacks, listing the columns and partitions", async () => {
    const file = rulesFile("dt.dqdl", 'Rules = [ RowCount = 3, IsComplete "dt" ]');
    expect(await checkQuality(CURATED, run, file)).to.deep.equal([
      { rule: "RowCount = 3", passed: true, value: 3 },
      { rule: 'IsComplete "dt"', passed: false, value: 2 / 3 },
    ]);
    const bad = rulesFile("colour.dqdl", 'Rules = [ IsComplete "colour" ]');
    const error = await checkQuality(CURATED, run, bad).catch((e: Error) => e);
    expect((error as Error).message).to.match(
      /colour\.dqdl:1:11: IsComplete "colour" names "colour", which is no column of the table \(id, name, tagline, first_brewed, abv, ibu, target_fg, target_og, ebc, srm, ph, attenuation_level, dt\)$/,
    );
  });

  it("prints one line per rule, the value to four decimals, none for no value, and the count failed", () => {
    expect(
      qualityTable([
        { rule: "RowCount > 0", passed: true, value: 5 },
        { rule: 'IsComplete "id"', passed: false, value: 2 / 3 },
        { rule: 'IsComplete "id"', passed: false, value: null },
      ]),
    ).to.equal(
      [
        "result   value  rule",
        "pass         5  RowCount > 0",
        'FAIL    0.6667  IsComplete "id"',
        'FAIL      none  IsComplete "id"',
        "2 of 3 rules failed",
      ].join("\n"),
    );
    expect(
      qualityTable([
        { rule: "RowCount > 0", passed: true, value: 12 },
        { rule: 'Completeness "id" > 0.5', passed: true, value: 0.00005 },
      ]),
    ).to.equal(
      [
        "result   value  rule",
        "pass        12  RowCount > 0",
        'pass    0.0001  Completeness "id" > 0.5',
        "all 2 rules passed",
      ].join("\n"),
    );
  });
});
