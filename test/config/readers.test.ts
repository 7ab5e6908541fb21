/**
 * Each kind of configuration value at its limits: the bounds themselves accepted, one past refused; the
 * text a reader trims, and what it refuses, with the key named.
 */
import { expect } from "chai";
import { boolean, httpsUrl, integer, list, oneOf, optionalEmail, readRegion } from "../../config/readers";

const refusal = (read: () => unknown) => {
  try {
    read();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected a refusal");
};

describe("configuration readers", () => {
  it("read whole numbers at their bounds, refuse one past them, and anything not whole", () => {
    const r = integer(1, 500);
    expect(r.read("1", "k")).to.equal(1);
    expect(r.read(" 500 ", "k")).to.equal(500);
    expect(refusal(() => r.read("0", "k"))).to.contain("k must be between 1 and 500, got 0");
    expect(refusal(() => r.read("501", "k"))).to.contain("k must be between 1 and 500, got 501");
    expect(refusal(() => r.read("-1", "k"))).to.contain("got -1");
    for (const bad of ["5.0", "1e2", "", "ten", "5 0"])
      expect(
        refusal(() => r.read(bad, "k")),
        bad,
      ).to.contain(`k must be a whole number, got "${bad.trim()}"`);
    const some = integer(1, 128, [1, 64, 128]);
    expect(some.read("64", "k")).to.equal(64);
    expect(refusal(() => some.read("65", "k"))).to.contain("k must be one of 1, 64, 128, got 65");
    expect(some.rule).to.equal("one of 1, 64, 128");
    expect(r.rule).to.equal("1 to 500");
  });

  it("read booleans and choices exactly", () => {
    expect(boolean.read("true", "k")).to.equal(true);
    expect(boolean.read("false", "k")).to.equal(false);
    expect(boolean.read(" true ", "k")).to.equal(true);
    expect(refusal(() => boolean.read("yes", "k"))).to.contain('k must be true or false, got "yes"');
    const mode = oneOf(["random", "catalogue"]);
    expect(mode.read("catalogue", "k")).to.equal("catalogue");
    expect(refusal(() => mode.read("Catalogue", "k"))).to.contain(
      'k must be one of random, catalogue, got "Catalogue"',
    );
    expect(mode.rule).to.equal("random or catalogue");
    expect(oneOf(["only"]).rule).to.equal("only");
    expect(oneOf(["a", "b", "c"]).rule).to.equal("a, b or c");
  });

  it("take an e-mail address with a user, a domain and a dot, trimmed, or nothing", () => {
    expect(optionalEmail.read("  alarms@example.org ", "k")).to.equal("alarms@example.org");
    expect(optionalEmail.read("", "k")).to.equal(undefined);
    expect(optionalEmail.read("   ", "k")).to.equal(undefined);
    for (const bad of [
      "oncall",
      "oncall@",
      "@example.org",
      "a@b",
      "a b@example.org",
      "a@b@c.org",
      "a@exa mple.org",
    ])
      expect(
        refusal(() => optionalEmail.read(bad, "k")),
        bad,
      ).to.contain(`k must be an e-mail address or empty`);
  });

  it("take an https URL only, without trailing slashes", () => {
    expect(httpsUrl.read(" https://punkapi.example/v3/ ", "k")).to.equal("https://punkapi.example/v3");
    expect(httpsUrl.read("https://punkapi.example/v3//", "k")).to.equal("https://punkapi.example/v3");
    expect(refusal(() => httpsUrl.read("http://punkapi.example/v3", "k"))).to.contain(
      'k must use https (TLS only), got "http://punkapi.example/v3"',
    );
    expect(refusal(() => httpsUrl.read("punkapi.example", "k"))).to.contain(
      'k must be an absolute URL, got "punkapi.example"',
    );
  });

  it("take AWS regions of every partition, and nothing else", () => {
    for (const ok of [
      "us-east-1",
      "eu-west-3",
      "us-gov-west-1",
      "us-iso-east-1",
      "us-isob-east-1",
      "ap-southeast-2",
    ])
      expect(readRegion({ "aws:region": ok }), ok).to.equal(ok);
    for (const bad of ["US-east-1", "us-east", "useast-1", "us-east-1a", " us-east-1"])
      expect(
        refusal(() => readRegion({ "aws:region": bad })),
        bad,
      ).to.contain(`aws:region must be an AWS region such as us-east-1, got "${bad}"`);
    expect(refusal(() => readRegion({}))).to.contain("got nothing");
  });

  it("split lists on commas, trimmed, empty items dropped", () => {
    expect(list(" a, b ,,c ")).to.deep.equal(["a", "b", "c"]);
    expect(list(undefined)).to.deep.equal([]);
    expect(list("")).to.deep.equal([]);
  });
});
