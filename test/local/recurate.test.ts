/**
 * Re-curation over a local lake of several days, written here as the local Firehose writes one (s3rver,
 * Firehose's object names, the curated zone converted by the same encoder): the rebuilt range holds as
 * many rows as the raw zone's range, the days outside it are untouched, `beers_latest` is unchanged when
 * nothing changed, a second run changes nothing, a field the schema did not have becomes queryable for past
 * days once the schema is extended, and a record the table cannot hold is refused by name.
 */
import fs from "fs";
import os from "os";
import path from "path";
import { gzipSync } from "zlib";
import { expect } from "chai";
import { startS3rver, LocalS3 } from "../../local/stand-ins/services/s3";
import { ParquetEncoder } from "../../local/stand-ins/firehose/parquet";
import { objectKey, renderPrefix } from "../../local/stand-ins/firehose/render-prefix";
import { recurate } from "../../local/operations/recurate";
import { listKeys, putObject } from "../../local/operations/lake-objects";
import { openLake } from "../../local/stand-ins/lake/views";
import { lakeModel } from "../../model/lake";
import { CURATED_COLUMNS, LAKE_SCHEMA, LakeSchema, RAW_COLUMNS } from "../../schema/beer-schema";
import { CreateBucketCommand } from "@aws-sdk/client-s3";

const BUCKET = "lake";
const PREFIXES = {
  raw: "raw/beers/dt=!{timestamp:yyyy-MM-dd}/",
  curated: "curated/beers/dt=!{timestamp:yyyy-MM-dd}/",
  errors: "errors/!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/",
};

const beer = (id: number, name: string, abv: number, extra: Record<string, unknown> = {}) =>
  `${JSON.stringify({ id, name, tagline: "t", first_brewed: "2010", abv, ibu: 20, ...extra })}\n`;

/** One object per day and stream; the raw one gzip, as the test stack writes it. Times are UTC. */
const DAYS: { arrival: string; beers: string[] }[] = [
  {
    arrival: "2026-11-01T10:00:00Z",
    beers: [beer(1, "Buzz", 4.5, { country: "Scotland" }), beer(2, "Trashy Blonde", 4.1)],
  },
  {
    arrival: "2026-11-02T23:59:30Z",
    beers: [beer(1, "Buzz", 4.5, { country: "Scotland" }), beer(3, "Berliner Weisse", 3)],
  },
  { arrival: "2026-11-03T08:00:00Z", beers: [beer(4, "Pilsen Lager", 6.3)] },
];
// The second day's objects are written a minute after midnight: the name says the 3rd, the folder the 2nd.
const WRITTEN_LATE_MS = 60_000;

let n = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`;

describe("npm run recurate's rebuild (local/operations/recurate.ts)", function () {
  this.timeout(60_000);
  let dir: string;
  let s3: LocalS3;
  let encoder: ParquetEncoder;

  async function writeLake(curatedBeers: (day: (typeof DAYS)[number]) => string[]) {
    await s3.client.send(new CreateBucketCommand({ Bucket: BUCKET }));
    for (const day of DAYS) {
      const arrival = new Date(day.arrival);
      const writtenAt = new Date(arrival.getTime() + WRITTEN_LATE_MS);
      const raw = objectKey({
        prefix: renderPrefix(PREFIXES.raw, { arrival }),
        deliveryStream: "p-delivery",
        version: 1,
        writtenAt,
        uuid: uuid(),
        extension: ".gz",
      });
      await putObject(s3.client, BUCKET, raw, gzipSync(day.beers.join("")));
      const curated = objectKey({
        prefix: renderPrefix(PREFIXES.curated, { arrival }),
        deliveryStream: "p-curated",
        version: 1,
        writtenAt,
        uuid: uuid(),
        extension: ".parquet",
      });
      const { body } = await encoder.convert(curatedBeers(day).map((b) => Buffer.from(b)));
      if (body) await putObject(s3.client, BUCKET, curated, body);
    }
    fs.writeFileSync(
      path.join(dir, "summary.json"),
      JSON.stringify({
        lake: { directory: "lake", bucket: BUCKET, project: "p", prefixes: PREFIXES, objects: [] },
      }),
    );
  }

  async function query(sql: string, schema?: LakeSchema) {
    const { connection } = await openLake(dir, schema);
    try {
      return (await connection.runAndReadAll(sql)).getRowObjectsJson();
    } finally {
      connection.closeSync();
    }
  }

  const rebuild = (from: string, to: string, columns = CURATED_COLUMNS) => {
    const e = new ParquetEncoder(columns);
    return recurate({
      s3: s3.client,
      bucket: BUCKET,
      lake: lakeModel(
        {
          project: "p",
          rawPrefix: PREFIXES.raw,
          curatedPrefix: PREFIXES.curated,
          errorPrefix: PREFIXES.errors,
        },
        { ...LAKE_SCHEMA, curated: columns },
      ),
      curatedStream: "p-curated",
      from,
      to,
      encoder: e,
    }).finally(() => e.close());
  };

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "punkapi-recurate-"));
    s3 = await startS3rver(path.join(dir, "lake"), "us-east-1");
    encoder = new ParquetEncoder(CURATED_COLUMNS);
  });
  afterEach(async () => {
    encoder.close();
    await s3.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const perDay = "SELECT dt, count(*) AS n FROM %T GROUP BY dt ORDER BY dt";

  it("rebuilds a range with the raw zone's rows, leaves the other days, keeps beers_latest, and a second run changes nothing", async () => {
    // A curated zone that lost rows: the first day holds one of its two, the second none of its two.
    const kept: Record<string, number> = { "2026-11-01": 1, "2026-11-02": 0, "2026-11-03": 1 };
    await writeLake((day) => day.beers.slice(0, kept[day.arrival.slice(0, 10)]));
    expect(await query(perDay.replace("%T", "beers_curated"))).to.deep.equal([
      { dt: "2026-11-01", n: "1" },
      { dt: "2026-11-03", n: "1" },
    ]);
    const untouched = (await listKeys(s3.client, BUCKET, "curated/")).filter((k) =>
      k.includes("dt=2026-11-03"),
    );

    const report = await rebuild("2026-11-01", "2026-11-02");
    expect(report).to.deep.include({
      days: ["2026-11-01", "2026-11-02"],
      rawObjects: 2,
      rawRecords: 4,
      curatedObjects: 2,
      rowsRebuilt: 4,
      refused: [],
      replacedObjects: 1,
    });
    expect(await query(perDay.replace("%T", "beers_curated"))).to.deep.equal([
      { dt: "2026-11-01", n: "2" },
      { dt: "2026-11-02", n: "2" },
      { dt: "2026-11-03", n: "1" },
    ]);
    expect(await query(perDay.replace("%T", "beers_raw"))).to.deep.equal([
      { dt: "2026-11-01", n: "2" },
      { dt: "2026-11-02", n: "2" },
      { dt: "2026-11-03", n: "1" },
    ]);
    expect(
      (await listKeys(s3.client, BUCKET, "curated/")).filter((k) => k.includes("dt=2026-11-03")),
    ).to.deep.equal(untouched);

    const latest = await query("SELECT id, name, arrived_utc FROM beers_latest ORDER BY id");
    expect(latest).to.deep.equal([
      { id: 1, name: "Buzz", arrived_utc: "2026-11-03-00-00-30" },
      { id: 2, name: "Trashy Blonde", arrived_utc: "2026-11-01-10-01-00" },
      { id: 3, name: "Berliner Weisse", arrived_utc: "2026-11-03-00-00-30" },
      { id: 4, name: "Pilsen Lager", arrived_utc: "2026-11-03-08-01-00" },
    ]);
    const keys = await listKeys(s3.client, BUCKET, "curated/");
    const again = await rebuild("2026-11-01", "2026-11-02");
    expect(again).to.deep.include({ rowsRebuilt: 4, replacedObjects: 0 });
    expect(await listKeys(s3.client, BUCKET, "curated/")).to.deep.equal(keys);
    expect(await query("SELECT id, name, arrived_utc FROM beers_latest ORDER BY id")).to.deep.equal(latest);
  });

  it("leaves beers_latest as it was when nothing changed", async () => {
    await writeLake((day) => day.beers);
    const sql = "SELECT id, name, arrived_utc FROM beers_latest ORDER BY id";
    const before = await query(sql);
    expect(before).to.have.length(4);
    const report = await rebuild("2026-11-01", "2026-11-03");
    expect(report).to.deep.include({ rowsRebuilt: 5, replacedObjects: 3 });
    expect(await query(sql)).to.deep.equal(before);
  });

  it("after the schema gains a field, re-curating makes it queryable for past days", async () => {
    await writeLake((day) => day.beers);
    const extended: LakeSchema = {
      raw: [...RAW_COLUMNS, { name: "country", type: "string" }],
      curated: [...CURATED_COLUMNS, { name: "country", type: "string" }],
    };
    // Before: the raw zone kept the field's bytes; the curated objects have no such column (NULL, as in Athena).
    expect(
      await query("SELECT count(*) AS n FROM beers_raw WHERE country = 'Scotland'", extended),
    ).to.deep.equal([{ n: "2" }]);
    expect(
      await query("SELECT count(*) AS rows, count(country) AS known FROM beers_curated", extended),
    ).to.deep.equal([{ rows: "5", known: "0" }]);

    const report = await rebuild("2026-11-01", "2026-11-03", extended.curated);
    expect(report.rowsRebuilt).to.equal(5);
    expect(await query("SELECT dt, id, country FROM beers_curated ORDER BY dt, id", extended)).to.deep.equal([
      { dt: "2026-11-01", id: 1, country: "Scotland" },
      { dt: "2026-11-01", id: 2, country: null },
      { dt: "2026-11-02", id: 1, country: "Scotland" },
      { dt: "2026-11-02", id: 3, country: null },
      { dt: "2026-11-03", id: 4, country: null },
    ]);
  });

  it("names every raw record the curated table cannot hold, and then writes and deletes nothing", async () => {
    await writeLake((day) => day.beers);
    const bad = beer(3000000000, "Too Big", 5);
    const arrival = new Date("2026-11-01T12:00:00Z");
    const named = (extension: string) =>
      objectKey({
        prefix: renderPrefix(PREFIXES.raw, { arrival }),
        deliveryStream: "p-delivery",
        version: 1,
        writtenAt: arrival,
        uuid: uuid(),
        extension,
      });
    const onlyBad = named("");
    const mixed = named("");
    await putObject(s3.client, BUCKET, onlyBad, bad);
    await putObject(s3.client, BUCKET, mixed, `${beer(9, "Nine", 9)}${bad}`);
    // Not an object Firehose named: no day of its own, left alone.
    await putObject(s3.client, BUCKET, "raw/beers/dt=2026-11-01/README.txt", "notes");
    const keys = await listKeys(s3.client, BUCKET, "curated/");
    const report = await rebuild("2026-11-01", "2026-11-01");
    expect(report).to.deep.include({
      rawObjects: 3,
      rawRecords: 5,
      curatedObjects: 0,
      rowsRebuilt: 0,
      replacedObjects: 0,
    });
    expect(report.refused.map((r) => r.key)).to.deep.equal([onlyBad, mixed]);
    expect(report.refused[0].reason).to.include("3000000000");
    // The curated zone as it was: the fixture's day, its rows and its objects.
    expect(await listKeys(s3.client, BUCKET, "curated/")).to.deep.equal(keys);
    expect(await query("SELECT id FROM beers_curated WHERE dt = '2026-11-01' ORDER BY id")).to.deep.equal([
      { id: 1 },
      { id: 2 },
    ]);
  });

  it("lists the days it rebuilt in order, whatever order S3 lists their folders in", async () => {
    await s3.client.send(new CreateBucketCommand({ Bucket: BUCKET }));
    // Unpadded days: S3 lists day=10 before day=9.
    const prefixes = { raw: "raw/day=!{timestamp:d}/", curated: "curated/day=!{timestamp:d}/" };
    for (const when of ["2026-11-09T10:00:00Z", "2026-11-10T10:00:00Z"]) {
      const arrival = new Date(when);
      const key = objectKey({
        prefix: renderPrefix(prefixes.raw, { arrival }),
        deliveryStream: "p-delivery",
        version: 1,
        writtenAt: arrival,
        uuid: uuid(),
        extension: "",
      });
      await putObject(s3.client, BUCKET, key, beer(1, "Buzz", 4.5));
    }
    const e = new ParquetEncoder(CURATED_COLUMNS);
    try {
      const report = await recurate({
        s3: s3.client,
        bucket: BUCKET,
        lake: lakeModel({
          project: "p",
          rawPrefix: prefixes.raw,
          curatedPrefix: prefixes.curated,
          errorPrefix: PREFIXES.errors,
        }),
        curatedStream: "p-curated",
        from: "2026-11-01",
        to: "2026-11-30",
        encoder: e,
      });
      expect(report.days).to.deep.equal(["2026-11-09", "2026-11-10"]);
    } finally {
      e.close();
    }
  });
});
