/**
 * A data zone's partitions as its Glue table declares them: one string column per partition key, said to
 * be a date or a time, and Athena's partition projection for each ("Partition projection" in the Athena
 * guide: an integer range, zero-padded to its width, or a date range from the first day of ingestion).
 */
import { expect } from "chai";
import { lakeModel, partitionColumns, projectionParameters } from "../../model/lake";

/** A lake whose raw and curated zones are laid out by the prefixes given. */
function zones(rawPrefix: string, curatedPrefix: string) {
  return lakeModel({ project: "punkapi-consumer", rawPrefix, curatedPrefix, errorPrefix: "errors/" });
}

describe("a zone's partitions", () => {
  it("project each single field as an integer range, padded to the field's width", () => {
    const { raw } = zones("raw/beers/year=!{timestamp:yyyy}/month=!{timestamp:MM}/", "curated/");
    expect(partitionColumns(raw)).to.deep.equal([
      { name: "year", type: "string", comment: "ingestion time (UTC), yyyy" },
      { name: "month", type: "string", comment: "ingestion time (UTC), MM" },
    ]);
    expect(projectionParameters("the-lake", raw)).to.deep.equal({
      "projection.enabled": "true",
      "projection.year.type": "integer",
      "projection.year.range": "2024,2099",
      "projection.year.digits": "4",
      "projection.month.type": "integer",
      "projection.month.range": "1,12",
      "projection.month.digits": "2",
      "storage.location.template": "s3://the-lake/raw/beers/year=${year}/month=${month}/",
    });
  });

  it("leave an unpadded field (`d`, 1 to 31) without a width", () => {
    const { raw } = zones("raw/day=!{timestamp:d}/", "curated/");
    expect(projectionParameters("the-lake", raw)).to.deep.equal({
      "projection.enabled": "true",
      "projection.day.type": "integer",
      "projection.day.range": "1,31",
      "storage.location.template": "s3://the-lake/raw/day=${day}/",
    });
  });

  it("project a day as a date, listed day by day from 2024-01-01", () => {
    const { curated } = zones("raw/", "curated/beers/dt=!{timestamp:yyyy-MM-dd}/");
    expect(partitionColumns(curated)).to.deep.equal([
      { name: "dt", type: "string", comment: "ingestion date (UTC), yyyy-MM-dd" },
    ]);
    expect(projectionParameters("the-lake", curated)).to.deep.equal({
      "projection.enabled": "true",
      "projection.dt.type": "date",
      "projection.dt.format": "yyyy-MM-dd",
      "projection.dt.range": "2024-01-01,NOW",
      "projection.dt.interval": "1",
      "projection.dt.interval.unit": "DAYS",
      "storage.location.template": "s3://the-lake/curated/beers/dt=${dt}/",
    });
  });

  it("project an hour as a time, listed hour by hour", () => {
    const { curated } = zones("raw/", "curated/!{timestamp:yyyy/MM/dd/HH}/");
    expect(partitionColumns(curated)).to.deep.equal([
      { name: "dt", type: "string", comment: "ingestion time (UTC), yyyy/MM/dd/HH" },
    ]);
    expect(projectionParameters("the-lake", curated)).to.deep.equal({
      "projection.enabled": "true",
      "projection.dt.type": "date",
      "projection.dt.format": "yyyy/MM/dd/HH",
      "projection.dt.range": "2024/01/01/00,NOW",
      "projection.dt.interval": "1",
      "projection.dt.interval.unit": "HOURS",
      "storage.location.template": "s3://the-lake/curated/${dt}/",
    });
  });
});
