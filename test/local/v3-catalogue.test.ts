/**
 * The vendored v3 catalogue is upstream's, byte for byte, and the stand-in writes each beer exactly as the
 * real server does: held to sha256 lists recorded from upstream's files and from CPython's own json
 * (local/stand-ins/punkapi/v3-catalogue/SOURCE.md), and to a second route (the files minified).
 */
import { expect } from "chai";
import crypto from "crypto";
import fs from "fs";
import path from "path";
import { V3_DATA_DIR, v3Catalogue } from "../../local/stand-ins/punkapi/catalogue-v3";
import { parsePythonJson, pythonFloatRepr } from "../../local/stand-ins/punkapi/python-json";
import { V3_FILES, v3FileCompact } from "../helpers/beers";

const sha256 = (data: string | Buffer) => crypto.createHash("sha256").update(data).digest("hex");

/** A `sha256sum` listing: file name → hash. */
function sums(file: string): Map<string, string> {
  const text = fs.readFileSync(path.join(V3_DATA_DIR, "..", file), "utf8");
  return new Map(
    text
      .trimEnd()
      .split("\n")
      .map((line) => {
        const [hash, name] = line.split(/ {2}/);
        return [name, hash];
      }),
  );
}

describe("the vendored v3 catalogue", () => {
  it("holds upstream's 415 files, each byte for byte as recorded in SHA256SUMS, and its MIT licence", () => {
    const recorded = sums("SHA256SUMS");
    expect(recorded.size).to.equal(415);
    expect(V3_FILES).to.deep.equal([...recorded.keys()].sort());
    const changed = V3_FILES.filter(
      (f) => sha256(fs.readFileSync(path.join(V3_DATA_DIR, f))) !== recorded.get(f),
    );
    expect(changed).to.deep.equal([]);
    const licence = fs.readFileSync(path.join(V3_DATA_DIR, "..", "LICENSE"), "utf8");
    expect(licence).to.match(/^MIT License\n\nCopyright \(c\) 2024 alxiw\n/);
  });

  it("loads 415 beers, ids 1 to 415, each file NNN.json holding beer NNN", () => {
    const beers = v3Catalogue();
    expect(beers.map((e) => e.beer.id)).to.deep.equal(Array.from({ length: 415 }, (_, i) => i + 1));
    expect(beers[0].beer).to.include({ name: "Punk IPA 2007 - 2010", image: "001.png" });
  });

  it("writes every beer as CPython's json.dumps does (the hashes in WIRE-SHA256SUMS)", () => {
    const recorded = sums("WIRE-SHA256SUMS");
    const differ = v3Catalogue()
      .filter(
        (e) =>
          sha256(Buffer.from(e.wire, "utf8")) !== recorded.get(`${String(e.beer.id).padStart(3, "0")}.json`),
      )
      .map((e) => e.beer.id);
    expect(differ).to.deep.equal([]);
  });

  it("agrees with the second route, the upstream files minified", () => {
    const differ = v3Catalogue()
      .filter((e) => e.wire !== v3FileCompact(e.beer.id))
      .map((e) => e.beer.id);
    expect(differ).to.deep.equal([]);
    // What JSON.parse would lose: beer 326's abv is the float 5.0 in its file, and stays one on the wire.
    expect(v3Catalogue()[325].wire).to.contain('"abv":5.0,');
    expect(JSON.stringify(v3Catalogue()[325].beer)).to.contain('"abv":5,');
  });
});

describe("Python's JSON, as the v3 server writes it", () => {
  it("writes a float by Python's repr (literals printed by CPython 3.11)", () => {
    const cases: [number, string][] = [
      [10.0, "10.0"],
      [1e16, "1e+16"],
      [1.5e-5, "1.5e-05"],
      [0.0001, "0.0001"],
      [123456789012345.6, "123456789012345.6"],
      [1e22, "1e+22"],
      [-0.0, "-0.0"],
      [9999999999999998.0, "9999999999999998.0"],
      [0.1 + 0.2, "0.30000000000000004"],
      [5e-324, "5e-324"],
      [1.7976931348623157e308, "1.7976931348623157e+308"],
      [-2.5e-7, "-2.5e-07"],
      [0.00001234, "1.234e-05"],
    ];
    expect(cases.map(([x]) => pythonFloatRepr(x))).to.deep.equal(cases.map(([, repr]) => repr));
    expect(() => pythonFloatRepr(Infinity)).to.throw(/allow_nan=False/);
  });

  it("keeps ints and floats apart, a repeated key's first place and last value, and UTF-8 as is", () => {
    // CPython: json.dumps(json.loads(text, object_pairs_hook=OrderedDict), ensure_ascii=False, separators=(",", ":"))
    const text = '{"a":1.0,"b":-0,"c":[1E2,2.50,"\\u00e9\\/\\u0001"],"a":3}';
    expect(parsePythonJson(text).wire).to.equal('{"a":3,"b":0,"c":[100.0,2.5,"é/\\u0001"]}');
    expect(parsePythonJson(text).value).to.deep.equal({ a: 3, b: 0, c: [100, 2.5, "é/\u0001"] });
    expect(() => parsePythonJson('{"a":1,}')).to.throw(/invalid JSON/);
    expect(() => parsePythonJson("[1] 2")).to.throw(/end of the text/);
  });
});
