/**
 * The repository's ruleset (quality/beers.dqdl) against the real data: every beer of the v2 catalogue the
 * stand-in serves and of the v3 one, as curated rows (the table's columns and types), passes every rule;
 * and the ruleset is read as the program and the command read it, columns checked against the table.
 */
import { expect } from "chai";
import fs from "fs";
import os from "os";
import path from "path";
import { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { CURATED_COLUMNS, duckdbType } from "../../schema/beer-schema";
import { allBeers } from "../../local/stand-ins/punkapi/catalogue";
import { v3Catalogue } from "../../local/stand-ins/punkapi/catalogue-v3";
import { evaluateRuleset } from "../../quality/evaluate";
import { readRuleset, RULESET_FILE } from "../../quality/ruleset";

const COLUMNS = CURATED_COLUMNS.map((c) => c.name);

describe("the ruleset over the real catalogues", function () {
  this.timeout(20_000);
  let connection: DuckDBConnection;
  let tmp: string;
  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "punkapi-dq-"));
    connection = await (await DuckDBInstance.create(":memory:")).connect();
    const catalogues = { v2: allBeers(), v3: v3Catalogue().map((e) => e.beer) };
    const struct = `{${CURATED_COLUMNS.map((c) => `'${c.name}': '${duckdbType(c.type)}'`).join(", ")}}`;
    for (const [name, beers] of Object.entries(catalogues)) {
      const file = path.join(tmp, `${name}.ndjson`);
      fs.writeFileSync(file, beers.map((b) => JSON.stringify(b)).join("\n"));
      await connection.run(
        `CREATE TABLE ${name} AS SELECT * FROM read_json('${file}', format = 'newline_delimited', columns = ${struct})`,
      );
    }
  });
  after(() => {
    connection.closeSync();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const run = async (sql: string) =>
    (await connection.runAndReadAll(sql)).getRowObjects() as Record<string, unknown>[];

  for (const [name, beers] of [
    ["v2", 325],
    ["v3", 415],
  ] as const) {
    it(`passes every rule over the ${name} catalogue (${beers} beers)`, async () => {
      const [{ n }] = await run(`SELECT count(*)::INT AS n FROM ${name}`);
      expect(n).to.equal(beers);
      const outcomes = await evaluateRuleset(readRuleset(COLUMNS).rules, name, run);
      expect(outcomes.filter((o) => !o.passed)).to.deep.equal([]);
      expect(outcomes.length).to.be.greaterThan(4);
    });
  }

  it("is the repository's file, read whole", () => {
    const { text } = readRuleset(COLUMNS);
    expect(text).to.equal(fs.readFileSync(path.join(__dirname, "..", "..", "quality", "beers.dqdl"), "utf8"));
    expect(RULESET_FILE).to.equal(path.resolve(__dirname, "..", "..", "quality", "beers.dqdl"));
  });

  it("names the repository's file by its path from the working directory", () => {
    expect(() => readRuleset(["id"])).to.throw(
      /^quality\/beers\.dqdl:\d+:5: IsComplete "name" names "name", which is no column of the table \(id\)$/,
    );
  });

  it("refuses a rule naming a column the table lacks, naming the rule and the column", () => {
    const file = path.join(tmp, "bad.dqdl");
    fs.writeFileSync(file, 'Rules = [\n  RowCount > 0,\n  IsComplete "colour"\n]\n');
    expect(() => readRuleset(["id", "name"], file)).to.throw(
      /bad\.dqdl:3:3: IsComplete "colour" names "colour", which is no column of the table \(id, name\)$/,
    );
  });
});
