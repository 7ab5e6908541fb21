/**
 * The punkapi-consumer program: reads and validates the stack configuration (an invalid value stops here,
 * naming the key, before any resource is declared), then composes the four components.
 *
 *   EventBridge schedule → Lambda → Kinesis stream → Firehose → S3 lake (gzip NDJSON, dt= partitions)
 *                                                  ↘ Firehose (Parquet) → curated zone → Glue / Athena
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { parseStackConfig } from "./config/stack-config";
import { bootstrapArns, stackNames } from "./components/naming";
import { SecurityRoles } from "./components/security/security-roles";
import { IngestPipeline } from "./components/ingest/ingest-pipeline";
import { DeliveryToS3 } from "./components/delivery/delivery-to-s3";
import { LakeCatalog } from "./components/catalog/lake-catalog";

const config = parseStackConfig(pulumi.runtime.allConfig(), pulumi.getStack(), pulumi.getProject());
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

const roles = new SecurityRoles(`${names.base}-roles`, {
  names,
  env,
  prefixes: [config.rawPrefix, config.curatedPrefix, config.errorPrefix],
  permissionsBoundary: bootstrap.apply((b) => b.boundaryPolicy(config.stack)),
});

const ingest = new IngestPipeline(
  `${names.base}-ingest`,
  {
    names,
    config,
    env,
    functionRoleArn: roles.functionRole.arn,
    keyUsers: bootstrap.apply((b) => ({
      deployRoleArn: b.deployRole(config.stack),
      previewRoleArn: b.previewRole,
    })),
  },
  { dependsOn: [roles] },
);

const catalog = new LakeCatalog(`${names.base}-catalog`, {
  names,
  config,
  lakeBucketName: env.apply((e) => names.bucket(e.accountId)),
  resultsBucketName: env.apply((e) => names.athenaResults(e.accountId)),
});

const delivery = new DeliveryToS3(
  `${names.base}-delivery`,
  {
    names,
    config,
    bucketName: env.apply((e) => names.bucket(e.accountId)),
    streamArn: ingest.stream.arn,
    firehoseRoleArn: roles.firehoseRole.arn,
    alarmTopicArn: ingest.alarmTopic.arn,
    curatedTable: { databaseName: catalog.database.name, tableName: catalog.curatedTable.name },
    region: env.apply((e) => e.region),
  },
  { dependsOn: [roles] },
);

export const streamName = ingest.stream.name;
export const streamArn = ingest.stream.arn;
export const functionName = ingest.function.name;
export const bucketName = delivery.bucket.id;
export const deliveryStreamName = delivery.deliveryStream.name;
export const alarmTopicArn = ingest.alarmTopic.arn;
export const curatedDeliveryStreamName = delivery.curatedDeliveryStream.name;
export const glueDatabase = catalog.database.name;
export const athenaWorkgroup = catalog.workgroup.name;
