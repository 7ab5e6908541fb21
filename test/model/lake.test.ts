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

/** What `run` throws (the test fails if it throws nothing). */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (e) {
    return e;
  }
  throw new Error("nothing thrown");
}

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

  it("names each zone's configuration key, and gives the error zone its literal start alone", () => {
    const lake = lakeModel(prefixes);
    expect([lake.raw.id, lake.raw.key, lake.curated.id, lake.curated.key]).to.deep.equal([
      "raw",
      "rawPrefix",
      "curated",
      "curatedPrefix",
    ]);
    expect(lake.errors).to.deep.equal({
      id: "errors",
      key: "errorPrefix",
      prefix: "errors/!{firehose:error-output-type}/",
      literalStart: "errors/",
    });
  });

  it("refuses a data prefix no projection could list, naming the key it came from", () => {
    const error = thrown(() =>
      lakeModel({ ...prefixes, curatedPrefix: "curated/!{firehose:random-string}/" }),
    );
    expect(isStackConfigError(error)).to.equal(true);
    expect((error as Error).message).to.equal(
      "invalid stack configuration: punkapi-consumer:curatedPrefix !{firehose:random-string} cannot be in a " +
        "data prefix: no partition projection can list its values, so Athena would find nothing",
    );
  });

  it("refuses a partition named like a column of the table, naming the key", () => {
    const error = thrown(() => lakeModel({ ...prefixes, rawPrefix: "raw/id=!{timestamp:yyyy}/" }));
    expect(isStackConfigError(error)).to.equal(true);
    expect((error as Error).message).to.match(
      /punkapi-consumer:rawPrefix names a partition "id", which is a column/,
    );
    // The curated table's columns, under the curated key: `ph` is one of them.
    expect(
      (thrown(() => lakeModel({ ...prefixes, curatedPrefix: "c/ph=!{timestamp:yyyy}/" })) as Error).message,
    ).to.match(/punkapi-consumer:curatedPrefix names a partition "ph", which is a column/);
  });
});
