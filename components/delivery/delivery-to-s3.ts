/**
 * DeliveryToS3: the two Firehose delivery streams that read the beer stream into the lake, with their
 * logs and a freshness alarm. The raw stream writes the records as landed (gzip NDJSON) under the raw
 * zone's prefix; the curated stream converts them to Parquet with the curated table's schema (LakeCatalog)
 * under the curated zone's prefix. Both write failed records under the error prefix.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import type { LakeModel, LakeZones } from "../../model/lake";
import { topicAlarm } from "../alerting/topic-alarm";
import { namesOf } from "../../model/names";
import type { Compression } from "../../config/spec";

type Arn = { arn: pulumi.Input<string> };

export interface DeliveryToS3Args {
  /**
   * The stack's name prefix (`<project>-<stack>`): the delivery streams, their log group and log streams
   * are named from it (model/names.ts, where SecurityRoles reads the log streams' names too).
   */
  readonly namePrefix: string;
  readonly stream: Arn;
  readonly bucket: Arn;
  readonly role: Arn;
  readonly alarmTopic: Arn;
  readonly lake: LakeZones & Pick<LakeModel, "errors">;
  /** The Glue table whose schema the curated stream converts records to (LakeCatalog). */
  readonly curatedTable: { databaseName: pulumi.Input<string>; name: pulumi.Input<string> };
  readonly region: pulumi.Input<string>;
  readonly bufferingSizeMb: number;
  readonly bufferingIntervalSeconds: pulumi.Input<number>;
  readonly compression: pulumi.Input<Compression>;
  readonly logRetentionDays: pulumi.Input<number>;
  readonly freshnessAlarmSeconds: pulumi.Input<number>;
}

/** Firehose's floor for buffering when it converts record formats (Firehose guide, "Record format conversion"). */
export const CONVERSION_MIN_BUFFER_MB = 64;

export class DeliveryToS3 extends pulumi.ComponentResource {
  readonly deliveryStream: aws.kinesis.FirehoseDeliveryStream;
  readonly curatedDeliveryStream: aws.kinesis.FirehoseDeliveryStream;
  /** Records waiting too long between the stream and S3. */
  readonly freshnessAlarm: aws.cloudwatch.MetricAlarm;
  readonly logGroup: aws.cloudwatch.LogGroup;

  constructor(name: string, args: DeliveryToS3Args, opts?: pulumi.ComponentResourceOptions) {
    super("punkapi:delivery:DeliveryToS3", name, {}, opts);
    const parent = { parent: this };
    const names = namesOf(args.namePrefix);

    this.logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      { name: names.firehoseLogGroup, retentionInDays: args.logRetentionDays },
      parent,
    );
    const logStream = (id: string, streamName: string) =>
      new aws.cloudwatch.LogStream(id, { name: streamName, logGroupName: this.logGroup.name }, parent);
    const source = { kinesisStreamArn: args.stream.arn, roleArn: args.role.arn };

    const rawLogs = logStream(`${name}-logs`, names.firehoseLogStream);
    this.deliveryStream = new aws.kinesis.FirehoseDeliveryStream(
      `${name}-firehose`,
      {
        name: names.deliveryStream,
        destination: "extended_s3",
        kinesisSourceConfiguration: source,
        extendedS3Configuration: {
          roleArn: args.role.arn,
          bucketArn: args.bucket.arn,
          prefix: args.lake.raw.prefix,
          errorOutputPrefix: args.lake.errors.prefix,
          bufferingSize: args.bufferingSizeMb,
          bufferingInterval: args.bufferingIntervalSeconds,
          compressionFormat: args.compression,
          cloudwatchLoggingOptions: {
            enabled: true,
            logGroupName: this.logGroup.name,
            logStreamName: rawLogs.name,
          },
        },
      },
      parent,
    );

    const curatedLogs = logStream(`${name}-curated-logs`, names.curatedLogStream);
    // A second consumer of the same stream: the analytical columns as Parquet, by the Glue table's schema.
    this.curatedDeliveryStream = new aws.kinesis.FirehoseDeliveryStream(
      `${name}-curated`,
      {
        name: names.curatedDeliveryStream,
        destination: "extended_s3",
        kinesisSourceConfiguration: source,
        extendedS3Configuration: {
          roleArn: args.role.arn,
          bucketArn: args.bucket.arn,
          prefix: args.lake.curated.prefix,
          errorOutputPrefix: args.lake.errors.prefix,
          bufferingSize: Math.max(CONVERSION_MIN_BUFFER_MB, args.bufferingSizeMb),
          bufferingInterval: args.bufferingIntervalSeconds,
          // Parquet compresses itself (Snappy); Firehose requires UNCOMPRESSED around a conversion.
          compressionFormat: "UNCOMPRESSED",
          dataFormatConversionConfiguration: {
            enabled: true,
            inputFormatConfiguration: { deserializer: { openXJsonSerDe: {} } },
            outputFormatConfiguration: { serializer: { parquetSerDe: { compression: "SNAPPY" } } },
            schemaConfiguration: {
              databaseName: args.curatedTable.databaseName,
              tableName: args.curatedTable.name,
              roleArn: args.role.arn,
              region: args.region,
            },
          },
          cloudwatchLoggingOptions: {
            enabled: true,
            logGroupName: this.logGroup.name,
            logStreamName: curatedLogs.name,
          },
        },
      },
      parent,
    );

    this.freshnessAlarm = topicAlarm(
      `${name}-freshness`,
      args.alarmTopic,
      pulumi.interpolate`Beers wait more than ${args.freshnessAlarmSeconds} s between the stream and S3`,
      {
        namespace: "AWS/Firehose",
        metricName: "DeliveryToS3.DataFreshness",
        dimensions: { DeliveryStreamName: this.deliveryStream.name },
        statistic: "Maximum",
        period: 300,
        threshold: args.freshnessAlarmSeconds,
      },
      this,
    );

    this.registerOutputs({
      deliveryStreamName: this.deliveryStream.name,
      curatedDeliveryStreamName: this.curatedDeliveryStream.name,
    });
  }
}
