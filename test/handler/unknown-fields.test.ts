/**
 * Schema drift, one beer at a time: the paths of the fields the lake's schema (schema/beer-schema.ts) does
 * not declare, against the real catalogues (none) and against beers with a field added where it can be.
 */
import { expect } from "chai";
import { LAKE_RECORD, unknownFields } from "../../handler/unknown-fields";
import type { Parsed } from "../../schema/beer-schema";
import { allBeers } from "../../local/stand-ins/punkapi/catalogue";
import { v3Catalogue } from "../../local/stand-ins/punkapi/catalogue-v3";

/** The parts of a beer the tests add fields to. */
type Obj = Record<string, unknown>;
interface Beer extends Obj {
  method: Obj & { mash_temp: { temp: Obj }[] };
  volume: Obj;
  ingredients: Obj & { hops: Obj[] };
}

/** A real beer to add fields to, a fresh copy each time. */
const v2Beer = () => structuredClone(allBeers().find((b) => b.id === 1)!) as unknown as Beer;
const v3Beer = () => structuredClone(v3Catalogue().find((e) => e.beer.id === 1)!.beer) as unknown as Beer;

describe("unknown fields (schema drift)", () => {
  it("finds none in any real beer of either contract: both image fields are declared", () => {
    const drifted = [
      ...allBeers().map((b) => [`v2 ${b.id}`, unknownFields(b)]),
      ...v3Catalogue().map((e) => [`v3 ${e.beer.id}`, unknownFields(e.beer)]),
    ].filter(([, paths]) => paths.length);
    expect(drifted).to.deep.equal([]);
    expect(v2Beer()).to.have.property("image_url");
    expect(v3Beer()).to.have.property("image");
    expect(unknownFields(v2Beer())).to.deep.equal([]);
    expect(unknownFields(v3Beer())).to.deep.equal([]);
  });

  it("names a new top-level field, and not what is inside it", () => {
    const beer = { ...v2Beer(), country: "Scotland", awards: { gold: ["2016"] } };
    expect(unknownFields(beer)).to.deep.equal(["awards", "country"]);
  });

  it("names a new member of a struct by its path", () => {
    const beer = v3Beer();
    beer.method.twist_notes = "hops added late";
    beer.volume.approximate = true;
    expect(unknownFields(beer)).to.deep.equal(["method.twist_notes", "volume.approximate"]);
  });

  it("names a new member of the structs in an array once, however many elements carry it", () => {
    const beer = v2Beer();
    for (const hop of beer.ingredients.hops) hop.origin = "NZ";
    beer.method.mash_temp[0].temp.scale = "C";
    expect(beer.ingredients.hops.length).to.be.greaterThan(1);
    expect(unknownFields(beer)).to.deep.equal(["ingredients.hops[].origin", "method.mash_temp[].temp.scale"]);
  });

  it("finds nothing inside a null, a scalar or an empty array where a struct or an array is declared", () => {
    const beer = v2Beer();
    beer.ingredients.malt = null;
    expect(unknownFields({ ...beer, method: null, volume: "20 litres", food_pairing: [] })).to.deep.equal([]);
    // An array where a struct is declared holds no member to name either.
    expect(unknownFields({ ...v2Beer(), boil_volume: [{ extra: 1 }] })).to.deep.equal([]);
  });

  it("matches names case-insensitively, as the OpenX JSON SerDe reads them", () => {
    expect(unknownFields({ ...v2Beer(), ABV: 4.5, Country: "UK" })).to.deep.equal(["Country"]);
  });

  it("reads arrays of arrays and any schema it is given, sorted by path", () => {
    const type: Parsed = {
      kind: "struct",
      fields: [
        { name: "grid", type: { kind: "array", of: { kind: "array", of: { kind: "struct", fields: [] } } } },
        { name: "b", type: { kind: "scalar", name: "int" } },
      ],
    };
    expect(unknownFields({ z: 1, grid: [[{ y: 1 }], [{ x: 2 }]], b: 2, a: 3 }, type)).to.deep.equal([
      "a",
      "grid[][].x",
      "grid[][].y",
      "z",
    ]);
  });

  it("finds nothing in what is not an object", () => {
    for (const v of [null, undefined, 1, "beer", [{ country: "UK" }]])
      expect(unknownFields(v)).to.deep.equal([]);
  });

  it("reads the lake's record as the raw table's columns, nested types parsed", () => {
    expect(LAKE_RECORD.kind).to.equal("struct");
    const fields = (LAKE_RECORD as Extract<Parsed, { kind: "struct" }>).fields;
    expect(fields.map((f) => f.name)).to.include.members([
      "id",
      "image_url",
      "image",
      "method",
      "ingredients",
    ]);
    expect(fields.find((f) => f.name === "food_pairing")!.type).to.deep.equal({
      kind: "array",
      of: { kind: "scalar", name: "string" },
    });
  });
});
