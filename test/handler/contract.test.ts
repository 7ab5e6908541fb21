/**
 * Bodies that are not what the contract says, and the reasons given for them: a non-JSON body quoted
 * (white space folded, cut after 80 characters), a page that is not an array; and a beer at exactly the
 * Kinesis record limit, and one byte over it.
 */
import { expect } from "chai";
import { unwrapPage, unwrapRandom } from "../../handler/contract";
import { beerRecord } from "../../handler/record";
import { expectedRecord } from "../helpers/beers";

const utf8 = (s: string) => new TextEncoder().encode(s);

describe("the contract's reasons", () => {
  it("quotes a body that is not JSON, its white space folded to single spaces", () => {
    const u = unwrapRandom("v3", utf8("  <html>\n\t<body>  Bad   Gateway </body>\n</html>  "));
    expect(u.ok).to.equal(false);
    expect((u as { reason: string }).reason).to.match(
      /^body is not JSON \([\s\S]+\): "<html> <body> Bad Gateway <\/body> <\/html>"$/,
    );
  });

  it("cuts the quote after 80 characters, and only a longer one", () => {
    const reasonOf = (text: string) => (unwrapRandom("v2", utf8(text)) as { reason: string }).reason;
    const eighty = `x${"y".repeat(79)}`;
    expect(reasonOf(eighty)).to.match(new RegExp(`: "${eighty}"$`));
    expect(reasonOf(`${eighty}z`)).to.match(new RegExp(`: "${eighty}…"$`));
  });

  it("refuses a catalogue page that is not an array, saying what it is, and a page that is not JSON", () => {
    expect(unwrapPage(utf8('{"error":"Not Found"}'))).to.deep.equal({
      ok: false,
      reason: "expected an array of beers, got object",
    });
    expect(unwrapPage(utf8("null"))).to.deep.equal({
      ok: false,
      reason: "expected an array of beers, got null",
    });
    expect((unwrapPage(utf8("[1,")) as { reason: string }).reason).to.match(/^body is not JSON .*: "\[1,"$/);
    expect(unwrapPage(utf8(""))).to.deep.equal({ ok: false, reason: "body is empty" });
  });
});

describe("a beer's record at the Kinesis limit", () => {
  /** Beer 7 as the stand-in serves it in v3, its name padded so that its record is exactly `size` bytes. */
  function beerOfRecordSize(size: number) {
    const base = JSON.parse(expectedRecord(7, "v3").toString("utf8")) as { name: string };
    const padding = size - Buffer.byteLength(`${JSON.stringify(base)}\n`) - "7".length;
    const value = { ...base, name: base.name + " ".repeat(padding) };
    return { value, raw: JSON.stringify(value) };
  }

  it("keeps a record of exactly 1 MiB and refuses one a byte larger, naming the beer and the size", () => {
    // The Kinesis PutRecords limit, as published (1 MiB per record, data and partition key).
    const MIB = 1_048_576;
    const exact = beerOfRecordSize(MIB);
    const fits = beerRecord("v3", exact.value, exact.raw);
    if (!fits.ok) throw new Error(`expected a record, got: ${fits.reason}`);
    expect(fits.record.partitionKey).to.equal("7");
    expect(fits.record.data.byteLength + 1).to.equal(MIB);
    expect(Buffer.from(fits.record.data).toString("utf8")).to.equal(`${exact.raw}\n`);
    const over = beerOfRecordSize(MIB + 1);
    expect(beerRecord("v3", over.value, over.raw)).to.deep.equal({
      ok: false,
      reason: "beer 7: record of 1048577 bytes exceeds the 1 MiB Kinesis limit",
    });
  });
});
