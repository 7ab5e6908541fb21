/**
 * The DQDL parser (quality/dqdl.ts): each supported rule type and condition as written, comments, and the
 * refusals: any other rule type by its name and place, what a rule may carry that the subset does not take,
 * and syntax errors at their line and column. Expected values are written out here.
 */
import { expect } from "chai";
import { DqdlError, parseRuleset } from "../../quality/dqdl";

const one = (rule: string) => {
  const [parsed] = parseRuleset(`Rules = [ ${rule} ]`);
  return { type: parsed.type, columns: parsed.columns, condition: parsed.condition, text: parsed.text };
};

/** The message of the error the text raises, which must be a DqdlError. */
function refusal(text: string): string {
  try {
    parseRuleset(text, "beers.dqdl");
  } catch (error) {
    expect(error).to.be.instanceOf(DqdlError);
    return (error as Error).message;
  }
  throw new Error(`parsed: ${text}`);
}

describe("the DQDL parser", () => {
  it("reads each supported rule type with its columns and condition", () => {
    expect(one("RowCount > 0")).to.deep.equal({
      type: "RowCount",
      columns: [],
      condition: { kind: "number", op: ">", value: 0 },
      text: "RowCount > 0",
    });
    expect(one('IsComplete "id"')).to.deep.include({
      type: "IsComplete",
      columns: ["id"],
      condition: undefined,
    });
    expect(one('Completeness "ibu" >= 0.95')).to.deep.include({
      type: "Completeness",
      columns: ["ibu"],
      condition: { kind: "number", op: ">=", value: 0.95 },
    });
    expect(one('IsUnique "id" "dt"')).to.deep.include({ type: "IsUnique", columns: ["id", "dt"] });
    expect(one('Uniqueness "id" = 1.0')).to.deep.include({
      type: "Uniqueness",
      condition: { kind: "number", op: "=", value: 1 },
    });
    expect(one('ColumnValues "abv" between 0 and 100').condition).to.deep.equal({
      kind: "number",
      op: "between",
      low: 0,
      high: 100,
    });
    expect(one('ColumnValues "abv" not between -1.5 AND 2').condition).to.deep.equal({
      kind: "number",
      op: "not between",
      low: -1.5,
      high: 2,
    });
  });

  it("reads every condition ColumnValues takes, numbers and strings", () => {
    const conditions = [
      ["< 3", { kind: "number", op: "<", value: 3 }],
      ["<= 3", { kind: "number", op: "<=", value: 3 }],
      ["!= 3", { kind: "number", op: "!=", value: 3 }],
      ["in [1, 2, -3]", { kind: "number", op: "in", values: [1, 2, -3] }],
      ["not in [1]", { kind: "number", op: "not in", values: [1] }],
      ['= "x"', { kind: "string", op: "=", value: "x" }],
      ['!= "x"', { kind: "string", op: "!=", value: "x" }],
      ['in ["a", "b"]', { kind: "string", op: "in", values: ["a", "b"] }],
      ['not in ["a"]', { kind: "string", op: "not in", values: ["a"] }],
      ['matches "^[0-9]{4}$"', { kind: "string", op: "matches", pattern: "^[0-9]{4}$" }],
      ['not matches "a\\"b\\\\c"', { kind: "string", op: "not matches", pattern: 'a"b\\c' }],
    ] as const;
    for (const [written, parsed] of conditions)
      expect(one(`ColumnValues "c" ${written}`).condition, written).to.deep.equal(parsed);
  });

  it("skips # comments, keeps each rule's text and where it starts", () => {
    const rules = parseRuleset(
      [
        "# the rules",
        "Rules = [",
        "    RowCount > 0, # at least a row",
        '    ColumnValues "abv"',
        "      between 0 and 100",
        "]",
        "",
      ].join("\n"),
    );
    expect(rules.map((r) => [r.text, r.at])).to.deep.equal([
      ["RowCount > 0", { line: 3, column: 5 }],
      ['ColumnValues "abv" between 0 and 100', { line: 4, column: 5 }],
    ]);
  });

  it("reads tabs and CRLF line ends as space, a comment at the very end, and a comment inside a rule", () => {
    const rules = parseRuleset(
      'Rules = [\r\n\tRowCount\t> 0,\r\n\tColumnValues "abv" # the strength\r\n\t\tbetween 0 and 100\r\n] # last',
    );
    expect(rules.map((r) => [r.text, r.at])).to.deep.equal([
      ["RowCount > 0", { line: 2, column: 2 }],
      ['ColumnValues "abv" between 0 and 100', { line: 3, column: 2 }],
    ]);
  });

  it("keeps a rule's text whole up to its last symbol", () => {
    expect(one('ColumnValues "id" in [1, 2]').text).to.equal('ColumnValues "id" in [1, 2]');
    expect(one('ColumnValues "c" in ["a"]').text).to.equal('ColumnValues "c" in ["a"]');
  });

  it('unescapes only \\" and \\\\ in a quoted string, keeping any other backslash', () => {
    // As written in the ruleset: "\d{4}", "a\\\\b" (two escaped backslashes), "x\\" (one, then the end).
    expect(one('ColumnValues "c" matches "\\d{4}"').condition).to.deep.equal({
      kind: "string",
      op: "matches",
      pattern: "\\d{4}",
    });
    expect(one('ColumnValues "c" matches "a\\\\\\\\b"').condition).to.deep.include({ pattern: "a\\\\b" });
    expect(one('ColumnValues "c" = "x\\\\"').condition).to.deep.equal({
      kind: "string",
      op: "=",
      value: "x\\",
    });
  });

  it("reads AND in either case, nothing else, between the bounds", () => {
    expect(one('ColumnValues "a" between 1 AND 2').condition).to.deep.equal({
      kind: "number",
      op: "between",
      low: 1,
      high: 2,
    });
    expect(refusal('Rules = [ ColumnValues "a" between 0 to 1 ]')).to.equal(
      'beers.dqdl:1:38: expected "and", found "to"',
    );
    expect(refusal('Rules = [ ColumnValues "a" between 0 "AND" 1 ]')).to.equal(
      'beers.dqdl:1:38: expected "and", found "AND"',
    );
  });

  it("takes keywords as words only, never as quoted strings", () => {
    expect(refusal('"Rules" = [ RowCount > 0 ]')).to.equal('beers.dqdl:1:1: expected "Rules", found "Rules"');
    expect(refusal('"Metadata" = { }')).to.equal('beers.dqdl:1:1: expected "Rules", found "Metadata"');
    expect(refusal('Rules = [ RowCount > "-" 1 ]')).to.equal('beers.dqdl:1:22: expected a number, found "-"');
    expect(refusal('Rules = [ ColumnValues "a" > 1 "where" ]')).to.equal(
      'beers.dqdl:1:32: expected "]", found "where"',
    );
    for (const word of ["with", "labels", "and"])
      expect(refusal(`Rules = [ ColumnValues "a" > 1 "${word}" ]`)).to.equal(
        `beers.dqdl:1:32: expected "]", found "${word}"`,
      );
  });

  it("takes numbers as digits with an optional fraction, nothing else", () => {
    expect(one("RowCount > 12.5").condition).to.deep.equal({ kind: "number", op: ">", value: 12.5 });
    expect(refusal("Rules = [ RowCount > 1a ]")).to.equal('beers.dqdl:1:22: expected a number, found "1a"');
    expect(refusal("Rules = [ RowCount > v2 ]")).to.equal('beers.dqdl:1:22: expected a number, found "v2"');
    expect(refusal("Rules = [ RowCount > 1.2.3 ]")).to.equal(
      'beers.dqdl:1:22: expected a number, found "1.2.3"',
    );
  });

  it('is a DqdlError named so, with its place and reason, from the source "ruleset" unless named', () => {
    let error: unknown;
    try {
      parseRuleset("Rules = [ RowCount ]");
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(DqdlError);
    expect((error as DqdlError).name).to.equal("DqdlError");
    expect((error as DqdlError).at).to.deep.equal({ line: 1, column: 20 });
    expect((error as DqdlError).reason).to.equal('RowCount needs a condition (such as "> 0"), found "]"');
    expect((error as DqdlError).message).to.equal(
      'ruleset:1:20: RowCount needs a condition (such as "> 0"), found "]"',
    );
  });

  it("refuses any other rule type by its name and where it is", () => {
    expect(
      refusal('Rules = [\n  IsComplete "id",\n  CustomSql "select count(*) from primary" > 0\n]'),
    ).to.equal(
      "beers.dqdl:3:3: rule type CustomSql is not supported here (supported: RowCount, IsComplete, Completeness, IsUnique, Uniqueness, ColumnValues)",
    );
    for (const type of ["DataFreshness", "ReferentialIntegrity", "Entropy", "isComplete"])
      expect(refusal(`Rules = [ ${type} "c" > 0 ]`)).to.match(
        new RegExp(`^beers\\.dqdl:1:11: rule type ${type} is not supported here`),
      );
  });

  it("refuses what a rule may carry that the subset does not translate, named", () => {
    expect(refusal('Rules = [ IsComplete "id" where "id < 10" ]')).to.equal(
      "beers.dqdl:1:27: a where clause is not supported (the local check translates whole-table rules only)",
    );
    expect(refusal('Rules = [ ColumnValues "a" > 1 with threshold > 0.9 ]')).to.equal(
      'beers.dqdl:1:32: "with" (a threshold or a tag) is not supported',
    );
    expect(refusal('Rules = [ (IsComplete "a") and (IsComplete "b") ]')).to.equal(
      "beers.dqdl:1:11: composite rules (parentheses, and, or) are not supported",
    );
    expect(refusal('Rules = [ IsComplete "a" or IsComplete "b" ]')).to.equal(
      'beers.dqdl:1:26: composite rules ("or") are not supported',
    );
    expect(refusal('Metadata = { "AuthorId": "x" }\nRules = [ RowCount > 0 ]')).to.equal(
      "beers.dqdl:1:1: the Metadata section is not supported",
    );
    expect(refusal('Rules = [ RowCount matches "x" ]')).to.equal(
      'beers.dqdl:1:20: "matches" applies to ColumnValues only',
    );
  });

  it("refuses each other section and each composite keyword by name", () => {
    for (const section of ["Metadata", "DataSources", "Analyzers"])
      expect(refusal(`${section} = { }\nRules = [ RowCount > 0 ]`)).to.equal(
        `beers.dqdl:1:1: the ${section} section is not supported`,
      );
    for (const keyword of ["and", "or", "AND", "OR"])
      expect(refusal(`Rules = [ RowCount > 0 ${keyword} RowCount < 9 ]`)).to.equal(
        `beers.dqdl:1:24: composite rules ("${keyword}") are not supported`,
      );
    expect(refusal('Rules = [ Completeness "a" > 0.5 labels=["team:a"] ]')).to.equal(
      "beers.dqdl:1:34: labels are not supported",
    );
  });

  it("refuses a rule without what its type needs", () => {
    expect(refusal("Rules = [ IsComplete ]")).to.equal("beers.dqdl:1:11: IsComplete takes one column, got 0");
    expect(refusal('Rules = [ RowCount "id" > 0 ]')).to.equal(
      "beers.dqdl:1:11: RowCount takes no column, got 1",
    );
    expect(refusal("Rules = [ IsUnique ]")).to.equal("beers.dqdl:1:11: IsUnique takes at least one column");
    expect(refusal('Rules = [ ColumnValues "a" ]')).to.equal(
      'beers.dqdl:1:28: ColumnValues needs a condition (such as "> 0"), found "]"',
    );
    expect(refusal('Rules = [ Completeness "a" > "x" ]')).to.equal(
      'beers.dqdl:1:30: expected a number, found "x"',
    );
    // Only ColumnValues compares with a string or lists strings.
    expect(refusal('Rules = [ Completeness "a" = "x" ]')).to.equal(
      'beers.dqdl:1:30: expected a number, found "x"',
    );
    expect(refusal('Rules = [ Completeness "a" in ["x"] ]')).to.equal(
      'beers.dqdl:1:32: expected a number, found "x"',
    );
    expect(refusal('Rules = [ ColumnValues "c" > "x" ]')).to.equal(
      'beers.dqdl:1:30: expected a number, found "x"',
    );
    expect(refusal('Rules = [ ColumnValues "c" in ["a", 1] ]')).to.equal(
      'beers.dqdl:1:37: expected a quoted string, found "1"',
    );
    expect(refusal('Rules = [ ColumnValues "c" matches x ]')).to.equal(
      'beers.dqdl:1:36: expected a quoted string, found "x"',
    );
    // A rule type without a condition takes none.
    expect(refusal('Rules = [ IsComplete "a" > 0 ]')).to.equal('beers.dqdl:1:26: expected "]", found ">"');
    // A word that is no condition is not taken for one.
    expect(refusal("Rules = [ RowCount foo ]")).to.equal(
      'beers.dqdl:1:20: RowCount needs a condition (such as "> 0"), found "foo"',
    );
    expect(refusal('Rules = [ ColumnValues "c" like "x" ]')).to.equal(
      'beers.dqdl:1:28: ColumnValues needs a condition (such as "> 0"), found "like"',
    );
  });

  it("names the line and column of a syntax error", () => {
    expect(refusal("Rule = [ RowCount > 0 ]")).to.equal('beers.dqdl:1:1: expected "Rules", found "Rule"');
    expect(refusal("Rules = [\n  RowCount > 0\n  RowCount > 1\n]")).to.equal(
      'beers.dqdl:3:3: expected "]", found "RowCount"',
    );
    expect(refusal('Rules = [ ColumnValues "abv" between 0 100 ]')).to.equal(
      'beers.dqdl:1:40: expected "and", found "100"',
    );
    expect(refusal('Rules = [ IsComplete "id ]')).to.equal(
      "beers.dqdl:1:22: a quoted string is not closed on its line",
    );
    expect(refusal("Rules = [ RowCount > 0 ] ;")).to.equal('beers.dqdl:1:26: unexpected character ";"');
    expect(refusal("Rules = [ RowCount > 0 ] Rules")).to.equal(
      'beers.dqdl:1:26: expected the end of the ruleset, found "Rules"',
    );
    expect(refusal("Rules = [ RowCount > 0")).to.equal(
      'beers.dqdl:1:23: expected "]", found the end of the ruleset',
    );
    expect(refusal('Rules = [ ColumnValues "a" not > 1 ]')).to.equal(
      'beers.dqdl:1:32: expected "between", "in" or "matches" after "not", found ">"',
    );
    expect(refusal('Rules = [ ColumnValues "c" in')).to.equal(
      'beers.dqdl:1:30: expected "[", found the end of the ruleset',
    );
    expect(refusal("Rules = [ RowCount > 0 # no end")).to.equal(
      'beers.dqdl:1:32: expected "]", found the end of the ruleset',
    );
    expect(refusal('Rules = [\n  IsComplete "id\n" ]')).to.equal(
      "beers.dqdl:2:14: a quoted string is not closed on its line",
    );
    expect(refusal("Rules = [ 5 ]")).to.equal('beers.dqdl:1:11: expected a rule type, found "5"');
    expect(refusal('Rules = [ "id" ]')).to.equal('beers.dqdl:1:11: expected a rule type, found "id"');
    expect(refusal("Rules = [ ]")).to.equal('beers.dqdl:1:11: expected a rule type, found "]"');
  });
});
