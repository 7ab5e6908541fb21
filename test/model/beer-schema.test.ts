/** Every real beer fits the declared Glue schema, field by field; the type check itself can fail. */
import { expect } from "chai";
import { CURATED_COLUMNS, RAW_COLUMNS } from "../../schema/beer-schema";
import { misfit, rowMisfits } from "../helpers/schema-fit";
import { allBeers } from "../../local/stand-ins/punkapi/catalogue";
import { v3Catalogue } from "../../local/stand-ins/punkapi/catalogue-v3";

describe("Glue schema of the lake", () => {
  const beers = allBeers();
  const v3 = v3Catalogue().map((e) => e.beer);

  it("fits all 325 v2 beers (punkapi-db) and all 415 real v3 beers in the raw table, losing no field", () => {
    expect([beers.length, v3.length]).to.deep.equal([325, 415]);
    const problems = [
      ...beers.flatMap((b) => rowMisfits(b, RAW_COLUMNS).map((p) => `v2 ${b.id} ${p}`)),
      ...v3.flatMap((b) => rowMisfits(b, RAW_COLUMNS).map((p) => `v3 ${b.id} ${p}`)),
    ];
    expect(problems).to.deep.equal([]);
    const declared = new Set(RAW_COLUMNS.map((c) => c.name));
    for (const b of [...beers, ...v3])
      for (const key of Object.keys(b)) expect(declared.has(key), key).to.equal(true);
  });

  it("fits all 740 beers in the curated columns, quirks included (ph 79, fg above og, nulls)", () => {
    expect([...beers, ...v3].flatMap((b) => rowMisfits(b, CURATED_COLUMNS))).to.deep.equal([]);
    const b317 = beers.find((b) => b.id === 317)!;
    expect(misfit(b317.ph, "double")).to.equal(undefined);
    expect(misfit(beers.find((b) => b.id === 169)!.ibu, "double")).to.equal(undefined);
  });

  it("refuses what does not fit", () => {
    expect(misfit("4.5", "double")).to.match(/not a double/);
    expect(misfit(1.5, "int")).to.match(/not an int/);
    expect(misfit({ value: 1, unit: "g", extra: 2 }, "struct<value:double,unit:string>")).to.match(
      /extra: not in the struct/,
    );
    expect(misfit([{ name: 1 }], "array<struct<name:string>>")).to.match(/\$\[0\]\.name: 1 is not a string/);
  });
});
