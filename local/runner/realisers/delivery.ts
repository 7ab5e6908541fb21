/**
 * A Firehose delivery stream: a loop that reads its Kinesis stream and writes buffered objects into its
 * bucket under its prefix, as its role (so IAM judges every read and write); a stream that converts
 * records writes Parquet with the columns of the Glue table it names, which it must be allowed to read.
 * Which zone of the lake it writes is the zone whose prefix it has. It returns the loop, not started,
 * with its zone and encoder; nothing when its role may not read the schema (said in the run's errors).
 */
import { createKinesisClient } from "../../../handler/clients";
import { DeliveryLoop, DeliveryLoopOptions } from "../../stand-ins/firehose/delivery-loop";
import { ParquetEncoder } from "../../stand-ins/firehose/parquet";
import { localS3Client } from "../../stand-ins/services/s3";
import type { DeclaredResource } from "../../harness/run-program";
import type { ZoneDelivery } from "../realised";
import type { RunInputs } from "../run-inputs";
import type { RunSinks } from "../run-sinks";
import type { Realiser } from "./realiser";
import { glueCatalogTable } from "../../../resource-types/glue/catalog-table";
import { s3Bucket } from "../../../resource-types/s3/bucket";
import { kinesisStream } from "../../../resource-types/kinesis/stream";
import { cloudwatchLogStream } from "../../../resource-types/cloudwatch/log-stream";
import { glueCatalogArn, glueCatalogDatabase } from "../../../resource-types/glue/catalog-database";

/** The columns Firehose converts with, read from Glue with its role; undefined when it may not. */
async function schemaColumns(firehose: DeclaredResource, run: RunInputs, sinks: RunSinks, role: string) {
  const { databaseName, tableName } =
    firehose.inputs.extendedS3Configuration.dataFormatConversionConfiguration.schemaConfiguration;
  const table = run.declared
    .ofType(glueCatalogTable.token)
    .find((t) => t.inputs.databaseName === databaseName && t.inputs.name === tableName);
  if (!table)
    throw new Error(
      `${firehose.inputs.name} converts with ${databaseName}.${tableName}, which the program does not declare`,
    );
  const schema = [
    glueCatalogArn(run.env),
    glueCatalogDatabase.arn!(run.env, databaseName),
    glueCatalogTable.arn!(run.env, tableName, { databaseName }),
  ];
  for (const resource of schema) {
    const denied = await run.services.iam.authorize(role, "glue:GetTableVersions", resource);
    if (denied) {
      sinks.error(
        `${firehose.inputs.name}: cannot read the schema it converts with: AccessDenied: ${denied}`,
      );
      return undefined;
    }
  }
  return table.inputs.storageDescriptor.columns;
}

export const deliveryStream: Realiser<ZoneDelivery | undefined> = async (firehose, run, sinks) => {
  const name = String(firehose.inputs.name);
  const { declared, services, lake } = run;
  const stream = declared.byArn(
    firehose.inputs.kinesisSourceConfiguration.kinesisStreamArn,
    kinesisStream.token,
  );
  const s3 = firehose.inputs.extendedS3Configuration;
  const bucket = declared.byArn(s3.bucketArn, s3Bucket.token);
  // Every zone's prefix is a folder (the configuration holds it to one), so a stream without one is no zone's.
  const zone = [lake.raw, lake.curated].find((z) => z.prefix === s3.prefix);
  if (!zone) throw new Error(`${name} writes under "${s3.prefix}", which is no zone of the lake`);
  // Firehose reads the stream, writes the bucket, reads the schema and logs with its role.
  const role = String(firehose.inputs.kinesisSourceConfiguration.roleArn);
  const credentials = services.iam.credentialsFor(role);
  services.s3.allow(credentials.accessKeyId, credentials.secretAccessKey);
  const logging = s3.cloudwatchLoggingOptions;
  if (logging?.enabled) {
    const logStream = cloudwatchLogStream.arn!(run.env, logging.logStreamName, {
      logGroupName: logging.logGroupName,
    });
    const denied = await services.iam.authorize(role, "logs:PutLogEvents", logStream);
    if (denied) sinks.error(`${name}: CloudWatch Logs would refuse its error logs: AccessDenied: ${denied}`);
  }
  let parquet: ParquetEncoder | undefined;
  let errorOutput: DeliveryLoopOptions["errorOutput"];
  const conversion = s3.dataFormatConversionConfiguration;
  if (conversion?.enabled) {
    const columns = await schemaColumns(firehose, run, sinks, role);
    if (!columns) return undefined;
    parquet = new ParquetEncoder(columns);
    const { databaseName, tableName } = conversion.schemaConfiguration;
    errorOutput = s3.errorOutputPrefix
      ? {
          prefix: s3.errorOutputPrefix,
          table: {
            catalogId: run.env.accountId,
            databaseName,
            tableName,
            region: run.env.region,
            versionId: "0",
            catalogArn: glueCatalogArn(run.env),
          },
        }
      : undefined;
  }
  let loop: DeliveryLoop;
  try {
    loop = new DeliveryLoop({
      kinesis: createKinesisClient({
        region: run.env.region,
        kinesisEndpoint: services.kinesisEndpoint,
        credentials,
      }),
      s3: localS3Client(services.s3Endpoint, run.env.region, credentials),
      deliveryStreamName: name,
      streamName: stream.inputs.name,
      bucket: bucket.inputs.bucket,
      prefix: zone.prefix,
      bufferingSizeMb: s3.bufferingSize ?? 5,
      bufferingIntervalMs: ((s3.bufferingInterval ?? 300) * 1000) / run.options.speed,
      compression: s3.compressionFormat ?? "UNCOMPRESSED",
      parquet,
      errorOutput,
      onObject: (object) => sinks.emit({ kind: "object", object }),
      onError: (error) => sinks.error(`${name}: ${error.name}: ${error.message}`),
      timers: run.timers,
    });
  } catch (error) {
    // A compression it cannot write: the encoder is not returned, so it is this realiser's to close.
    parquet?.close();
    throw error;
  }
  return { name, zone, bucket: String(bucket.inputs.bucket), loop, encoder: parquet };
};
