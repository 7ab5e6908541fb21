/**
 * LakeCatalog: what makes the lake queryable. A Glue database with the raw table (the beers as landed,
 * JSON) and the curated table (the analytical columns, Parquet, written by Firehose's record-format
 * conversion against this very table), both partitioned by ingestion date through partition projection,
 * so no crawler guesses types and no partition needs adding; and an Athena workgroup that enforces its
 * settings, encrypts results in a bucket of their own and limits the data a query may scan.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import type { StackConfig } from "../../config/stack-config";
import { staticPart } from "../../config/firehose-prefix";
import type { StackNames } from "../naming";
import { secureBucket } from "../storage/secure-bucket";
import { Column, CURATED_COLUMNS, PARTITION, RAW_COLUMNS, TABLES } from "./beer-schema";

export interface LakeCatalogArgs {
  names: StackNames;
  config: StackConfig;
  lakeBucketName: pulumi.Input<string>;
  resultsBucketName: pulumi.Input<string>;
}

/** Partition projection on `dt` (Athena guide, "Partition projection"): dates from 2024 to now, by day. */
export function projectionParameters(location: string): Record<string, string> {
  return {
    "projection.enabled": "true",
    "projection.dt.type": "date",
    "projection.dt.format": "yyyy-MM-dd",
    "projection.dt.range": "2024-01-01,NOW",
    "projection.dt.interval": "1",
    "projection.dt.interval.unit": "DAYS",
    "storage.location.template": `${location}dt=\${dt}/`,
  };
}

const columns = (list: Column[]) => list.map((c) => ({ name: c.name, type: c.type, comment: c.comment }));

/** The location of a zone: the prefix's literal start, up to the `dt=` partition. */
export function zoneLocation(bucket: string, prefix: string): string {
  return `s3://${bucket}/${staticPart(prefix).replace(/dt=$/, "")}`;
}

export class LakeCatalog extends pulumi.ComponentResource {
  readonly database: aws.glue.CatalogDatabase;
  readonly rawTable: aws.glue.CatalogTable;
  readonly curatedTable: aws.glue.CatalogTable;
  readonly workgroup: aws.athena.Workgroup;

  constructor(name: string, args: LakeCatalogArgs, opts?: pulumi.ComponentResourceOptions) {
    super("punkapi:catalog:LakeCatalog", name, {}, opts);
    const { names, config } = args;
    const parent = { parent: this };

    this.database = new aws.glue.CatalogDatabase(
      `${name}-db`,
      { name: names.glueDatabase, description: "Beers ingested from the Punk API by punkapi-consumer" },
      parent,
    );

    const rawLocation = pulumi.output(args.lakeBucketName).apply((b) => zoneLocation(b, config.rawPrefix));
    this.rawTable = new aws.glue.CatalogTable(
      `${name}-raw`,
      {
        name: TABLES.raw,
        databaseName: this.database.name,
        description: "Every beer as the Punk API sent it (gzip NDJSON), v2 or v3 contract",
        tableType: "EXTERNAL_TABLE",
        partitionKeys: [{ name: PARTITION.name, type: PARTITION.type, comment: PARTITION.comment }],
        parameters: rawLocation.apply((l) => ({
          classification: "json",
          compressionType: "gzip",
          ...projectionParameters(l),
        })),
        storageDescriptor: {
          location: rawLocation,
          inputFormat: "org.apache.hadoop.mapred.TextInputFormat",
          outputFormat: "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
          serDeInfo: {
            serializationLibrary: "org.openx.data.jsonserde.JsonSerDe",
            parameters: { "case.insensitive": "true" },
          },
          columns: columns(RAW_COLUMNS),
        },
      },
      parent,
    );

    const curatedLocation = pulumi
      .output(args.lakeBucketName)
      .apply((b) => zoneLocation(b, config.curatedPrefix));
    this.curatedTable = new aws.glue.CatalogTable(
      `${name}-curated`,
      {
        name: TABLES.curated,
        databaseName: this.database.name,
        description:
          "One row per ingested beer record, the analytical columns, Parquet (Firehose converts with this schema)",
        tableType: "EXTERNAL_TABLE",
        partitionKeys: [{ name: PARTITION.name, type: PARTITION.type, comment: PARTITION.comment }],
        parameters: curatedLocation.apply((l) => ({ classification: "parquet", ...projectionParameters(l) })),
        storageDescriptor: {
          location: curatedLocation,
          inputFormat: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
          outputFormat: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
          serDeInfo: { serializationLibrary: "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe" },
          columns: columns(CURATED_COLUMNS),
        },
      },
      parent,
    );

    const results = secureBucket(
      `${name}-results`,
      {
        bucketName: args.resultsBucketName,
        // Query results are disposable: never protected, always destroyable.
        forceDestroy: true,
        keep: false,
        lifecycleRules: [
          {
            id: "results",
            status: "Enabled",
            filter: { prefix: "" },
            expiration: { days: config.athenaResultsExpirationDays },
            noncurrentVersionExpiration: { noncurrentDays: 1 },
            abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
          },
        ],
      },
      this,
    );

    this.workgroup = new aws.athena.Workgroup(
      `${name}-athena`,
      {
        name: names.athenaWorkgroup,
        description: "Queries over the beer lake",
        forceDestroy: !config.protect,
        configuration: {
          enforceWorkgroupConfiguration: true,
          publishCloudwatchMetricsEnabled: true,
          bytesScannedCutoffPerQuery: config.athenaBytesScannedCutoffMb * 1024 * 1024,
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
