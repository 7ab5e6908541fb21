/**
 * The punkapi-consumer program: reads and validates the stack configuration and lays out the lake (an
 * invalid value stops here, naming the key, before any resource is declared), then composes the stack:
 *
 *   Alerting ← every alarm below
 *   LakeStorage (bucket) → LakeCatalog (Glue tables over its zones, Athena)
 *   BeerStream (Kinesis)
 *   SecurityRoles (function and Firehose roles, granted on the stream, bucket and tables above)
 *   IngestSchedule:  EventBridge schedule → IngestPipeline
 *   IngestPipeline:  Lambda → BeerStream, failed invocations → its failure queue
 *   IngestAlarms ← the function, its failure queue and its metrics
 *   DeliveryToS3:    BeerStream → Firehose → raw zone (gzip NDJSON) and curated zone (Parquet) of LakeStorage
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { parseStackConfig } from "./config/stack-config";
import { lakeModel } from "./model/lake";
import { stackNames } from "./model/names";
import { bootstrapArns } from "./iam/stack-arns";
import { operatorPolicy as operatorPolicyOf } from "./iam/operator-policy";
import { Alerting } from "./components/alerting/alerting";
import { LakeStorage } from "./components/storage/lake-storage";
import { BeerStream } from "./components/stream/beer-stream";
import { LakeCatalog } from "./components/catalog/lake-catalog";
import { SecurityRoles } from "./components/security/security-roles";
import { IngestPipeline } from "./components/ingest/ingest-pipeline";
import { IngestSchedule } from "./components/ingest/ingest-schedule";
import { IngestAlarms } from "./components/ingest/ingest-alarms";
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
// The identities bootstrap/ created for this stack: its roles' boundary, the roles its alarm key names.
const bootstrap = env.apply((e) => bootstrapArns(config.project, e));

const alerting = new Alerting(`${names.base}-alerting`, {
  topicName: names.alarmTopic,
  email: config.alarmEmail,
  keyUsers: bootstrap.apply((b) => ({
    deployRoleArn: b.deployRole(config.stack),
    previewRoleArn: b.previewRole(config.stack),
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
  namePrefix: names.base,
  stack: config.stack,
  accountId: env.accountId,
  bucket: storage.bucket,
  lake,
  resultsExpirationDays: config.athenaResultsExpirationDays,
  bytesScannedCutoffMb: config.athenaBytesScannedCutoffMb,
  protect: config.protect,
});

const roles = new SecurityRoles(`${names.base}-roles`, {
  namePrefix: names.base,
  env,
  stream: stream.stream,
  bucket: storage.bucket,
  schema: { database: catalog.database, table: catalog.curatedTable },
  writablePrefixes: lake.writablePrefixes,
  permissionsBoundary: bootstrap.apply((b) => b.boundaryPolicy(config.stack)),
});

const ingest = new IngestPipeline(
  `${names.base}-ingest`,
  {
    namePrefix: names.base,
    stream: stream.stream,
    role: roles.functionRole,
    stack: config.stack,
    sourceUrl: config.sourceUrl,
    sourceContract: config.sourceContract,
    ingestMode: config.ingestMode,
    beersPerInvocation: config.beersPerInvocation,
    fetchConcurrency: config.fetchConcurrency,
    memoryMb: config.functionMemoryMb,
    timeoutSeconds: config.functionTimeoutSeconds,
    asyncRetryAttempts: config.asyncRetryAttempts,
    maxEventAgeSeconds: config.maxEventAgeSeconds,
    logRetentionDays: config.logRetentionDays,
  },
  // The role's policy first: an invocation before it would be denied.
  { dependsOn: [roles] },
);

// The schedule and the alarms take the ingest's name: their resources are named as the ingest's own.
new IngestSchedule(
  `${names.base}-ingest`,
  { namePrefix: names.base, function: ingest.function, expression: config.scheduleExpression.expression },
  // What invokes the function waits for the role's policy too.
  { dependsOn: [roles] },
);

const ingestAlarms = new IngestAlarms(`${names.base}-ingest`, {
  function: ingest.function,
  failureQueue: ingest.failureQueue,
  alarmTopic: alerting.topic,
  stack: config.stack,
  rejectedAlarmPercent: config.rejectedAlarmPercent,
  silenceAlarmMinutes: config.silenceAlarmMinutes,
});

const delivery = new DeliveryToS3(
  `${names.base}-delivery`,
  {
    namePrefix: names.base,
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
  alarms: [...ingestAlarms.alarms, delivery.freshnessAlarm, stream.throttleAlarm],
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
// What `npm run recurate -- --aws` and `npm run redrive -- --aws` need, for the operators' role (docs/operations.md).
export const operatorPolicy = pulumi
  .all([storage.bucket.arn, stream.stream.arn, ingest.failureQueue.arn, ingest.function.arn])
  .apply(([bucket, beers, failureQueue, fn]) =>
    JSON.stringify(operatorPolicyOf({ bucket, stream: beers, failureQueue, function: fn }, lake)),
  );
