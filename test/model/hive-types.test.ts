/**
 * The schema's Hive types read once (parseType) and written in the two other dialects the lake is read in:
 * DuckDB's for the local views and Parquet files, Presto's for the Athena view's stored columns.
 */
import { expect } from "chai";
import { duckdbType, parseType } from "../../schema/beer-schema";
import { prestoType } from "../../model/latest-view";

/** The shape of the raw table's measured amounts inside a list, as the ingredients hold them. */
const NESTED = "array<struct<name:string,amount:struct<value:double,unit:string>>>";

describe("Hive types", () => {
  it("parse into scalars, arrays and structs, fields in order", () => {
    expect(parseType(NESTED)).to.deep.equal({
      kind: "array",
      of: {
        kind: "struct",
        fields: [
          { name: "name", type: { kind: "scalar", name: "string" } },
          {
            name: "amount",
            type: {
              kind: "struct",
              fields: [
                { name: "value", type: { kind: "scalar", name: "double" } },
                { name: "unit", type: { kind: "scalar", name: "string" } },
              ],
            },
          },
        ],
      },
    });
  });

  it("refuse what is not one, saying where", () => {
    expect(() => parseType("")).to.throw("bad type at 0 in ");
    expect(() => parseType("1int")).to.throw("bad type at 0 in 1int");
    expect(() => parseType("array<>")).to.throw("bad type at 6 in array<>");
    expect(() => parseType("struct<1a:int>")).to.throw("bad field name at 7 in struct<1a:int>");
    expect(() => parseType("int>")).to.throw("trailing text in type int>");
  });

  it("are written in DuckDB's dialect, nested as they are", () => {
    expect(duckdbType(NESTED)).to.equal(
      'STRUCT("name" VARCHAR, "amount" STRUCT("value" DOUBLE, "unit" VARCHAR))[]',
    );
    expect(duckdbType("array<array<int>>")).to.equal("INTEGER[][]");
    expect(["int", "bigint", "double", "string", "boolean"].map((t) => duckdbType(t))).to.deep.equal([
      "INTEGER",
      "BIGINT",
      "DOUBLE",
      "VARCHAR",
      "BOOLEAN",
    ]);
  });

  it("have no DuckDB type made up for a Hive type not translated (it would read as text)", () => {
    expect(() => duckdbType("timestamp")).to.throw("no DuckDB type for the Hive type timestamp");
    expect(() => duckdbType("struct<at:date>")).to.throw("no DuckDB type for the Hive type date");
    expect(() => duckdbType("constructor")).to.throw("no DuckDB type for the Hive type constructor");
  });

  it("are written in Presto's dialect (Athena's views), nested as they are", () => {
    expect(prestoType(NESTED)).to.equal("array(row(name varchar, amount row(value double, unit varchar)))");
    expect(["int", "bigint", "double", "string", "boolean"].map((t) => prestoType(t))).to.deep.equal([
      "integer",
      "bigint",
      "double",
      "varchar",
      "boolean",
    ]);
  });
});
