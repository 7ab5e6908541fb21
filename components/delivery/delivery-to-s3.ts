/**
 * DeliveryToS3: the data lake bucket, hardened (no public access, owner-enforced, encrypted, versioned,
 * TLS only, with a lifecycle), and the Firehose delivery stream that reads the Kinesis stream and writes
 * gzip NDJSON under a date-partitioned prefix, with its logs and a freshness alarm.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import type { StackConfig } from "../../config/stack-config";
import type { StackNames } from "../naming";
import { tlsOnlyBucketPolicy } from "../security/policies";
import { lifecycleRules } from "./lifecycle";

export interface DeliveryToS3Args {
  names: StackNames;
  config: StackConfig;
  bucketName: pulumi.Input<string>;
  streamArn: pulumi.Input<string>;
  firehoseRoleArn: pulumi.Input<string>;
  alarmTopicArn: pulumi.Input<string>;
}

export class DeliveryToS3 extends pulumi.ComponentResource {
  readonly bucket: aws.s3.Bucket;
  readonly deliveryStream: aws.kinesis.FirehoseDeliveryStream;

  constructor(name: string, args: DeliveryToS3Args, opts?: pulumi.ComponentResourceOptions) {
    super("punkapi:delivery:DeliveryToS3", name, {}, opts);
    const { names, config } = args;
    const parent = { parent: this };

    this.bucket = new aws.s3.Bucket(
      `${name}-lake`,
      { bucket: args.bucketName, forceDestroy: config.bucketForceDestroy },
      { parent: this, protect: config.protect, retainOnDelete: config.protect },
    );
    const bucket = this.bucket.id;
    const publicAccess = new aws.s3.BucketPublicAccessBlock(
      `${name}-lake`,
      {
        bucket,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
      parent,
    );
    new aws.s3.BucketOwnershipControls(
      `${name}-lake`,
      { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } },
      parent,
    );
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-lake`,
      { bucket, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
      parent,
    );
    new aws.s3.BucketVersioning(
      `${name}-lake`,
      { bucket, versioningConfiguration: { status: "Enabled" } },
      parent,
    );
    new aws.s3.BucketLifecycleConfiguration(
      `${name}-lake`,
      { bucket, rules: lifecycleRules(config) },
      parent,
    );
    new aws.s3.BucketPolicy(
      `${name}-lake`,
      { bucket, policy: this.bucket.arn.apply((arn) => JSON.stringify(tlsOnlyBucketPolicy(arn))) },
      // The public-access block first: a bucket policy applied before it would be briefly unguarded.
      { parent: this, dependsOn: [publicAccess] },
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

    this.registerOutputs({ bucketName: this.bucket.id, deliveryStreamName: this.deliveryStream.name });
  }
}
