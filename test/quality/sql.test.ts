/**
 * The rules as SQL (quality/sql.ts) and their evaluation (quality/evaluate.ts), run in a real DuckDB over
 * a small table written here by hand; every expected value and verdict is worked out by hand from the
 * rows below and written as a literal.
 */
import { expect } from "chai";
import { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { parseRuleset } from "../../quality/dqdl";
import { evaluateRuleset, RuleOutcome } from "../../quality/evaluate";

// id: 1, 2, 2, NULL, 5        (one NULL; 2 twice; 1 and 5 once)
// abv: 0, 4.5, 100, 55, NULL  (the ends 0 and 100, one NULL)
// brewed: "09/2007", "2010", "2010x", NULL, "1/2010"
// name: "A", "", "B", "C", "D"
const ROWS = `
  (1, 0.0, '09/2007', 'A'),
  (2, 4.5, '2010', ''),
  (2, 100.0, '2010x', 'B'),
  (NULL, 55.0, NULL, 'C'),
  (5, NULL, '1/2010', 'D')`;

describe("the rules as SQL, in DuckDB", function () {
  this.timeout(20_000);
  let connection: DuckDBConnection;
  before(async () => {
    connection = await (await DuckDBInstance.create(":memory:")).connect();
    await connection.run(`CREATE TABLE beers (id INTEGER, abv DOUBLE, brewed VARCHAR, name VARCHAR)`);
    await connection.run(`INSERT INTO beers VALUES ${ROWS}`);
    await connection.run(`CREATE TABLE nothing (id INTEGER)`);
    // A column whose name holds a double quote, values with an apostrophe.
    await connection.run(`CREATE TABLE odd ("a""b" VARCHAR)`);
    await connection.run(`INSERT INTO odd VALUES ('O''Hara'), ('x')`);
  });
  after(() => connection.closeSync());

  const run = async (sql: string) =>
    (await connection.runAndReadAll(sql)).getRowObjects() as Record<string, unknown>[];
  const check = (rules: string[], table = "beers"): Promise<RuleOutcome[]> =>
    evaluateRuleset(parseRuleset(`Rules = [ ${rules.join(", ")} ]`), table, run);
  const outcome = async (rule: string, table = "beers") => {
    const [o] = await check([rule], table);
    return [o.passed, o.value];
  };

  it("RowCount: the rows, against the condition", async () => {
    expect(await check(["RowCount = 5", "RowCount > 5", "RowCount between 4 and 6"])).to.deep.equal([
      { rule: "RowCount = 5", passed: true, value: 5 },
      { rule: "RowCount > 5", passed: false, value: 5 },
      { rule: "RowCount between 4 and 6", passed: true, value: 5 },
    ]);
  });

  it("IsComplete and Completeness: the share of rows not NULL", async () => {
    expect(await outcome('IsComplete "id"')).to.deep.equal([false, 0.8]);
    expect(await outcome('IsComplete "name"')).to.deep.equal([true, 1]);
    expect(await outcome('Completeness "id" >= 0.8')).to.deep.equal([true, 0.8]);
    expect(await outcome('Completeness "id" > 0.8')).to.deep.equal([false, 0.8]);
  });

  it("IsUnique and Uniqueness: values seen once among the rows not NULL", async () => {
    // Non-null ids: 1, 2, 2, 5 -> 1 and 5 once: 2 of 4.
    expect(await outcome('IsUnique "id"')).to.deep.equal([false, 0.5]);
    expect(await outcome('Uniqueness "id" = 0.5')).to.deep.equal([true, 0.5]);
    expect(await outcome('IsUnique "name"')).to.deep.equal([true, 1]);
    // (id, brewed) pairs: (2, "2010") and (2, "2010x") differ; the NULL id has no brewed: left out.
    expect(await outcome('IsUnique "id" "brewed"')).to.deep.equal([true, 1]);
  });

  it("ColumnValues between excludes both ends, not between includes them; NULL fails", async () => {
    // abv 0 and 100 are the ends, NULL fails: only 4.5 and 55 pass, 2 of 5.
    expect(await outcome('ColumnValues "abv" between 0 and 100')).to.deep.equal([false, 0.4]);
    expect(await outcome('ColumnValues "abv" between -1 and 101')).to.deep.equal([false, 0.8]);
    // 0 and 100 are in; 4.5, 55 and NULL are not.
    expect(await outcome('ColumnValues "abv" not between 0 and 100')).to.deep.equal([false, 0.4]);
    expect(await outcome('ColumnValues "abv" >= 0')).to.deep.equal([false, 0.8]);
  });

  it("ColumnValues != and not in let NULL pass; =, in and matches do not", async () => {
    expect(await outcome('ColumnValues "id" != 3')).to.deep.equal([true, 1]);
    expect(await outcome('ColumnValues "id" not in [3, 4]')).to.deep.equal([true, 1]);
    expect(await outcome('ColumnValues "id" not in [2]')).to.deep.equal([false, 0.6]);
    expect(await outcome('ColumnValues "id" in [1, 2, 5]')).to.deep.equal([false, 0.8]);
    expect(await outcome('ColumnValues "name" in ["A", "B", "C", "D", ""]')).to.deep.equal([true, 1]);
    expect(await outcome('ColumnValues "name" = "A"')).to.deep.equal([false, 0.2]);
    expect(await outcome('ColumnValues "name" != ""')).to.deep.equal([false, 0.8]);
    // ids 1, 2, 2, NULL, 5: 2, 2 and NULL are neither 1 nor 5, 3 of 5; 1, NULL and 5 are not 2.
    expect(await outcome('ColumnValues "id" not in [1, 5]')).to.deep.equal([false, 0.6]);
    expect(await outcome('ColumnValues "id" != 2')).to.deep.equal([false, 0.6]);
    // names "A", "", "B", "C", "D": "", "C" and "D" are neither "A" nor "B", 3 of 5.
    expect(await outcome('ColumnValues "name" not in ["A", "B"]')).to.deep.equal([false, 0.6]);
  });

  it("ColumnValues matches the whole value", async () => {
    // "09/2007" and "2010" match; "2010x" (trailing), NULL and "1/2010" (one-digit month) do not.
    expect(await outcome('ColumnValues "brewed" matches "([0-9]{2}/)?[0-9]{4}"')).to.deep.equal([false, 0.4]);
    expect(await outcome('ColumnValues "brewed" matches "^([0-9]{2}/)?[0-9]{4}$"')).to.deep.equal([
      false,
      0.4,
    ]);
    // Only "2010" is four digits whole, and NULL fails: "09/2007", "2010x" and "1/2010" pass, 3 of 5.
    expect(await outcome('ColumnValues "brewed" not matches "[0-9]{4}"')).to.deep.equal([false, 0.6]);
  });

  it("fails a metric over no rows, which has no value", async () => {
    expect(await outcome("RowCount = 0", "nothing")).to.deep.equal([true, 0]);
    expect(await outcome('IsComplete "id"', "nothing")).to.deep.equal([false, null]);
    expect(await outcome('IsUnique "id"', "nothing")).to.deep.equal([false, null]);
    expect(await outcome('ColumnValues "id" > 0', "nothing")).to.deep.equal([false, null]);
  });

  it("quotes a column name with a double quote and a value with an apostrophe", async () => {
    // The column a"b holds "O'Hara" and "x": one row of two is "O'Hara".
    expect(await outcome('ColumnValues "a\\"b" = "O\'Hara"', "odd")).to.deep.equal([false, 0.5]);
    expect(await outcome('ColumnValues "a\\"b" in ["O\'Hara", "x"]', "odd")).to.deep.equal([true, 1]);
    expect(await outcome('IsComplete "a\\"b"', "odd")).to.deep.equal([true, 1]);
  });

  it('refuses an answer that is not one row with a boolean "passed", naming the rule', async () => {
    const answering = (rows: Record<string, unknown>[]) => async () => rows;
    const refusalOf = (rows: Record<string, unknown>[]) =>
      evaluateRuleset(parseRuleset("Rules = [ RowCount > 0 ]"), "beers", answering(rows)).then(
        () => "evaluated",
        (e: Error) => e.message,
      );
    expect(await refusalOf([])).to.equal('RowCount > 0: the check answered [], not one row with "passed"');
    expect(
      await refusalOf([
        { value: 1, passed: true },
        { value: 2, passed: true },
      ]),
    ).to.equal(
      'RowCount > 0: the check answered [{"value":1,"passed":true},{"value":2,"passed":true}], not one row with "passed"',
    );
    expect(await refusalOf([{ value: 1, passed: "true" }])).to.equal(
      'RowCount > 0: the check answered [{"value":1,"passed":"true"}], not one row with "passed"',
    );
    expect(await refusalOf([{ value: 1, passed: true }])).to.equal("evaluated");
  });

  it("names the rule whose check cannot run (a column the table lacks)", async () => {
    const error = await check(['IsComplete "colour"']).catch((e: Error) => e);
    expect((error as Error).message).to.match(/^IsComplete "colour": the check failed to run: .*colour/);
  });
});
