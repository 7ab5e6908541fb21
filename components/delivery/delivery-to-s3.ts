/**
 * DeliveryToS3: the data lake bucket, hardened (no public access, owner-enforced, encrypted, versioned,
 * TLS only, with a lifecycle), and the Firehose delivery stream that reads the Kinesis stream and writes
 * gzip NDJSON under a date-partitioned prefix, with its logs and a freshness alarm.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import type { StackConfig } from "../../config/stack-config";
import type { StackNames } from "../naming";
import { secureBucket } from "../storage/secure-bucket";
import { lifecycleRules } from "./lifecycle";

export interface DeliveryToS3Args {
  names: StackNames;
  config: StackConfig;
  bucketName: pulumi.Input<string>;
  streamArn: pulumi.Input<string>;
  firehoseRoleArn: pulumi.Input<string>;
  alarmTopicArn: pulumi.Input<string>;
  /** The Glue table whose schema the curated stream converts records to (LakeCatalog). */
  curatedTable: { databaseName: pulumi.Input<string>; tableName: pulumi.Input<string> };
  region: pulumi.Input<string>;
}

/** Firehose's floor for buffering when it converts record formats (Firehose guide, "Record format conversion"). */
export const CONVERSION_MIN_BUFFER_MB = 64;

export class DeliveryToS3 extends pulumi.ComponentResource {
  readonly bucket: aws.s3.Bucket;
  readonly deliveryStream: aws.kinesis.FirehoseDeliveryStream;
  readonly curatedDeliveryStream: aws.kinesis.FirehoseDeliveryStream;

  constructor(name: string, args: DeliveryToS3Args, opts?: pulumi.ComponentResourceOptions) {
    super("punkapi:delivery:DeliveryToS3", name, {}, opts);
    const { names, config } = args;
    const parent = { parent: this };

    this.bucket = secureBucket(
      `${name}-lake`,
      {
        bucketName: args.bucketName,
        forceDestroy: config.bucketForceDestroy,
        keep: config.protect,
        lifecycleRules: lifecycleRules(config),
      },
      this,
    );

    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      { name: names.firehoseLogGroup, retentionInDays: config.logRetentionDays },
      parent,
    );
    const logStream = new aws.cloudwatch.LogStream(
      `${name}-logs`,
      { name: names.firehoseLogStream, logGroupName: logGroup.name },
      parent,
    );

    this.deliveryStream = new aws.kinesis.FirehoseDeliveryStream(
      `${name}-firehose`,
      {
        name: names.deliveryStream,
        destination: "extended_s3",
        kinesisSourceConfiguration: { kinesisStreamArn: args.streamArn, roleArn: args.firehoseRoleArn },
        extendedS3Configuration: {
          roleArn: args.firehoseRoleArn,
          bucketArn: this.bucket.arn,
          prefix: config.rawPrefix,
          errorOutputPrefix: config.errorPrefix,
          bufferingSize: config.bufferingSizeMb,
          bufferingInterval: config.bufferingIntervalSeconds,
          compressionFormat: config.compression,
          cloudwatchLoggingOptions: {
            enabled: true,
            logGroupName: logGroup.name,
            logStreamName: logStream.name,
          },
        },
      },
      parent,
    );

    const curatedLogStream = new aws.cloudwatch.LogStream(
      `${name}-curated-logs`,
      { name: names.curatedLogStream, logGroupName: logGroup.name },
      parent,
    );
    // A second consumer of the same stream: the analytical columns as Parquet, by the Glue table's schema.
    this.curatedDeliveryStream = new aws.kinesis.FirehoseDeliveryStream(
      `${name}-curated`,
      {
        name: names.curatedDeliveryStream,
        destination: "extended_s3",
        kinesisSourceConfiguration: { kinesisStreamArn: args.streamArn, roleArn: args.firehoseRoleArn },
        extendedS3Configuration: {
          roleArn: args.firehoseRoleArn,
          bucketArn: this.bucket.arn,
          prefix: config.curatedPrefix,
          errorOutputPrefix: config.errorPrefix,
          bufferingSize: Math.max(CONVERSION_MIN_BUFFER_MB, config.bufferingSizeMb),
          bufferingInterval: config.bufferingIntervalSeconds,
          // Parquet compresses itself (Snappy); Firehose requires UNCOMPRESSED around a conversion.
          compressionFormat: "UNCOMPRESSED",
          dataFormatConversionConfiguration: {
            enabled: true,
            inputFormatConfiguration: { deserializer: { openXJsonSerDe: {} } },
            outputFormatConfiguration: { serializer: { parquetSerDe: { compression: "SNAPPY" } } },
            schemaConfiguration: {
              databaseName: args.curatedTable.databaseName,
              tableName: args.curatedTable.tableName,
              roleArn: args.firehoseRoleArn,
              region: args.region,
            },
          },
          cloudwatchLoggingOptions: {
            enabled: true,
            logGroupName: logGroup.name,
            logStreamName: curatedLogStream.name,
          },
        },
      },
      parent,
    );

    new aws.cloudwatch.MetricAlarm(
      `${name}-freshness`,
      {
        alarmDescription: `Beers wait more than ${config.freshnessAlarmSeconds} s between the stream and S3`,
        namespace: "AWS/Firehose",
        metricName: "DeliveryToS3.DataFreshness",
        dimensions: { DeliveryStreamName: this.deliveryStream.name },
        statistic: "Maximum",
        period: 300,
        evaluationPeriods: 1,
        comparisonOperator: "GreaterThanThreshold",
        threshold: config.freshnessAlarmSeconds,
        treatMissingData: "notBreaching",
        alarmActions: [args.alarmTopicArn],
        okActions: [args.alarmTopicArn],
      },
      parent,
    );

    this.registerOutputs({
      bucketName: this.bucket.id,
      deliveryStreamName: this.deliveryStream.name,
      curatedDeliveryStreamName: this.curatedDeliveryStream.name,
    });
  }
}
