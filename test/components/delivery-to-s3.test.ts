/**
 * DeliveryToS3 on its own: a raw delivery (gzip NDJSON under the raw prefix) and a curated one (Parquet by
 * the table it is given, under the curated prefix), both reading the stream as the role, logging, failed
 * records under the error prefix, and the freshness alarm.
 */
import { expect } from "chai";
import { DeliveryToS3 } from "../../components/delivery/delivery-to-s3";
import { lakeModel } from "../../model/lake";
import type { ProgramRun } from "../../local/harness/run-program";
import { ofType, one, parentType, runComponent } from "../helpers/program";

const lake = lakeModel({
  project: "punkapi-consumer",
  rawPrefix: "raw/year=!{timestamp:yyyy}/",
  curatedPrefix: "curated/!{timestamp:yyyy/MM/dd}/",
  errorPrefix: "errors/!{firehose:error-output-type}/",
});
const [STREAM, BUCKET, ROLE, TOPIC] = ["arn:stream", "arn:bucket", "arn:role", "arn:topic"];

describe("DeliveryToS3", function () {
  this.timeout(20_000);
  let run: ProgramRun;
  before(async () => {
    run = await runComponent(() => {
      const d = new DeliveryToS3("delivery", {
        namePrefix: "proj-stage",
        stream: { arn: STREAM },
        bucket: { arn: BUCKET },
        role: { arn: ROLE },
        alarmTopic: { arn: TOPIC },
        lake,
        curatedTable: { databaseName: "db", name: "beers_curated" },
        region: "eu-west-1",
        bufferingSizeMb: 5,
        bufferingIntervalSeconds: 120,
        compression: "GZIP",
        logRetentionDays: 14,
        freshnessAlarmSeconds: 600,
      });
      return { name: d.deliveryStream.name };
    });
  });
  const firehose = (suffix: string) =>
    one(run, "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", suffix).inputs;

  it("delivers the raw zone: the stream as the role, into the bucket under the raw and error prefixes, GZIP, logged", () => {
    const raw = firehose("-firehose");
    expect(raw).to.deep.include({ name: "proj-stage-delivery", destination: "extended_s3" });
    expect(raw.kinesisSourceConfiguration).to.deep.equal({ kinesisStreamArn: STREAM, roleArn: ROLE });
    expect(raw.serverSideEncryption).to.equal(undefined); // not allowed with a Kinesis source
    expect(raw.extendedS3Configuration).to.deep.include({
      roleArn: ROLE,
      bucketArn: BUCKET,
      prefix: "raw/year=!{timestamp:yyyy}/",
      errorOutputPrefix: "errors/!{firehose:error-output-type}/",
      bufferingSize: 5,
      bufferingInterval: 120,
      compressionFormat: "GZIP",
    });
    expect(raw.extendedS3Configuration.cloudwatchLoggingOptions).to.deep.equal({
      enabled: true,
      logGroupName: "/aws/kinesisfirehose/proj-stage-delivery",
      logStreamName: "S3Delivery",
    });
    expect(one(run, "aws:cloudwatch/logGroup:LogGroup").inputs.retentionInDays).to.equal(14);
  });

  it("delivers the curated zone as Parquet by the table's schema, buffering at least Firehose's 64 MiB", () => {
    const curated = firehose("-curated");
    expect(curated.kinesisSourceConfiguration).to.deep.equal({ kinesisStreamArn: STREAM, roleArn: ROLE });
    const s3 = curated.extendedS3Configuration;
    expect(curated).to.deep.include({ name: "proj-stage-curated", destination: "extended_s3" });
    expect(s3).to.deep.include({
      roleArn: ROLE,
      bucketArn: BUCKET,
      bufferingInterval: 120,
      prefix: "curated/!{timestamp:yyyy/MM/dd}/",
      errorOutputPrefix: "errors/!{firehose:error-output-type}/",
      compressionFormat: "UNCOMPRESSED",
      bufferingSize: 64,
    });
    expect(s3.dataFormatConversionConfiguration).to.deep.equal({
      enabled: true,
      inputFormatConfiguration: { deserializer: { openXJsonSerDe: {} } },
      outputFormatConfiguration: { serializer: { parquetSerDe: { compression: "SNAPPY" } } },
      schemaConfiguration: {
        databaseName: "db",
        tableName: "beers_curated",
        roleArn: ROLE,
        region: "eu-west-1",
      },
    });
    expect(s3.cloudwatchLoggingOptions).to.deep.equal({
      enabled: true,
      logGroupName: "/aws/kinesisfirehose/proj-stage-delivery",
      logStreamName: "S3DeliveryCurated",
    });
  });

  it("names its deliveries, log group and log streams from the prefix it is given", () => {
    expect(
      run.resources
        .filter((r) => r.custom && r.inputs.name !== undefined)
        .map((r) => `${r.type} ${r.inputs.name}`)
        .sort(),
    ).to.deep.equal([
      "aws:cloudwatch/logGroup:LogGroup /aws/kinesisfirehose/proj-stage-delivery",
      "aws:cloudwatch/logStream:LogStream S3Delivery",
      "aws:cloudwatch/logStream:LogStream S3DeliveryCurated",
      "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream proj-stage-curated",
      "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream proj-stage-delivery",
    ]);
  });

  it("logs each delivery to a stream of its own in the one log group", () => {
    expect(
      ofType(run, "aws:cloudwatch/logStream:LogStream")
        .map((l) => l.inputs)
        .sort((a, b) => a.name.localeCompare(b.name)),
    ).to.deep.equal([
      { name: "S3Delivery", logGroupName: "/aws/kinesisfirehose/proj-stage-delivery" },
      { name: "S3DeliveryCurated", logGroupName: "/aws/kinesisfirehose/proj-stage-delivery" },
    ]);
  });

  it("holds its deliveries, logs and alarm as its children, and registers both delivery streams' names", () => {
    const component = one(run, "punkapi:delivery:DeliveryToS3");
    const children = run.resources.filter((r) => r.parent === component.urn);
    expect(children.map((r) => `${r.type} ${r.name}`).sort()).to.deep.equal([
      "aws:cloudwatch/logGroup:LogGroup delivery-logs",
      "aws:cloudwatch/logStream:LogStream delivery-curated-logs",
      "aws:cloudwatch/logStream:LogStream delivery-logs",
      "aws:cloudwatch/metricAlarm:MetricAlarm delivery-freshness",
      "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream delivery-curated",
      "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream delivery-firehose",
    ]);
    for (const child of children) expect(parentType(run, child)).to.equal("punkapi:delivery:DeliveryToS3");
    expect(component.registeredOutputs).to.deep.equal({
      deliveryStreamName: "proj-stage-delivery",
      curatedDeliveryStreamName: "proj-stage-curated",
    });
  });

  it("alarms when beers wait longer than the freshness limit between the stream and S3", () => {
    expect(one(run, "aws:cloudwatch/metricAlarm:MetricAlarm").inputs).to.deep.equal({
      comparisonOperator: "GreaterThanThreshold",
      evaluationPeriods: 1,
      treatMissingData: "notBreaching",
      statistic: "Maximum",
      period: 300,
      namespace: "AWS/Firehose",
      metricName: "DeliveryToS3.DataFreshness",
      dimensions: { DeliveryStreamName: "proj-stage-delivery" },
      threshold: 600,
      alarmActions: [TOPIC],
      okActions: [TOPIC],
      alarmDescription: "Beers wait more than 600 s between the stream and S3",
    });
  });
});
