/** Every real beer fits the declared Glue schema, field by field; the type check itself can fail. */
import { expect } from "chai";
import { CURATED_COLUMNS, duckdbType, RAW_COLUMNS } from "../../model/beer-schema";
import { misfit, rowMisfits } from "../helpers/schema-fit";
import { allBeers, toV3 } from "../../local/punkapi/catalogue";

describe("Glue schema of the lake", () => {
  const beers = allBeers();

  it("fits all 325 beers of punkapi-db in the raw table, in both contracts, losing no field", () => {
    const problems = beers.flatMap((b) => [
      ...rowMisfits(b, RAW_COLUMNS).map((p) => `v2 ${b.id} ${p}`),
      ...rowMisfits(toV3(b), RAW_COLUMNS).map((p) => `v3 ${b.id} ${p}`),
    ]);
    expect(problems).to.deep.equal([]);
    const declared = new Set(RAW_COLUMNS.map((c) => c.name));
    for (const b of beers) for (const key of Object.keys(b)) expect(declared.has(key), key).to.equal(true);
  });

  it("fits all 325 beers in the curated columns, quirks included (ph 79, fg above og, nulls)", () => {
    expect(beers.flatMap((b) => rowMisfits(b, CURATED_COLUMNS))).to.deep.equal([]);
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

  it("speaks DuckDB for the local views", () => {
    expect(duckdbType("array<struct<name:string,amount:struct<value:double,unit:string>>>")).to.equal(
      'STRUCT("name" VARCHAR, "amount" STRUCT("value" DOUBLE, "unit" VARCHAR))[]',
    );
  });
});
