/**
 * The punkapi-consumer program: reads and validates the stack configuration and lays out the lake (an
 * invalid value stops here, naming the key, before any resource is declared), then composes the stack:
 *
 *   Alerting ← every alarm below
 *   LakeStorage (bucket) → LakeCatalog (Glue tables over its zones, Athena)
 *   BeerStream (Kinesis)
 *   SecurityRoles (function and Firehose roles, granted on the stream, bucket and tables above)
 *   IngestPipeline:  EventBridge schedule → Lambda → BeerStream
 *   DeliveryToS3:    BeerStream → Firehose → raw zone (gzip NDJSON) and curated zone (Parquet) of LakeStorage
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { parseStackConfig } from "./config/stack-config";
import { lakeModel } from "./model/lake";
import { bootstrapArns, plannedArns, stackNames } from "./model/names";
import { Alerting } from "./components/alerting/alerting";
import { LakeStorage } from "./components/storage/lake-storage";
import { BeerStream } from "./components/stream/beer-stream";
import { LakeCatalog } from "./components/catalog/lake-catalog";
import { SecurityRoles } from "./components/security/security-roles";
import { IngestPipeline } from "./components/ingest/ingest-pipeline";
import { OperationsDashboard } from "./components/monitoring/operations-dashboard";
import { DeliveryToS3 } from "./components/delivery/delivery-to-s3";

const config = parseStackConfig(pulumi.runtime.allConfig(), pulumi.getStack(), pulumi.getProject());
const lake = lakeModel(config);
const names = stackNames(config.project, config.stack);

const env = pulumi
  .all([aws.getPartitionOutput(), aws.getRegionOutput(), aws.getCallerIdentityOutput()])
  .apply(([partition, region, identity]) => ({
    partition: partition.partition,
    region: region.region,
    accountId: identity.accountId,
  }));
const planned = env.apply((e) => plannedArns(names, e));
// The identities bootstrap/ created for this stack: its roles' boundary, the roles its alarm key names.
const bootstrap = env.apply((e) => bootstrapArns(config.project, e));

const alerting = new Alerting(`${names.base}-alerting`, {
  topicName: names.alarmTopic,
  email: config.alarmEmail,
  keyUsers: bootstrap.apply((b) => ({
    deployRoleArn: b.deployRole(config.stack),
    previewRoleArn: b.previewRole,
  })),
  account: env,
});

const storage = new LakeStorage(`${names.base}-storage`, {
  bucketName: env.apply((e) => names.bucket(e.accountId)),
  lake,
  retention: config,
  protect: config.protect,
  forceDestroy: config.bucketForceDestroy,
});

const stream = new BeerStream(`${names.base}-stream`, {
  streamName: names.stream,
  mode: config.streamMode,
  shardCount: config.streamShardCount,
  retentionHours: config.streamRetentionHours,
  protect: config.protect,
  alarmTopic: alerting.topic,
});

const catalog = new LakeCatalog(`${names.base}-catalog`, {
  databaseName: names.glueDatabase,
  bucket: storage.bucket,
  lake,
  workgroupName: names.athenaWorkgroup,
  resultsBucketName: env.apply((e) => names.athenaResults(e.accountId)),
  resultsExpirationDays: config.athenaResultsExpirationDays,
  bytesScannedCutoffMb: config.athenaBytesScannedCutoffMb,
  protect: config.protect,
});

const roles = new SecurityRoles(`${names.base}-roles`, {
  functionRoleName: names.functionRole,
  firehoseRoleName: names.firehoseRole,
  accountId: env.accountId,
  stream: stream.stream,
  bucket: storage.bucket,
  schema: { catalogArn: planned.glueCatalog, database: catalog.database, table: catalog.curatedTable },
  writablePrefixes: lake.writablePrefixes,
  functionLogGroupArn: planned.functionLogGroup,
  failureQueueArn: planned.failureQueue,
  firehoseLogGroupArn: planned.firehoseLogGroup,
  firehoseLogStreams: [names.firehoseLogStream, names.curatedLogStream],
  permissionsBoundary: bootstrap.apply((b) => b.boundaryPolicy(config.stack)),
});

const ingest = new IngestPipeline(
  `${names.base}-ingest`,
  {
    functionName: names.function,
    logGroupName: names.functionLogGroup,
    failureQueueName: names.failureQueue,
    scheduleRuleName: names.scheduleRule,
    stream: stream.stream,
    role: roles.functionRole,
    alarmTopic: alerting.topic,
    sourceUrl: config.sourceUrl,
    stack: config.stack,
    rejectedAlarmPercent: config.rejectedAlarmPercent,
    silenceAlarmMinutes: config.silenceAlarmMinutes,
    sourceContract: config.sourceContract,
    ingestMode: config.ingestMode,
    beersPerInvocation: config.beersPerInvocation,
    fetchConcurrency: config.fetchConcurrency,
    schedule: config.scheduleExpression.expression,
    memoryMb: config.functionMemoryMb,
    timeoutSeconds: config.functionTimeoutSeconds,
    asyncRetryAttempts: config.asyncRetryAttempts,
    maxEventAgeSeconds: config.maxEventAgeSeconds,
    logRetentionDays: config.logRetentionDays,
  },
  // The role's policy first: an invocation before it would be denied.
  { dependsOn: [roles] },
);

const delivery = new DeliveryToS3(
  `${names.base}-delivery`,
  {
    deliveryStreamName: names.deliveryStream,
    curatedDeliveryStreamName: names.curatedDeliveryStream,
    logGroupName: names.firehoseLogGroup,
    logStreamName: names.firehoseLogStream,
    curatedLogStreamName: names.curatedLogStream,
    stream: stream.stream,
    bucket: storage.bucket,
    role: roles.firehoseRole,
    alarmTopic: alerting.topic,
    lake,
    curatedTable: catalog.curatedTable,
    region: env.region,
    bufferingSizeMb: config.bufferingSizeMb,
    bufferingIntervalSeconds: config.bufferingIntervalSeconds,
    compression: config.compression,
    logRetentionDays: config.logRetentionDays,
    freshnessAlarmSeconds: config.freshnessAlarmSeconds,
  },
  // Firehose checks its role when the delivery stream is created.
  { dependsOn: [roles] },
);

const dashboard = new OperationsDashboard(`${names.base}-monitoring`, {
  dashboardName: names.dashboard,
  region: env.region,
  stack: config.stack,
  function: ingest.function,
  stream: stream.stream,
  deliveryStreams: [delivery.deliveryStream, delivery.curatedDeliveryStream],
  failureQueue: ingest.failureQueue,
  alarms: [...ingest.alarms, delivery.freshnessAlarm, stream.throttleAlarm],
});

export const streamName = stream.stream.name;
export const streamArn = stream.stream.arn;
export const functionName = ingest.function.name;
export const bucketName = storage.bucket.id;
export const deliveryStreamName = delivery.deliveryStream.name;
export const alarmTopicArn = alerting.topic.arn;
export const curatedDeliveryStreamName = delivery.curatedDeliveryStream.name;
export const glueDatabase = catalog.database.name;
export const athenaWorkgroup = catalog.workgroup.name;
export const dashboardName = dashboard.dashboard.dashboardName;
