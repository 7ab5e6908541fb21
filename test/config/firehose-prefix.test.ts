import { expect } from "chai";
import { parsePrefix, prefixProblem, staticPart } from "../../config/firehose-prefix";

describe("Firehose prefix rules", () => {
  it("parses literal text and expressions", () => {
    expect(parsePrefix("raw/dt=!{timestamp:yyyy-MM-dd}/h=!{timestamp:HH}/")).to.deep.equal([
      "raw/dt=",
      { namespace: "timestamp", value: "yyyy-MM-dd" },
      "/h=",
      { namespace: "timestamp", value: "HH" },
      "/",
    ]);
    expect(parsePrefix("raw/!{timestamp:yyyy")).to.deep.equal({
      error: 'unclosed expression at "!{timestamp:yyyy"',
    });
  });

  it("accepts the default pair and the documented examples", () => {
    const ok: [string, "prefix" | "errorPrefix"][] = [
      ["raw/beers/dt=!{timestamp:yyyy-MM-dd}/", "prefix"],
      ["errors/!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/", "errorPrefix"],
      ["myPrefix/", "prefix"],
      ["", "prefix"],
      ["", "errorPrefix"],
      ["year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/", "prefix"],
      ["!{firehose:random-string}/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/", "errorPrefix"],
    ];
    for (const [prefix, role] of ok) expect(prefixProblem(prefix, role), prefix).to.equal(undefined);
  });

  it("refuses what Firehose refuses", () => {
    expect(prefixProblem("raw/!{firehose:error-output-type}/", "prefix")).to.match(
      /only in the error prefix/,
    );
    expect(prefixProblem("raw/!{firehose:uuid}/", "prefix")).to.match(/random-string and error-output-type/);
    expect(prefixProblem("raw/!{timestamp:yyyy-QQ}/", "prefix")).to.match(
      /not a supported DateTimeFormatter/,
    );
    expect(prefixProblem("/raw/", "prefix")).to.match(/slash/);
    expect(prefixProblem("raw/!{yyyy}/", "prefix")).to.match(/no namespace/);
  });

  it("gives the literal start for exact IAM resources", () => {
    expect(staticPart("raw/beers/dt=!{timestamp:yyyy-MM-dd}/")).to.equal("raw/beers/dt=");
    expect(staticPart("errors/!{firehose:error-output-type}/")).to.equal("errors/");
    expect(staticPart("plain/")).to.equal("plain/");
    expect(staticPart("")).to.equal("");
  });
});
