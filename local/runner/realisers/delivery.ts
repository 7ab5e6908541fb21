/**
 * A Firehose delivery stream: a loop that reads its Kinesis stream and writes buffered objects into its
 * bucket under its prefix, as its role (so IAM judges every read and write); a stream that converts
 * records writes Parquet with the columns of the Glue table it names, which it must be allowed to read.
 * Which zone of the lake it writes is the zone whose prefix it has.
 */
import { createKinesisClient } from "../../../handler/clients";
import { DeliveryLoop } from "../../stand-ins/firehose/delivery-loop";
import { ParquetEncoder } from "../../stand-ins/firehose/parquet";
import { localS3Client } from "../../stand-ins/services/s3";
import type { DeclaredResource } from "../../harness/run-program";
import type { RunContext } from "../context";
import type { Realiser } from "./realiser";

/** The columns Firehose converts with, read from Glue with its role; undefined when it may not. */
async function schemaColumns(firehose: DeclaredResource, ctx: RunContext, role: string) {
  const { databaseName, tableName } =
    firehose.inputs.extendedS3Configuration.dataFormatConversionConfiguration.schemaConfiguration;
  const table = ctx.declared
    .ofType("aws:glue/catalogTable:CatalogTable")
    .find((t) => t.inputs.databaseName === databaseName && t.inputs.name === tableName);
  if (!table)
    throw new Error(
      `${firehose.inputs.name} converts with ${databaseName}.${tableName}, which the program does not declare`,
    );
  for (const resource of ["catalog", `database/${databaseName}`, `table/${databaseName}/${tableName}`]) {
    const denied = await ctx.services.iam.authorize(role, "glue:GetTableVersions", ctx.arn("glue", resource));
    if (denied) {
      ctx.error(`${firehose.inputs.name}: cannot read the schema it converts with: AccessDenied: ${denied}`);
      return undefined;
    }
  }
  return table.inputs.storageDescriptor.columns;
}

export const deliveryStream: Realiser = async (firehose, ctx) => {
  const name = String(firehose.inputs.name);
  const { declared, services, lake } = ctx;
  const stream = declared.byArn(
    firehose.inputs.kinesisSourceConfiguration.kinesisStreamArn,
    "aws:kinesis/stream:Stream",
  );
  const s3 = firehose.inputs.extendedS3Configuration;
  const bucket = declared.byArn(s3.bucketArn, "aws:s3/bucket:Bucket");
  // Every zone's prefix is a folder (the configuration holds it to one), so a stream without one is no zone's.
  const zone = [lake.raw, lake.curated].find((z) => z.prefix === s3.prefix);
  if (!zone) throw new Error(`${name} writes under "${s3.prefix}", which is no zone of the lake`);
  // Firehose reads the stream, writes the bucket, reads the schema and logs with its role.
  const role = String(firehose.inputs.kinesisSourceConfiguration.roleArn);
  const credentials = services.iam.credentialsFor(role);
  services.s3.allow(credentials.accessKeyId, credentials.secretAccessKey);
  const logging = s3.cloudwatchLoggingOptions;
  if (logging?.enabled) {
    const logStream = ctx.arn(
      "logs",
      `log-group:${logging.logGroupName}:log-stream:${logging.logStreamName}`,
    );
    const denied = await services.iam.authorize(role, "logs:PutLogEvents", logStream);
    if (denied) ctx.error(`${name}: CloudWatch Logs would refuse its error logs: AccessDenied: ${denied}`);
  }
  let parquet: ParquetEncoder | undefined;
  if (s3.dataFormatConversionConfiguration?.enabled) {
    const columns = await schemaColumns(firehose, ctx, role);
    if (!columns) return;
    parquet = new ParquetEncoder(columns);
    ctx.encoders.push(parquet);
  }
  const loop = new DeliveryLoop({
    kinesis: createKinesisClient({
      region: ctx.env.region,
      kinesisEndpoint: services.kinesisEndpoint,
      credentials,
    }),
    s3: localS3Client(services.s3Endpoint, ctx.env.region, credentials),
    deliveryStreamName: name,
    streamName: stream.inputs.name,
    bucket: bucket.inputs.bucket,
    prefix: zone.prefix,
    bufferingSizeMb: s3.bufferingSize ?? 5,
    bufferingIntervalMs: ((s3.bufferingInterval ?? 300) * 1000) / ctx.options.speed,
    compression: s3.compressionFormat ?? "UNCOMPRESSED",
    parquet,
    onObject: (object) => ctx.emit({ kind: "object", object }),
    onError: (error) => ctx.error(`${name}: ${error.name}: ${error.message}`),
    timers: ctx.timers,
  });
  ctx.deliveries.push({ name, zone, bucket: String(bucket.inputs.bucket), loop });
};
