/**
 * The folders a data prefix makes, as Glue's partition projection and the local views read them: the
 * root, the template with one key per timestamp expression, each key's projection (an integer range for a
 * single field, a date at the finest unit for several), and the refusals, each with its reason.
 */
import { expect } from "chai";
import { prefixLayout } from "../../config/prefix-layout";
import { DEFAULT_TIME_PATTERN } from "../../config/firehose-prefix";

const int = (min: number, max: number, digits: number) => ({ type: "integer", min, max, digits });
const date = (unit: string) => ({ type: "date", unit });

describe("the layout of a data prefix", () => {
  it("reads the stacks' default: one date partition dt under the zone's folder", () => {
    expect(prefixLayout("raw/beers/dt=!{timestamp:yyyy-MM-dd}/")).to.deep.equal({
      root: "raw/beers/",
      template: "dt=${dt}/",
      keys: [{ name: "dt", pattern: "yyyy-MM-dd", projection: date("DAYS") }],
    });
  });

  it("names Hive-style partitions by their folder, each single field an integer range of its width", () => {
    expect(
      prefixLayout(
        "landing/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/",
      ),
    ).to.deep.equal({
      root: "landing/",
      template: "year=${year}/month=${month}/day=${day}/hour=${hour}/",
      keys: [
        { name: "year", pattern: "yyyy", projection: int(2024, 2099, 4) },
        { name: "month", pattern: "MM", projection: int(1, 12, 2) },
        { name: "day", pattern: "dd", projection: int(1, 31, 2) },
        { name: "hour", pattern: "HH", projection: int(0, 23, 2) },
      ],
    });
  });

  it("projects two-digit years as 24-99, and the week-based year u as y", () => {
    const years = ["yy", "uu", "uuuu"].map(
      (p) =>
        (prefixLayout(`a/y=!{timestamp:${p}}/`) as { keys: { projection: unknown }[] }).keys[0].projection,
    );
    expect(years).to.deep.equal([int(24, 99, 2), int(24, 99, 2), int(2024, 2099, 4)]);
  });

  it("gives several fields one date partition at the finest unit among them, whatever their order", () => {
    const unit = (pattern: string) =>
      (prefixLayout(`a/!{timestamp:${pattern}}/`) as { keys: { projection: unknown }[] }).keys[0].projection;
    expect(unit("yyyy-MM")).to.deep.equal(date("MONTHS"));
    expect(unit("MM-yyyy")).to.deep.equal(date("MONTHS"));
    expect(unit("dd.MM.yyyy")).to.deep.equal(date("DAYS"));
    expect(unit("yyyy-MM-dd-HH")).to.deep.equal(date("HOURS"));
  });

  it("names unnamed partitions dt, dt2, ...; separators at an expression's ends are path text", () => {
    expect(prefixLayout("analytics/!{timestamp:yyyy/MM/dd}/")).to.deep.equal({
      root: "analytics/",
      template: "${dt}/",
      keys: [{ name: "dt", pattern: "yyyy/MM/dd", projection: date("DAYS") }],
    });
    expect(prefixLayout("a/!{timestamp:yyyy}/b/!{timestamp:MM}/c/!{timestamp:dd}/")).to.deep.equal({
      root: "a/",
      template: "${dt}/b/${dt2}/c/${dt3}/",
      keys: [
        { name: "dt", pattern: "yyyy", projection: int(2024, 2099, 4) },
        { name: "dt2", pattern: "MM", projection: int(1, 12, 2) },
        { name: "dt3", pattern: "dd", projection: int(1, 31, 2) },
      ],
    });
    expect(prefixLayout("zone!{timestamp:/yyyy-MM/}")).to.deep.equal({
      root: "",
      template: "zone/${dt}/",
      keys: [{ name: "dt", pattern: "yyyy-MM", projection: date("MONTHS") }],
    });
  });

  it("reads a prefix that starts with its expression, and one with none as Firehose does (its default)", () => {
    expect(prefixLayout("!{timestamp:yyyy}/")).to.deep.equal({
      root: "",
      template: "${dt}/",
      keys: [{ name: "dt", pattern: "yyyy", projection: int(2024, 2099, 4) }],
    });
    // With no timestamp expression Firehose appends its own, one partition down to the hour.
    expect(prefixLayout("raw/")).to.deep.equal({
      root: "raw/",
      template: "${dt}/",
      keys: [{ name: "dt", pattern: DEFAULT_TIME_PATTERN.replace(/\/$/, ""), projection: date("HOURS") }],
    });
  });

  for (const [prefix, reason] of [
    [
      "a/!{firehose:random-string}/",
      /^!\{firehose:random-string\} cannot be in a data prefix: no partition projection/,
    ],
    [
      "a/!{timestamp:yyyy-MM-dd-HH-mm}/",
      /^!\{timestamp:yyyy-MM-dd-HH-mm\}: "m" cannot be a partition Athena projects/,
    ],
    ["a/!{timestamp:'day'dd}/", /^!\{timestamp:'day'dd\}: quoted text is not supported/],
    ["a/x=!{timestamp:-}/", /^!\{timestamp:-\} holds no date field$/],
    ["a/year=!{timestamp:yyyy}/b/year=!{timestamp:MM}/", /^two partitions are named "year"$/],
    ["a/!{timestamp:yyyy}", /^must end with "\/": each partition's objects must be in a folder of their own/],
    ["a/!{timestamp:yyyy/", /^unclosed expression/],
  ] as const)
    it(`refuses ${prefix}, saying why`, () => {
      const layout = prefixLayout(prefix);
      expect(layout).to.have.all.keys("error");
      expect((layout as { error: string }).error).to.match(reason);
    });
});
