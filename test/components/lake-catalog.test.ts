/**
 * LakeCatalog on its own: a table per data zone over the bucket it is given, each partitioned as its
 * prefix lays out the folders. For every prefix shape, the table's projection and location template must
 * list exactly the folder Firehose writes for a given day (as Firehose evaluates the prefix), so Athena
 * finds the objects; an enforced Athena workgroup with its own hardened results bucket.
 */
import { expect } from "chai";
import fs from "fs";
import path from "path";
import { LakeCatalog } from "../../components/catalog/lake-catalog";
import { lakeModel } from "../../model/lake";
import { DuckDBInstance } from "@duckdb/node-api";
import { CURATED_COLUMNS, duckdbType, RAW_COLUMNS } from "../../schema/beer-schema";
import { renderPrefix } from "../../local/stand-ins/firehose/render-prefix";
import { formatTimestamp } from "../../config/timestamp-format";
import { CONFIG_SPEC } from "../../config/spec";
import type { ProgramRun } from "../../local/harness/run-program";
import { one, parentType, runComponent } from "../helpers/program";

const BUCKET = "lake-bucket";
const DEFAULTS = {
  project: "punkapi-consumer",
  rawPrefix: String(CONFIG_SPEC.rawPrefix.default),
  curatedPrefix: String(CONFIG_SPEC.curatedPrefix.default),
  errorPrefix: String(CONFIG_SPEC.errorPrefix.default),
};

function catalog(prefixes: Partial<typeof DEFAULTS> = {}, protect = false): Promise<ProgramRun> {
  return runComponent(() => {
    const c = new LakeCatalog("cat", {
      namePrefix: "pc-t",
      stack: "t",
      accountId: "111122223333",
      bucket: { bucket: BUCKET },
      lake: lakeModel({ ...DEFAULTS, ...prefixes }),
      resultsExpirationDays: 9,
      bytesScannedCutoffMb: 100,
      protect,
    });
    return { database: c.database.name };
  });
}

/**
 * Whether Athena, projecting this table's partitions, lists the folder: the template matched against the
 * folder, each key's value in its projection's domain (a date projection: that day formatted with the
 * table's own format; an integer one: a number of its range, zero-padded to its digits).
 */
interface GlueTable {
  partitionKeys: { name: string }[];
  parameters: Record<string, string>;
}

function projectedFolder(table: GlueTable, folder: string, day: Date): string[] {
  const p = table.parameters;
  const template = p["storage.location.template"];
  const keys: string[] = [];
  const pattern = template
    .split(/(\$\{[a-z_0-9]+\})/)
    .map((part) => {
      const key = /^\$\{(.+)\}$/.exec(part)?.[1];
      if (!key) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      keys.push(key);
      return "(.+?)";
    })
    .join("");
  const match = new RegExp(`^${pattern}$`).exec(folder);
  if (!match) return [`template ${template} does not match ${folder}`];
  const problems: string[] = [];
  keys.forEach((key, i) => {
    const value = match[i + 1];
    const type = p[`projection.${key}.type`];
    if (type === "date") {
      const [from] = p[`projection.${key}.range`].split(",");
      const expected = formatTimestamp(p[`projection.${key}.format`], day);
      if (value !== expected) problems.push(`${key}=${value}, the projection lists ${expected} for that day`);
      if (from > expected) problems.push(`${key}: ${expected} is before the range ${from}`);
    } else if (type === "integer") {
      const [min, max] = p[`projection.${key}.range`].split(",").map(Number);
      const digits = Number(p[`projection.${key}.digits`] ?? 1);
      const n = Number(value);
      if (!(n >= min && n <= max && String(n).padStart(digits, "0") === value))
        problems.push(`${key}=${value} is not among ${min}..${max} with ${digits} digits`);
    } else problems.push(`${key} has no projection`);
  });
  if (
    !table.partitionKeys.every((k: { name: string }, i: number) => k.name === keys[i]) ||
    table.partitionKeys.length !== keys.length
  )
    problems.push(`partition keys ${JSON.stringify(table.partitionKeys)} are not the template's ${keys}`);
  return problems;
}

describe("LakeCatalog", function () {
  this.timeout(20_000);

  it("declares a JSON raw table and a Parquet curated table over the bucket's zones, and a database", async () => {
    const run = await catalog();
    expect(one(run, "aws:glue/catalogDatabase:CatalogDatabase").inputs.name).to.equal("pc_t");
    const raw = one(run, "aws:glue/catalogTable:CatalogTable", "-raw").inputs;
    const curated = one(run, "aws:glue/catalogTable:CatalogTable", "-curated").inputs;
    expect([raw.name, raw.databaseName, curated.name, curated.databaseName]).to.deep.equal([
      "beers_raw",
      "pc_t",
      "beers_curated",
      "pc_t",
    ]);
    expect(raw.storageDescriptor.location).to.equal(`s3://${BUCKET}/raw/beers/`);
    expect(raw.storageDescriptor.serDeInfo.serializationLibrary).to.equal(
      "org.openx.data.jsonserde.JsonSerDe",
    );
    expect(raw.parameters).to.include({ classification: "json", compressionType: "gzip" });
    expect(curated.storageDescriptor.location).to.equal(`s3://${BUCKET}/curated/beers/`);
    expect(curated.storageDescriptor.serDeInfo.serializationLibrary).to.equal(
      "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
    );
    const names = (t: typeof raw) => t.storageDescriptor.columns.map((c: { name: string }) => c.name);
    expect(names(raw)).to.deep.equal(RAW_COLUMNS.map((c) => c.name));
    expect(names(curated)).to.deep.equal(CURATED_COLUMNS.map((c) => c.name));
    for (const t of [raw, curated]) {
      expect(t.partitionKeys).to.deep.equal([
        { name: "dt", type: "string", comment: "ingestion date (UTC), yyyy-MM-dd" },
      ]);
      expect(t.parameters).to.deep.include({
        "projection.enabled": "true",
        "projection.dt.type": "date",
        "projection.dt.format": "yyyy-MM-dd",
        "projection.dt.range": "2024-01-01,NOW",
        "storage.location.template": `${t.storageDescriptor.location}dt=\${dt}/`,
      });
    }
  });

  it("reads the raw zone as gzip JSON lines (OpenX SerDe) and the curated zone as Parquet, both external tables", async () => {
    const run = await catalog();
    expect(one(run, "aws:glue/catalogDatabase:CatalogDatabase").inputs).to.deep.equal({
      name: "pc_t",
      description: "Beers ingested from the Punk API by punkapi-consumer",
    });
    const raw = one(run, "aws:glue/catalogTable:CatalogTable", "-raw").inputs;
    const curated = one(run, "aws:glue/catalogTable:CatalogTable", "-curated").inputs;
    expect(raw).to.deep.include({
      description: "Every beer as the Punk API sent it (gzip NDJSON), v2 or v3 contract",
      tableType: "EXTERNAL_TABLE",
    });
    const { columns: rawColumns, ...rawStorage } = raw.storageDescriptor;
    expect(rawStorage).to.deep.equal({
      location: `s3://${BUCKET}/raw/beers/`,
      inputFormat: "org.apache.hadoop.mapred.TextInputFormat",
      outputFormat: "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
      serDeInfo: {
        serializationLibrary: "org.openx.data.jsonserde.JsonSerDe",
        parameters: { "case.insensitive": "true" },
      },
    });
    expect(rawColumns.slice(0, 4)).to.deep.equal([
      { name: "id", type: "int" },
      { name: "name", type: "string" },
      { name: "tagline", type: "string" },
      { name: "first_brewed", type: "string", comment: "MM/YYYY or YYYY" },
    ]);
    expect(curated).to.deep.include({
      description:
        "One row per ingested beer record, the analytical columns, Parquet (Firehose converts with this schema)",
      tableType: "EXTERNAL_TABLE",
    });
    expect(curated.parameters.classification).to.equal("parquet");
    expect(curated.parameters).to.not.have.property("compressionType");
    const { columns: curatedColumns, ...curatedStorage } = curated.storageDescriptor;
    expect(curatedStorage).to.deep.equal({
      location: `s3://${BUCKET}/curated/beers/`,
      inputFormat: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
      outputFormat: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
      serDeInfo: { serializationLibrary: "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe" },
    });
    // Each column as the schema declares it: name, type and, where there is one, its comment.
    expect(curatedColumns).to.deep.equal(CURATED_COLUMNS);
  });

  it("holds its database, tables, view, quality ruleset, workgroup and results bucket as its children, and registers the database and workgroup", async () => {
    const run = await catalog();
    const component = one(run, "punkapi:catalog:LakeCatalog");
    const children = run.resources.filter((r) => r.parent === component.urn);
    expect(children.map((r) => `${r.type} ${r.name}`).sort()).to.deep.equal([
      "aws:athena/workgroup:Workgroup cat-athena",
      "aws:glue/catalogDatabase:CatalogDatabase cat-db",
      "aws:glue/catalogTable:CatalogTable cat-curated",
      "aws:glue/catalogTable:CatalogTable cat-latest",
      "aws:glue/catalogTable:CatalogTable cat-raw",
      "aws:glue/dataQualityRuleset:DataQualityRuleset cat-curated-quality",
      "aws:s3/bucket:Bucket cat-results",
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration cat-results",
      "aws:s3/bucketOwnershipControls:BucketOwnershipControls cat-results",
      "aws:s3/bucketPolicy:BucketPolicy cat-results",
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock cat-results",
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration cat-results",
      "aws:s3/bucketVersioning:BucketVersioning cat-results",
    ]);
    for (const child of children) expect(parentType(run, child)).to.equal("punkapi:catalog:LakeCatalog");
    expect(component.registeredOutputs).to.deep.equal({ database: "pc_t", workgroup: "pc-t" });
  });

  it("declares beers_latest as an Athena view over the curated table, whose SQL keeps each beer's latest copy", async () => {
    const run = await catalog();
    const view = one(run, "aws:glue/catalogTable:CatalogTable", "-latest");
    expect(view.inputs).to.deep.include({
      description: "One row per beer id: its most recent version in the curated table",
      name: "beers_latest",
      databaseName: "pc_t",
      tableType: "VIRTUAL_VIEW",
      viewExpandedText: "/* Presto View */",
    });
    expect(view.dependsOn).to.include(one(run, "aws:glue/catalogTable:CatalogTable", "-curated").urn);
    const encoded = /^\/\* Presto View: ([A-Za-z0-9+/=]+) \*\/$/.exec(view.inputs.viewOriginalText)![1];
    const definition = JSON.parse(Buffer.from(encoded, "base64").toString("utf8"));
    expect(definition).to.deep.include({ catalog: "awsdatacatalog", schema: "pc_t" });
    expect(definition.columns.map((c: { name: string }) => c.name)).to.deep.equal(
      view.inputs.storageDescriptor.columns.map((c: { name: string }) => c.name),
    );
    expect(definition.columns.slice(0, 3)).to.deep.equal([
      { name: "id", type: "integer" },
      { name: "name", type: "varchar" },
      { name: "tagline", type: "varchar" },
    ]);
    // The SQL Athena is given, run over a curated table with Athena's "$path": two copies of beer 1 in
    // objects that arrived a minute apart, the later first; beer 2 twice in one object.
    const connection = await (await DuckDBInstance.create(":memory:")).connect();
    try {
      const cols = CURATED_COLUMNS.map((c) => `"${c.name}" ${duckdbType(c.type)}`).join(", ");
      await connection.run(`CREATE TABLE beers_curated (${cols}, "$path" VARCHAR)`);
      const object = (time: string) =>
        `s3://b/curated/beers/dt=2026-11-28/s-curated-1-2026-11-28-${time}-0123abcd-0000-4000-8000-000000000000.parquet`;
      const row = (id: number, name: string, time: string) =>
        `(${id}, '${name}', ${CURATED_COLUMNS.slice(2)
          .map(() => "NULL")
          .join(", ")}, '${object(time)}')`;
      await connection.run(
        `INSERT INTO beers_curated VALUES ${[row(1, "new", "05-18-00"), row(1, "old", "05-17-00"), row(2, "a", "05-17-00"), row(2, "a", "05-17-00")].join(", ")}`,
      );
      const rows = (
        await connection.runAndReadAll(`${definition.originalSql} ORDER BY id`)
      ).getRowObjectsJson();
      expect(rows.map((r) => [r.id, r.name, r.arrived_utc])).to.deep.equal([
        [1, "new", "2026-11-28-05-18-00"],
        [2, "a", "2026-11-28-05-17-00"],
      ]);
    } finally {
      connection.closeSync();
    }
  });

  const day = new Date(Date.UTC(2026, 10, 28, 5, 17));
  const shapes = [
    "raw/beers/dt=!{timestamp:yyyy-MM-dd}/",
    "raw/beers/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/",
    "raw/!{timestamp:yyyy/MM/dd}/",
    "raw/beers/",
    "landing/dt=!{timestamp:yyyy-MM-dd}/hour=!{timestamp:HH}/",
  ];
  for (const prefix of shapes) {
    it(`lists the folder Firehose writes for a day, for the prefix ${prefix}`, async () => {
      const run = await catalog({ rawPrefix: prefix });
      const table = one(run, "aws:glue/catalogTable:CatalogTable", "-raw").inputs;
      const folder = `s3://${BUCKET}/${renderPrefix(prefix, { arrival: day })}`;
      expect(folder.startsWith(table.storageDescriptor.location), folder).to.equal(true);
      expect(projectedFolder(table as GlueTable, folder, day)).to.deep.equal([]);
    });
  }

  it("the check itself fails on the template the old fixed `dt=` made for a year/month prefix", async () => {
    const prefix = "raw/beers/year=!{timestamp:yyyy}/month=!{timestamp:MM}/";
    const broken = {
      partitionKeys: [{ name: "dt" }],
      parameters: {
        "projection.dt.type": "date",
        "projection.dt.format": "yyyy-MM-dd",
        "projection.dt.range": "2024-01-01,NOW",
        "storage.location.template": `s3://${BUCKET}/raw/beers/year=dt=\${dt}/`,
      },
    };
    expect(
      projectedFolder(broken, `s3://${BUCKET}/${renderPrefix(prefix, { arrival: day })}`, day),
    ).to.not.deep.equal([]);
  });

  it("declares the repository's DQDL ruleset as the curated table's Glue Data Quality ruleset", async () => {
    const run = await catalog();
    const ruleset = one(run, "aws:glue/dataQualityRuleset:DataQualityRuleset");
    const curated = one(run, "aws:glue/catalogTable:CatalogTable", "-curated");
    // The file's text, read here by its own path, not through the module that deploys it.
    expect(ruleset.inputs.ruleset).to.equal(
      fs.readFileSync(path.join(__dirname, "..", "..", "quality", "beers.dqdl"), "utf8"),
    );
    expect(ruleset.inputs.name).to.equal("pc-t-curated-quality");
    expect(ruleset.inputs.targetTable).to.deep.equal({ databaseName: "pc_t", tableName: "beers_curated" });
    // The tag its creation is allowed by (the deploy role creates rulesets only tagged with its stack).
    expect(ruleset.inputs.tags).to.deep.equal({ "punkapi:stack": "t" });
    // Wired from the table's own outputs: the ruleset waits for the table it targets.
    expect(ruleset.dependsOn).to.include(curated.urn);
    expect(ruleset.state.arn).to.equal(
      "arn:aws:glue:us-east-1:123456789012:dataQualityRuleset/pc-t-curated-quality",
    );
  });

  it("runs Athena in an enforced workgroup, results encrypted in a hardened bucket of their own", async () => {
    const run = await catalog();
    const workgroup = one(run, "aws:athena/workgroup:Workgroup").inputs;
    expect(workgroup).to.deep.include({
      name: "pc-t",
      description: "Queries over the beer lake",
      forceDestroy: true,
    });
    expect(workgroup.configuration).to.deep.include({
      enforceWorkgroupConfiguration: true,
      publishCloudwatchMetricsEnabled: true,
      bytesScannedCutoffPerQuery: 100 * 1024 * 1024,
      engineVersion: { selectedEngineVersion: "Athena engine version 3" },
    });
    expect(workgroup.configuration.resultConfiguration).to.deep.equal({
      outputLocation: "s3://pc-t-lake-athena-111122223333/results/",
      encryptionConfiguration: { encryptionOption: "SSE_S3" },
    });
    expect(one(run, "aws:s3/bucket:Bucket").inputs).to.deep.include({
      bucket: "pc-t-lake-athena-111122223333",
      forceDestroy: true,
    });
    expect(
      one(run, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").inputs.restrictPublicBuckets,
    ).to.equal(true);
    expect(one(run, "aws:s3/bucketPolicy:BucketPolicy").inputs.policy).to.contain("aws:SecureTransport");
    const results = one(run, "aws:s3/bucket:Bucket");
    expect([results.protect, results.retainOnDelete]).to.deep.equal([false, false]);
    expect(
      one(run, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").inputs.rules,
    ).to.deep.equal([
      {
        id: "results",
        status: "Enabled",
        filter: { prefix: "" },
        expiration: { days: 9 },
        noncurrentVersionExpiration: { noncurrentDays: 1 },
        abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
      },
    ]);
    const kept = await catalog({}, true);
    expect(one(kept, "aws:athena/workgroup:Workgroup").inputs.forceDestroy).to.equal(false);
  });
});
