import { expect } from "chai";
import { Contract, unwrapRandom } from "../../handler/contract";
import { validateBeer } from "../../handler/validate";
import { allBeers } from "../../local/stand-ins/punkapi/catalogue";
import { v3Catalogue } from "../../local/stand-ins/punkapi/catalogue-v3";

describe("beer validation", () => {
  const beers = allBeers();

  it("accepts all 325 real beers of punkapi-db@2.6.0 (v2) and all 415 of the real v3, quirks included", () => {
    expect(beers).to.have.length(325);
    const v3 = v3Catalogue().map((e) => e.beer);
    expect(v3).to.have.length(415);
    const failures = [
      ...beers.map((beer) => ({ id: `v2 ${beer.id}`, v: validateBeer("v2", beer) })),
      ...v3.map((beer) => ({ id: `v3 ${beer.id}`, v: validateBeer("v3", beer) })),
    ]
      .filter(({ v }) => !v.ok)
      .map(({ id, v }) => `${id}: ${JSON.stringify(v)}`);
    expect(failures).to.deep.equal([]);
  });

  it("accepts the limits themselves: id 1, a year alone, nulls where a value may be missing, empty arrays", () => {
    const b = {
      ...beer(),
      id: 1,
      first_brewed: "2007",
      abv: null,
      image_url: null,
      brewers_tips: null,
      contributed_by: null,
      food_pairing: [],
      volume: { value: null, unit: "litres" },
    };
    expect(validateBeer("v2", b)).to.deep.equal({ ok: true, id: 1, name: beers[0].name });
  });

  it("accepts the quirks named in the data profile", () => {
    const byId = (id: number) => beers.find((b) => b.id === id)!;
    expect(byId(317).ph).to.equal(79);
    expect(byId(169).abv).to.be.a("number");
    expect(byId(169).ibu).to.equal(null);
    expect((byId(70).target_fg as number) > (byId(70).target_og as number)).to.equal(true);
    for (const id of [317, 169, 70, 36, 185])
      expect(validateBeer("v2", byId(id)).ok, `beer ${id}`).to.equal(true);
  });

  const beer = () => structuredClone(beers[0]) as Record<string, unknown>;
  const cases: [string, unknown, RegExp][] = [
    ["an error body", { statusCode: 404, error: "Not Found", message: "No beer" }, /\$\.id: missing/],
    ["a string", "beer", /\$: expected object, got string/],
    ["null", null, /\$: expected object, got null/],
    ["an array", [beer()], /\$: expected object, got array/],
    ["a string id", { ...beer(), id: "1" }, /\$\.id: expected integer ≥ 1, got string/],
    ["a zero id", { ...beer(), id: 0 }, /\$\.id: expected integer ≥ 1/],
    ["a fractional id", { ...beer(), id: 1.5 }, /\$\.id: expected integer ≥ 1/],
    ["an empty name", { ...beer(), name: " " }, /\$\.name: expected non-empty string/],
    ["a string abv", { ...beer(), abv: "4.5" }, /\$\.abv: expected number, got string/],
    ["a bad first_brewed", { ...beer(), first_brewed: "Sept 2007" }, /\$\.first_brewed/],
    [
      "no ingredients",
      { ...beer(), ingredients: undefined },
      /\$\.ingredients: expected object, got undefined/,
    ],
    [
      "a malt without amount",
      { ...beer(), ingredients: { malt: [{ name: "x" }], hops: [], yeast: null } },
      /\$\.ingredients\.malt\[0\]\.amount: missing/,
    ],
    [
      "food_pairing of numbers",
      { ...beer(), food_pairing: [1] },
      /\$\.food_pairing\[0\]: expected string, got number/,
    ],
    // Arrays of many elements with one bad one, not the first; the inner shapes of every nested part.
    [
      "a third hop without a name",
      (() => {
        const b = beer() as { ingredients: { hops: Record<string, unknown>[] } };
        b.ingredients.hops = [
          b.ingredients.hops[0],
          b.ingredients.hops[0],
          { ...b.ingredients.hops[0], name: 5 },
        ];
        return b;
      })(),
      /\$\.ingredients\.hops\[2\]\.name: expected string, got number/,
    ],
    [
      "a second food pairing that is null",
      { ...beer(), food_pairing: ["cheese", null, "cake"] },
      /\$\.food_pairing\[1\]: expected string, got null/,
    ],
    [
      "a mash step whose temperature has a string value",
      {
        ...beer(),
        method: {
          mash_temp: [
            { temp: { value: 64, unit: "celsius" }, duration: 75 },
            { temp: { value: "hot", unit: "celsius" }, duration: 10 },
          ],
          fermentation: { temp: { value: 19, unit: "celsius" } },
          twist: null,
        },
      },
      /\$\.method\.mash_temp\[1\]\.temp\.value: expected number, got string/,
    ],
    [
      "a mash duration that is a string",
      {
        ...beer(),
        method: {
          mash_temp: [{ temp: { value: 64, unit: "c" }, duration: "75" }],
          fermentation: { temp: { value: 19, unit: "c" } },
          twist: null,
        },
      },
      /\$\.method\.mash_temp\[0\]\.duration: expected number, got string/,
    ],
    [
      "a fermentation temperature without a unit",
      { ...beer(), method: { mash_temp: [], fermentation: { temp: { value: 19 } }, twist: null } },
      /\$\.method\.fermentation\.temp\.unit: missing/,
    ],
    [
      "a twist that is a number",
      { ...beer(), method: { mash_temp: [], fermentation: { temp: { value: 1, unit: "c" } }, twist: 3 } },
      /\$\.method\.twist: expected string, got number/,
    ],
    ["a volume whose unit is missing", { ...beer(), volume: { value: 20 } }, /\$\.volume\.unit: missing/],
    [
      "a boil volume whose value is a string",
      { ...beer(), boil_volume: { value: "25", unit: "litres" } },
      /\$\.boil_volume\.value: expected number, got string/,
    ],
    [
      "hops that are not an array",
      { ...beer(), ingredients: { malt: [], hops: {}, yeast: null } },
      /\$\.ingredients\.hops: expected array, got object/,
    ],
    [
      "a yeast that is a number",
      { ...beer(), ingredients: { malt: [], hops: [], yeast: 7 } },
      /\$\.ingredients\.yeast: expected string, got number/,
    ],
    [
      "a hop whose add is a number",
      {
        ...beer(),
        ingredients: {
          malt: [],
          hops: [{ name: "h", amount: { value: 1, unit: "g" }, add: 1, attribute: "bitter" }],
          yeast: null,
        },
      },
      /\$\.ingredients\.hops\[0\]\.add: expected string, got number/,
    ],
    ["an infinite abv", { ...beer(), abv: Infinity }, /\$\.abv: expected number, got number/],
    ["a tagline that is null", { ...beer(), tagline: null }, /\$\.tagline: expected string, got null/],
    [
      "a description that is missing",
      (() => {
        const b = beer();
        delete b.description;
        return b;
      })(),
      /\$\.description: missing/,
    ],
    [
      "brewers tips that are a number",
      { ...beer(), brewers_tips: 1 },
      /\$\.brewers_tips: expected string, got number/,
    ],
    [
      "contributed_by that is a number",
      { ...beer(), contributed_by: 1 },
      /\$\.contributed_by: expected string, got number/,
    ],
    [
      "a first_brewed of one digit month",
      { ...beer(), first_brewed: "9/2007" },
      /\$\.first_brewed: expected "MM\/YYYY" or "YYYY"/,
    ],
    ["a first_brewed with a suffix", { ...beer(), first_brewed: "09/2007x" }, /\$\.first_brewed/],
    [
      "a first_brewed that is a number",
      { ...beer(), first_brewed: 2007 },
      /\$\.first_brewed: expected "MM\/YYYY" or "YYYY", got number/,
    ],
    ["a name that is a number", { ...beer(), name: 5 }, /\$\.name: expected non-empty string, got number/],
    ["a negative id", { ...beer(), id: -3 }, /\$\.id: expected integer ≥ 1, got number/],
  ];
  for (const [what, value, reason] of cases) {
    it(`rejects ${what} with a reason`, () => {
      const v = validateBeer("v2", value);
      expect(v.ok).to.equal(false);
      expect(!v.ok && v.reason).to.match(reason);
    });
  }

  it("tells the contracts apart by the image field", () => {
    expect(validateBeer("v3", beers[0])).to.deep.include({ ok: false });
    expect(validateBeer("v2", v3Catalogue()[0].beer)).to.deep.include({ ok: false });
  });
});

describe("unwrapping /beers/random bodies", () => {
  const utf8 = (s: string) => Buffer.from(s, "utf8");

  it("keeps the v2 element's exact text, whitespace inside and non-ASCII included", () => {
    const u = unwrapRandom("v2", utf8(' [ {"id": 1,  "name":"Ale™"} ]\n'));
    expect(u).to.deep.equal({ ok: true, value: { id: 1, name: "Ale™" }, raw: '{"id": 1,  "name":"Ale™"}' });
  });

  it("keeps the v3 bare object's exact text", () => {
    expect(unwrapRandom("v3", utf8('{"id":2}'))).to.deep.equal({
      ok: true,
      value: { id: 2 },
      raw: '{"id":2}',
    });
  });

  const bad: [string, Contract, Buffer, RegExp][] = [
    ["empty", "v2", utf8(" "), /body is empty/],
    ["HTML", "v2", utf8("<html></html>"), /not JSON.*<html>/],
    ["truncated JSON", "v3", utf8('{"id":1,"na'), /not JSON/],
    ["two elements", "v2", utf8("[{},{}]"), /one-element array, got 2 elements/],
    ["an object for v2", "v2", utf8("{}"), /one-element array, got object/],
    ["invalid UTF-8", "v3", Buffer.from([0x7b, 0xff, 0x7d]), /not valid UTF-8/],
  ];
  for (const [what, contract, body, reason] of bad) {
    it(`rejects ${what}`, () => {
      const u = unwrapRandom(contract, body);
      expect(u.ok).to.equal(false);
      expect(!u.ok && u.reason).to.match(reason);
    });
  }
});
