/**
 * The local lake read on its own, over a lake written here by hand (as s3rver stores objects:
 * `<bucket>/<key>._S3rver_object`): the zones' folders and partition patterns, the objects and their lines,
 * the DuckDB views `npm run query` reads (columns, partitions from the path, "$path", beers_latest), a
 * damaged object named and left out, and the printed table. Expected values are written out here.
 */
import { expect } from "chai";
import fs from "fs";
import os from "os";
import path from "path";
import { gzipSync } from "zlib";
import { modelOf, partitionPattern, zoneDirectory, zoneFiles } from "../../local/stand-ins/lake/layout";
import { defaultQueries, formatTable } from "../../local/stand-ins/lake/queries";
import { readLake } from "../../local/stand-ins/lake/read-lake";
import { openLake } from "../../local/stand-ins/lake/views";
import { ParquetEncoder } from "../../local/stand-ins/firehose/parquet";

const BUCKET = "punkapi-consumer-test-lake-123456789012";
const DEFAULT_PREFIXES = {
  raw: "raw/beers/dt=!{timestamp:yyyy-MM-dd}/",
  curated: "curated/beers/dt=!{timestamp:yyyy-MM-dd}/",
  errors: "errors/!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/",
};
const HIVE = "landing/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/";

const beer = (id: number, name: string, abv: number | null, ibu: number | null) =>
  JSON.stringify({ id, name, tagline: "t", first_brewed: "2010", abv, ibu, extra: { x: 1 } });

describe("the local lake, read", function () {
  this.timeout(30_000);
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  function lakeDir(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "punkapi-lake-read-"));
    dirs.push(dir);
    return dir;
  }
  function put(dir: string, key: string, body: Buffer | string) {
    const file = path.join(dir, BUCKET, ...key.split("/"));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(`${file}._S3rver_object`, body);
  }

  describe("layout", () => {
    const lake = {
      directory: "/lake",
      bucket: BUCKET,
      project: "punkapi-consumer",
      prefixes: DEFAULT_PREFIXES,
    };

    it("puts each zone's objects under its folder in the bucket", () => {
      const model = modelOf(lake);
      expect(zoneDirectory(lake, model.raw)).to.equal(`/lake/${BUCKET}/raw/beers`);
      expect(zoneDirectory(lake, model.curated)).to.equal(`/lake/${BUCKET}/curated/beers`);
      expect(zoneFiles(lake, model.raw)).to.equal(`/lake/${BUCKET}/raw/beers/**/*._S3rver_object`);
    });

    it("reads a partition's value from an object's path with one group per key, digits as the pattern writes them", () => {
      const dt = new RegExp(partitionPattern(modelOf(lake).raw));
      expect(dt.source).to.equal("\\/raw\\/beers\\/dt=(\\d{4}-\\d{2}-\\d{2})\\/[^/]*$");
      expect(dt.exec(`/l/${BUCKET}/raw/beers/dt=2026-12-05/x-1._S3rver_object`)?.[1]).to.equal("2026-12-05");
      expect(dt.test(`/l/raw/beers/dt=2026-12-5/x`)).to.equal(false);
      expect(dt.test(`/l/raw/beers/dt=2026-12-05/sub/x`)).to.equal(false);
      const hive = new RegExp(
        partitionPattern(modelOf({ ...lake, prefixes: { ...DEFAULT_PREFIXES, raw: HIVE } }).raw),
      );
      expect(hive.exec("/l/landing/year=2026/month=12/day=05/o")?.slice(1)).to.deep.equal([
        "2026",
        "12",
        "05",
      ]);
      // Characters special to a regular expression in a prefix are literal.
      const dotted = modelOf({
        ...lake,
        prefixes: { ...DEFAULT_PREFIXES, raw: "raw.v1/dt=!{timestamp:yyyy-MM-dd}/" },
      });
      expect(new RegExp(partitionPattern(dotted.raw)).test("/raw.v1/dt=2026-12-05/o")).to.equal(true);
      expect(new RegExp(partitionPattern(dotted.raw)).test("/rawxv1/dt=2026-12-05/o")).to.equal(false);
    });
  });

  describe("objects on disk", () => {
    it("reads every object under a prefix, oldest key first, gzip or not, without empty lines", () => {
      const dir = lakeDir();
      put(
        dir,
        "raw/beers/dt=2026-12-05/b-2.gz",
        gzipSync(`${beer(2, "B", 5, 30)}\n${beer(3, "C", 6, 40)}\n`),
      );
      put(dir, "raw/beers/dt=2026-12-04/a-1.gz", gzipSync(`${beer(1, "A", 4, 20)}\n`));
      put(dir, "errors/x/plain", "one\n\ntwo");
      fs.writeFileSync(path.join(dir, BUCKET, "raw", "beers", "not-an-object.json"), "{}");
      const raw = readLake(dir, BUCKET, "raw/");
      expect(raw.map((o) => [o.key, o.lines.length])).to.deep.equal([
        ["raw/beers/dt=2026-12-04/a-1.gz", 1],
        ["raw/beers/dt=2026-12-05/b-2.gz", 2],
      ]);
      expect(raw[0]).to.deep.include({ bucket: BUCKET, lines: [beer(1, "A", 4, 20)] });
      expect(raw[0].file).to.equal(path.join(dir, BUCKET, "raw/beers/dt=2026-12-04/a-1.gz._S3rver_object"));
      expect(readLake(dir, BUCKET).map((o) => o.key)).to.have.length(3);
      expect(readLake(dir, BUCKET, "errors/")[0].lines).to.deep.equal(["one", "two"]);
      expect(readLake(dir, "no-such-bucket")).to.deep.equal([]);
    });
  });

  describe("views", () => {
    async function run(prefixes = DEFAULT_PREFIXES, extra?: (dir: string) => void) {
      const folder = lakeDir();
      const lake = path.join(folder, "lake");
      const model = modelOf({ directory: lake, bucket: BUCKET, project: "punkapi-consumer", prefixes });
      const rawRoot = model.raw.layout.root;
      put(
        lake,
        `${rawRoot}${prefixes === DEFAULT_PREFIXES ? "dt=2026-12-04" : "year=2026/month=12/day=04"}/r-1.gz`,
        gzipSync(`${beer(1, "A", 4, 20)}\n${beer(2, "B", 9.5, null)}\n`),
      );
      put(
        lake,
        `${rawRoot}${prefixes === DEFAULT_PREFIXES ? "dt=2026-12-05" : "year=2026/month=12/day=05"}/r-2.gz`,
        gzipSync(`${beer(1, "A", 4, 20)}\n`),
      );
      const encoder = new ParquetEncoder(model.curated.table.columns);
      try {
        const curatedRoot = model.curated.layout.root;
        put(
          lake,
          `${curatedRoot}dt=2026-12-04/c-1.parquet`,
          await encoder.encode(Buffer.from(`${beer(1, "A", 4, 20)}\n${beer(2, "B", 9.5, null)}\n`)),
        );
        // The later copy of beer 1 says otherwise: beers_latest must keep it.
        put(
          lake,
          `${curatedRoot}dt=2026-12-05/c-2.parquet`,
          await encoder.encode(Buffer.from(`${beer(1, "A2", 4.5, 21)}\n`)),
        );
      } finally {
        encoder.close();
      }
      extra?.(lake);
      fs.writeFileSync(
        path.join(folder, "summary.json"),
        JSON.stringify({
          lake: { directory: "lake", bucket: BUCKET, project: "punkapi-consumer", prefixes },
        }),
      );
      return { folder, ...(await openLake(folder)) };
    }

    const rows = async (c: Awaited<ReturnType<typeof openLake>>["connection"], sql: string) =>
      (await c.runAndReadAll(sql)).getRowObjectsJson();

    it("makes beers_raw, beers_curated and beers_latest from a run's summary, partitions read from the path", async () => {
      const { connection, lake, bad } = await run();
      expect(bad).to.deep.equal([]);
      expect(lake.directory).to.match(/lake$/);
      expect(path.isAbsolute(lake.directory)).to.equal(true);
      expect(
        await rows(connection, `SELECT id, name, abv, ibu, dt FROM beers_raw ORDER BY dt, id`),
      ).to.deep.equal([
        { id: 1, name: "A", abv: 4, ibu: 20, dt: "2026-12-04" },
        { id: 2, name: "B", abv: 9.5, ibu: null, dt: "2026-12-04" },
        { id: 1, name: "A", abv: 4, ibu: 20, dt: "2026-12-05" },
      ]);
      expect(
        await rows(
          connection,
          `SELECT count(*)::INT AS n, count(DISTINCT dt)::INT AS days FROM beers_curated`,
        ),
      ).to.deep.equal([{ n: 3, days: 2 }]);
      const withPath = await rows(
        connection,
        `SELECT "$path" AS p FROM "beers_curated$path" WHERE name = 'A2'`,
      );
      expect(String(withPath[0].p)).to.match(
        /\/curated\/beers\/dt=2026-12-05\/c-2\.parquet\._S3rver_object$/,
      );
      // The table as Athena has it carries no "$path" column.
      const columns = await rows(connection, `SELECT column_name FROM (DESCRIBE beers_curated)`);
      expect(columns.map((c) => c.column_name)).to.not.include("$path");
      expect(await rows(connection, `SELECT id, name, abv FROM beers_latest ORDER BY id`)).to.deep.equal([
        { id: 1, name: "A2", abv: 4.5 },
        { id: 2, name: "B", abv: 9.5 },
      ]);
    });

    it("reads Hive-style year/month/day folders as three partition columns", async () => {
      const { connection } = await run({ ...DEFAULT_PREFIXES, raw: HIVE });
      expect(
        await rows(connection, `SELECT DISTINCT year, month, day FROM beers_raw ORDER BY day`),
      ).to.deep.equal([
        { year: "2026", month: "12", day: "04" },
        { year: "2026", month: "12", day: "05" },
      ]);
    });

    it("names a damaged object and leaves it out; an empty curated zone is a view with no rows", async () => {
      const { connection, bad } = await run(DEFAULT_PREFIXES, (lake) => {
        put(lake, "raw/beers/dt=2026-12-06/broken.gz", "this is not gzip");
        fs.rmSync(path.join(lake, BUCKET, "curated"), { recursive: true });
      });
      expect(bad).to.have.length(1);
      expect(bad[0].file).to.match(/raw\/beers\/dt=2026-12-06\/broken\.gz\._S3rver_object$/);
      expect(bad[0].reason).to.be.a("string").and.not.equal("");
      expect(bad[0].reason).to.not.contain("\n");
      expect(await rows(connection, `SELECT count(*)::INT AS n FROM beers_raw`)).to.deep.equal([{ n: 3 }]);
      expect(await rows(connection, `SELECT count(*)::INT AS n FROM beers_curated`)).to.deep.equal([
        { n: 0 },
      ]);
      const columns = await rows(connection, `SELECT column_name FROM (DESCRIBE beers_curated)`);
      expect(columns.map((c) => c.column_name)).to.include.members(["id", "name", "abv", "dt"]);
    });

    it("refuses with 'no lake yet' a folder with no summary, or whose raw zone is empty", async () => {
      const empty = lakeDir();
      let error = await openLake(empty).catch((e: Error) => e);
      expect(error).to.be.instanceOf(Error);
      expect((error as Error).name).to.equal("Refusal");
      expect((error as Error).message).to.equal(
        `no lake yet: ${path.join(empty, "summary.json")} does not exist. Run \`npm start\` first.`,
      );
      fs.writeFileSync(
        path.join(empty, "summary.json"),
        JSON.stringify({
          lake: {
            directory: "lake",
            bucket: BUCKET,
            project: "punkapi-consumer",
            prefixes: DEFAULT_PREFIXES,
          },
        }),
      );
      error = await openLake(empty).catch((e: Error) => e);
      expect((error as Error).message).to.equal(
        `no lake yet: the run in ${empty} left no object in its raw zone.`,
      );
    });
  });

  describe("what npm run query asks and prints", () => {
    it("asks when by the one partition key, or by every key joined with slashes", () => {
      expect(defaultQueries(["dt"])[0].sql).to.equal(
        `SELECT count(*) AS records, count(DISTINCT id) AS distinct_beers, min("dt") AS first_partition, max("dt") AS last_partition FROM beers_raw`,
      );
      expect(defaultQueries(["year", "month"])[0].sql).to.contain(
        `min(concat_ws('/', "year", "month")) AS first_partition`,
      );
      expect(defaultQueries(["dt"]).map((q) => q.title)).to.deep.equal([
        "Beers ingested",
        "Strongest (beers_latest: one row per beer)",
        "Most bitter (beers_latest)",
        "IBU distribution (beers_latest)",
      ]);
    });

    it("prints rows as aligned columns: numbers to two decimals, nulls blank, objects as JSON, long cells cut", () => {
      expect(formatTable([])).to.equal("(no rows)");
      expect(
        formatTable([
          { id: 1, name: "Buzz", abv: 4.5, ibu: null, x: { a: 1 } },
          { id: 22, name: "x".repeat(60), abv: 7.123, ibu: 100, x: undefined },
        ]),
      ).to.equal(
        [
          "id  name                                              abv   ibu  x",
          "--  ------------------------------------------------  ----  ---  -------",
          '1   Buzz                                              4.5        {"a":1}',
          `22  ${"x".repeat(47)}…  7.12  100`,
        ].join("\n"),
      );
    });
  });
});
