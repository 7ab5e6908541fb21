/**
 * `beers_latest` as Glue stores it for Athena: marked as a Presto view, its definition carrying the columns
 * in Presto's types, and its declared columns the ones its SQL yields (run by DuckDB, a reader of its own).
 */
import { expect } from "chai";
import { DuckDBInstance } from "@duckdb/node-api";
import { athenaView, latestViewSql } from "../../model/latest-view";

/** The curated table's columns as DuckDB types them, and Athena's `"$path"`. */
const CURATED_TABLE = `CREATE TABLE beers_curated ("id" INTEGER, "name" VARCHAR, "tagline" VARCHAR,
  "first_brewed" VARCHAR, "abv" DOUBLE, "ibu" DOUBLE, "target_fg" DOUBLE, "target_og" DOUBLE, "ebc" DOUBLE,
  "srm" DOUBLE, "ph" DOUBLE, "attenuation_level" DOUBLE, "$path" VARCHAR)`;

describe("the beers_latest view", () => {
  // Built in each test: a definition that throws fails that test, not the loading of every test file.
  const view = () => athenaView("punkapi_consumer_test");

  it("is marked as a Presto view, which is how Athena knows it for one", () => {
    expect(view()).to.deep.include({
      name: "beers_latest",
      tableType: "VIRTUAL_VIEW",
      parameters: { presto_view: "true", comment: "Presto View" },
      viewExpandedText: "/* Presto View */",
    });
  });

  it("stores its definition for the database, its columns in Presto's types", () => {
    const encoded = /^\/\* Presto View: ([A-Za-z0-9+/=]+) \*\/$/.exec(view().viewOriginalText)![1];
    const definition = JSON.parse(Buffer.from(encoded, "base64").toString("utf8"));
    expect(definition).to.deep.include({ catalog: "awsdatacatalog", schema: "punkapi_consumer_test" });
    expect(definition.originalSql).to.include("FROM beers_curated");
    expect(definition.columns).to.deep.equal([
      { name: "id", type: "integer" },
      { name: "name", type: "varchar" },
      { name: "tagline", type: "varchar" },
      { name: "first_brewed", type: "varchar" },
      ...["abv", "ibu", "target_fg", "target_og", "ebc", "srm", "ph", "attenuation_level"].map((name) => ({
        name,
        type: "double",
      })),
      { name: "arrived_utc", type: "varchar" },
    ]);
  });

  it("declares the columns its SQL yields, the arrival last and said what it is", async () => {
    const { columns } = view();
    expect(columns.at(-1)).to.deep.equal({
      name: "arrived_utc",
      type: "string",
      comment: "when the version shown reached Firehose, yyyy-MM-dd-HH-mm-ss",
    });
    const connection = await (await DuckDBInstance.create(":memory:")).connect();
    try {
      await connection.run(CURATED_TABLE);
      const described = (await connection.runAndReadAll(`DESCRIBE ${latestViewSql()}`)).getRowObjectsJson();
      expect(described.map((c) => c.column_name)).to.deep.equal(columns.map((c) => c.name));
    } finally {
      connection.closeSync();
    }
  });
});
