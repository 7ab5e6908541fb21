/** The lake model: each zone worked out once from the prefixes, and the partitions Athena refuses. */
import { expect } from "chai";
import { lakeModel } from "../../model/lake";
import { isStackConfigError } from "../../config/errors";

const prefixes = {
  project: "punkapi-consumer",
  rawPrefix: "raw/beers/year=!{timestamp:yyyy}/month=!{timestamp:MM}/",
  curatedPrefix: "curated/beers/dt=!{timestamp:yyyy-MM-dd}/",
  errorPrefix: "errors/!{firehose:error-output-type}/",
};

describe("the lake model", () => {
  it("gives each zone its literal start (IAM, lifecycle), its folder and its partition keys", () => {
    const lake = lakeModel(prefixes);
    expect(lake.raw).to.deep.include({ literalStart: "raw/beers/year=", prefix: prefixes.rawPrefix });
    expect(lake.raw.layout.root).to.equal("raw/beers/");
    expect(lake.raw.layout.template).to.equal("year=${year}/month=${month}/");
    expect(lake.raw.layout.keys.map((k) => k.name)).to.deep.equal(["year", "month"]);
    expect(lake.curated.layout.keys.map((k) => k.name)).to.deep.equal(["dt"]);
    expect(lake.writablePrefixes).to.deep.equal(["raw/beers/year=", "curated/beers/dt=", "errors/"]);
  });

  it("refuses a partition named like a column of the table, naming the key", () => {
    let error: unknown;
    try {
      lakeModel({ ...prefixes, rawPrefix: "raw/id=!{timestamp:yyyy}/" });
    } catch (e) {
      error = e;
    }
    expect(isStackConfigError(error)).to.equal(true);
    expect((error as Error).message).to.match(
      /punkapi-consumer:rawPrefix names a partition "id", which is a column/,
    );
  });
});
