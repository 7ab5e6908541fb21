/**
 * The punkapi-consumer program: reads and validates the stack configuration (an invalid value stops here,
 * naming the key, before any resource is declared), then composes the three components.
 *
 *   EventBridge schedule → Lambda → Kinesis stream → Firehose → S3 lake (gzip NDJSON, dt= partitions)
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { parseStackConfig } from "./config/stack-config";
import { stackNames } from "./components/naming";
import { SecurityRoles } from "./components/security/security-roles";
import { IngestPipeline } from "./components/ingest/ingest-pipeline";
import { DeliveryToS3 } from "./components/delivery/delivery-to-s3";

const config = parseStackConfig(pulumi.runtime.allConfig(), pulumi.getStack(), pulumi.getProject());
const names = stackNames(config.project, config.stack);

const env = pulumi
  .all([aws.getPartitionOutput(), aws.getRegionOutput(), aws.getCallerIdentityOutput()])
  .apply(([partition, region, identity]) => ({
    partition: partition.partition,
    region: region.region,
    accountId: identity.accountId,
  }));

const roles = new SecurityRoles(`${names.base}-roles`, {
  names,
  env,
  prefixes: [config.rawPrefix, config.errorPrefix],
});

const ingest = new IngestPipeline(
  `${names.base}-ingest`,
  { names, config, env, functionRoleArn: roles.functionRole.arn },
  { dependsOn: [roles] },
);

const delivery = new DeliveryToS3(
  `${names.base}-delivery`,
  {
    names,
    config,
    bucketName: env.apply((e) => names.bucket(e.accountId)),
    streamArn: ingest.stream.arn,
    firehoseRoleArn: roles.firehoseRole.arn,
    alarmTopicArn: ingest.alarmTopic.arn,
  },
  { dependsOn: [roles] },
);

export const streamName = ingest.stream.name;
export const streamArn = ingest.stream.arn;
export const functionName = ingest.function.name;
export const bucketName = delivery.bucket.id;
export const deliveryStreamName = delivery.deliveryStream.name;
export const alarmTopicArn = ingest.alarmTopic.arn;
