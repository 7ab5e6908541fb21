/**
 * Which columns each table has: the curated table keeps the analytical measurements of a beer, typed as
 * the raw table types them, and the raw table says which contract each image field comes from.
 */
import { expect } from "chai";
import { CURATED_COLUMNS, RAW_COLUMNS } from "../../schema/beer-schema";

describe("the tables' columns", () => {
  it("keep in the curated table the beer's identity and measurements, and nothing nested", () => {
    expect(CURATED_COLUMNS).to.deep.equal([
      { name: "id", type: "int" },
      { name: "name", type: "string" },
      { name: "tagline", type: "string" },
      { name: "first_brewed", type: "string", comment: "MM/YYYY or YYYY" },
      { name: "abv", type: "double" },
      { name: "ibu", type: "double" },
      { name: "target_fg", type: "double" },
      { name: "target_og", type: "double" },
      { name: "ebc", type: "double" },
      { name: "srm", type: "double" },
      { name: "ph", type: "double" },
      { name: "attenuation_level", type: "double" },
    ]);
  });

  it("tell the two contracts' image fields apart in the raw table", () => {
    const images = RAW_COLUMNS.filter((c) => c.name.startsWith("image"));
    expect(images).to.deep.equal([
      { name: "image_url", type: "string", comment: "v2 contract" },
      { name: "image", type: "string", comment: "v3 contract" },
    ]);
  });
});
