/**
 * The stand-in's added fields (schema drift shown locally): every beer it serves carries them, in both
 * contracts and on every route, the beer's own text otherwise unchanged; a field a beer already has is
 * refused, by the server and by `npm run punkapi -- --add-field`, which also refuses a value that is not JSON.
 */
import { expect } from "chai";
import got from "got";
import { startPunkApi, StandIn } from "../../local/stand-ins/punkapi/server";
import { parseExtraField, withFieldsInWire } from "../../local/stand-ins/punkapi/extra-fields";
import { expectedRecord, v3FileCompact } from "../helpers/beers";
import { runCli } from "../helpers/cli";

describe("the stand-in's added fields", function () {
  this.timeout(30_000);
  let api: StandIn | undefined;
  afterEach(async () => api?.close());
  const text = async (path: string) => (await got(`${api!.url}${path}`, { retry: { limit: 0 } })).body;
  const extraFields = { country: "Scotland", awards: { gold: [2016] } };

  it("v2: adds them after the beer's own fields, on /beers/random, /beers/{id} and /beers", async () => {
    api = await startPunkApi({ contract: "v2", randomIds: [1], extraFields });
    // The beer's text as the catalogue has it, its closing brace followed by the fields.
    const beer1 = expectedRecord(1, "v2").toString("utf8").trimEnd().slice(0, -1);
    const added = ',"country":"Scotland","awards":{"gold":[2016]}}';
    expect(await text("/beers/random")).to.equal(`[${beer1}${added}]`);
    expect(await text("/beers/1")).to.equal(`[${beer1}${added}]`);
    const page = JSON.parse(await text("/beers?page=1&per_page=80")) as Record<string, unknown>[];
    expect(page).to.have.length(80);
    for (const b of page) expect(b).to.deep.include({ country: "Scotland", awards: { gold: [2016] } });
  });

  it("v3: adds them into the wire text before its closing brace, on every route", async () => {
    api = await startPunkApi({ contract: "v3", randomIds: [326], extraFields });
    const added = ',"country":"Scotland","awards":{"gold":[2016]}}';
    // Beer 326 keeps its Python float (abv 5.0): only the end changes.
    expect(await text("/beers/random")).to.equal(`${v3FileCompact(326).slice(0, -1)}${added}`);
    expect(await text("/beers/2")).to.equal(`${v3FileCompact(2).slice(0, -1)}${added}`);
    const page = JSON.parse(await text("/beers?page=1&per_page=10")) as Record<string, unknown>[];
    expect(page.map((b) => b.country)).to.deep.equal(Array(10).fill("Scotland"));
  });

  it("serves the beers as they are with none asked for", async () => {
    api = await startPunkApi({ contract: "v3", randomIds: [1], extraFields: {} });
    expect(await text("/beers/random")).to.equal(v3FileCompact(1));
    expect(withFieldsInWire("{}", { a: 1 })).to.equal('{"a":1}');
  });

  it("refuses a field the contract's beers already have", async () => {
    let error: Error | undefined;
    await startPunkApi({ contract: "v3", extraFields: { abv: 1, image: "x.png", origin: "UK" } }).catch(
      (e: Error) => (error = e),
    );
    expect(error?.message).to.equal("extraFields: abv, image: already a field of every v3 beer");
    // `image` is v3's image field, not v2's: a v2 beer may be given one.
    api = await startPunkApi({ contract: "v2", extraFields: { image: "x.png" } });
  });

  it("reads name=json-value, and says why another text is not one", () => {
    expect(parseExtraField('country="Scotland"')).to.deep.equal(["country", "Scotland"]);
    expect(parseExtraField('awards={"gold":2}')).to.deep.equal(["awards", { gold: 2 }]);
    expect(parseExtraField('note="a=b"')).to.deep.equal(["note", "a=b"]);
    expect(() => parseExtraField("country")).to.throw('expected name=json-value, got "country"');
    expect(() => parseExtraField("=1")).to.throw('expected name=json-value, got "=1"');
    expect(() => parseExtraField("country=Scotland")).to.throw(
      `country: the value is not JSON (a string needs its quotes: country='"text"'), got Scotland`,
    );
  });

  it("npm run punkapi exits 2 naming --add-field for a value that is not JSON or a field beers have", async () => {
    const notJson = await runCli("local/commands/punkapi.ts", ["--add-field", "country=Scotland"]);
    expect(notJson.code).to.equal(2);
    expect(notJson.stderr).to.contain("--add-field: country: the value is not JSON");
    const taken = await runCli("local/commands/punkapi.ts", ["--contract", "v2", "--add-field", "abv=1"]);
    expect(taken.code).to.equal(2);
    expect(taken.stderr).to.contain("--add-field: abv: already a field of every v2 beer");
  });
});
