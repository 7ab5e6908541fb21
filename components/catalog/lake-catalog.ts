/**
 * LakeCatalog: what makes the lake queryable. A Glue database with a table per data zone (raw: the beers
 * as landed, JSON; curated: the analytical columns, Parquet, written by Firehose's record-format conversion
 * against this very table), each partitioned as its prefix lays the folders out, through partition
 * projection (../../model/lake.ts), so no crawler guesses types and no partition needs adding; a view of
 * each beer's latest version (`beers_latest`, ../../model/latest-view.ts); the curated table's Glue Data
 * Quality ruleset (../../quality/beers.dqdl, the rules `npm run query -- --quality` checks locally); and an
 * Athena workgroup that enforces its settings, encrypts results in a bucket of their own and limits the
 * data a query may scan.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import type { Column } from "../../schema/beer-schema";
import { DataZone, LakeZones, partitionColumns, projectionParameters, zoneLocation } from "../../model/lake";
import { athenaView } from "../../model/latest-view";
import { namesOf, STACK_TAG } from "../../model/names";
import { readRuleset } from "../../quality/ruleset";
import { wholeBucketRule } from "../storage/lifecycle";
import { secureBucket } from "../storage/secure-bucket";

export interface LakeCatalogArgs {
  /** The stack's name prefix: the database, the workgroup and the results bucket are named from it. */
  readonly namePrefix: string;
  /** The stack: the tag on the ruleset, whose creation the deploy role may make only with its own stack's. */
  readonly stack: string;
  /** The account, which the results bucket's (global) name carries. */
  readonly accountId: pulumi.Input<string>;
  /** The lake's bucket (LakeStorage): the tables read its zones. */
  readonly bucket: { bucket: pulumi.Input<string> };
  readonly lake: LakeZones;
  readonly resultsExpirationDays: number;
  readonly bytesScannedCutoffMb: pulumi.Input<number>;
  /** A protected stack's workgroup is not force-destroyed with its query history. */
  readonly protect: boolean;
}

const columns = (list: Column[]) => list.map((c) => ({ name: c.name, type: c.type, comment: c.comment }));

/** How Glue reads each format: JSON lines (gzip or not) with the OpenX SerDe, or Parquet. */
const FORMATS = {
  json: {
    classification: { classification: "json", compressionType: "gzip" },
    description: "Every beer as the Punk API sent it (gzip NDJSON), v2 or v3 contract",
    storage: {
      inputFormat: "org.apache.hadoop.mapred.TextInputFormat",
      outputFormat: "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
      serDeInfo: {
        serializationLibrary: "org.openx.data.jsonserde.JsonSerDe",
        parameters: { "case.insensitive": "true" },
      },
    },
  },
  parquet: {
    classification: { classification: "parquet" },
    description:
      "One row per ingested beer record, the analytical columns, Parquet (Firehose converts with this schema)",
    storage: {
      inputFormat: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
      outputFormat: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
      serDeInfo: { serializationLibrary: "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe" },
    },
  },
};

export class LakeCatalog extends pulumi.ComponentResource {
  readonly database: aws.glue.CatalogDatabase;
  readonly rawTable: aws.glue.CatalogTable;
  readonly curatedTable: aws.glue.CatalogTable;
  /** `beers_latest`: one row per beer id, its latest version (../../model/latest-view.ts). */
  readonly latestView: aws.glue.CatalogTable;
  /** The data-quality rules of the curated table, as Glue Data Quality runs them (../../quality/beers.dqdl). */
  readonly curatedQuality: aws.glue.DataQualityRuleset;
  readonly workgroup: aws.athena.Workgroup;

  constructor(name: string, args: LakeCatalogArgs, opts?: pulumi.ComponentResourceOptions) {
    super("punkapi:catalog:LakeCatalog", name, {}, opts);
    const parent = { parent: this };
    const names = namesOf(args.namePrefix);

    this.database = new aws.glue.CatalogDatabase(
      `${name}-db`,
      { name: names.glueDatabase, description: "Beers ingested from the Punk API by punkapi-consumer" },
      parent,
    );

    const table = (zone: DataZone) => {
      const format = FORMATS[zone.table.format];
      const bucket = pulumi.output(args.bucket.bucket);
      return new aws.glue.CatalogTable(
        `${name}-${zone.id}`,
        {
          name: zone.table.name,
          databaseName: this.database.name,
          description: format.description,
          tableType: "EXTERNAL_TABLE",
          partitionKeys: partitionColumns(zone),
          parameters: bucket.apply((b) => ({ ...format.classification, ...projectionParameters(b, zone) })),
          storageDescriptor: {
            location: bucket.apply((b) => zoneLocation(b, zone)),
            ...format.storage,
            columns: columns(zone.table.columns),
          },
        },
        parent,
      );
    };
    this.rawTable = table(args.lake.raw);
    this.curatedTable = table(args.lake.curated);

    const view = this.database.name.apply(athenaView);
    this.latestView = new aws.glue.CatalogTable(
      `${name}-latest`,
      {
        name: view.name,
        databaseName: this.database.name,
        description: "One row per beer id: its most recent version in the curated table",
        tableType: view.tableType,
        parameters: view.parameters,
        viewOriginalText: view.viewOriginalText,
        viewExpandedText: view.viewExpandedText,
        storageDescriptor: { columns: view.columns },
      },
      // Athena resolves the view's source when queried: the curated table must exist first.
      { parent: this, dependsOn: [this.curatedTable] },
    );

    // Parsed here as the local check parses it: a rule it could not evaluate, or a column the table lacks,
    // stops the program rather than deploying a rule never checked.
    const curated = args.lake.curated;
    const ruleset = readRuleset([...curated.table.columns, ...partitionColumns(curated)].map((c) => c.name));
    this.curatedQuality = new aws.glue.DataQualityRuleset(
      `${name}-curated-quality`,
      {
        name: names.curatedQualityRuleset,
        description: "Data-quality rules of the curated table (quality/beers.dqdl in punkapi-consumer)",
        ruleset: ruleset.text,
        targetTable: { databaseName: this.curatedTable.databaseName, tableName: this.curatedTable.name },
        tags: { [STACK_TAG]: args.stack },
      },
      parent,
    );

    const results = secureBucket(
      `${name}-results`,
      {
        bucketName: pulumi.output(args.accountId).apply(names.athenaResults),
        // Query results are disposable: never protected, always destroyable.
        forceDestroy: true,
        keep: false,
        lifecycleRules: [wholeBucketRule("results", 1, args.resultsExpirationDays)],
      },
      this,
    );

    this.workgroup = new aws.athena.Workgroup(
      `${name}-athena`,
      {
        name: names.athenaWorkgroup,
        description: "Queries over the beer lake",
        forceDestroy: !args.protect,
        configuration: {
          enforceWorkgroupConfiguration: true,
          publishCloudwatchMetricsEnabled: true,
          bytesScannedCutoffPerQuery: pulumi
            .output(args.bytesScannedCutoffMb)
            .apply((mb) => mb * 1024 * 1024),
          engineVersion: { selectedEngineVersion: "Athena engine version 3" },
          resultConfiguration: {
            outputLocation: pulumi.interpolate`s3://${results.id}/results/`,
            encryptionConfiguration: { encryptionOption: "SSE_S3" },
          },
        },
      },
      parent,
    );

    this.registerOutputs({ database: this.database.name, workgroup: this.workgroup.name });
  }
}
