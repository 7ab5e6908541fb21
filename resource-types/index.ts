/**
 * The registry: every resource type and data source the programs (index.ts and bootstrap/) declare, one
 * module each. The Pulumi mocks, `npm run plan`, the local run, the policy pack, the permission table and
 * the cost estimate read a type from here; a type the program declares and the registry lacks is refused
 * with its token named (docs/architecture.md: adding a resource type).
 */
import type { DataSource, ResourceType } from "./resource-type";
import { kinesisStream } from "./kinesis/stream";
import { kinesisFirehoseDeliveryStream } from "./kinesis/firehose-delivery-stream";
import { cloudwatchMetricAlarm } from "./cloudwatch/metric-alarm";
import { lambdaFunction } from "./lambda/function";
import { athenaWorkgroup } from "./athena/workgroup";
import { cloudwatchDashboard } from "./cloudwatch/dashboard";
import { cloudwatchEventRule } from "./cloudwatch/event-rule";
import { cloudwatchEventTarget } from "./cloudwatch/event-target";
import { cloudwatchLogGroup } from "./cloudwatch/log-group";
import { cloudwatchLogStream } from "./cloudwatch/log-stream";
import { githubActionsEnvironmentVariable } from "./github/actions-environment-variable";
import { githubActionsVariable } from "./github/actions-variable";
import { githubRepositoryEnvironmentDeploymentPolicy } from "./github/repository-environment-deployment-policy";
import { githubRepositoryEnvironment } from "./github/repository-environment";
import { githubRepositoryRuleset } from "./github/repository-ruleset";
import { glueCatalogDatabase } from "./glue/catalog-database";
import { glueCatalogTable } from "./glue/catalog-table";
import { glueDataQualityRuleset } from "./glue/data-quality-ruleset";
import { iamOpenIdConnectProvider } from "./iam/open-id-connect-provider";
import { iamPolicy } from "./iam/policy";
import { iamRolePolicy } from "./iam/role-policy";
import { iamRolePolicyAttachment } from "./iam/role-policy-attachment";
import { iamRole } from "./iam/role";
import { kmsAlias } from "./kms/alias";
import { kmsKey } from "./kms/key";
import { lambdaFunctionEventInvokeConfig } from "./lambda/function-event-invoke-config";
import { lambdaPermission } from "./lambda/permission";
import { s3BucketLifecycleConfiguration } from "./s3/bucket-lifecycle-configuration";
import { s3BucketOwnershipControls } from "./s3/bucket-ownership-controls";
import { s3BucketPolicy } from "./s3/bucket-policy";
import { s3BucketPublicAccessBlock } from "./s3/bucket-public-access-block";
import { s3BucketServerSideEncryptionConfiguration } from "./s3/bucket-server-side-encryption-configuration";
import { s3BucketVersioning } from "./s3/bucket-versioning";
import { s3Bucket } from "./s3/bucket";
import { snsTopicSubscription } from "./sns/topic-subscription";
import { snsTopic } from "./sns/topic";
import { sqsQueue } from "./sqs/queue";
import { awsGetCallerIdentity } from "./aws/get-caller-identity";
import { awsGetPartition } from "./aws/get-partition";
import { awsGetRegion } from "./aws/get-region";
import { iamGetSessionContext } from "./iam/get-session-context";
import { githubGetRepository } from "./github/get-repository";
import { githubGetUser } from "./github/get-user";

/** In the order the estimate lists their prices: the stream, the deliveries, then by module. */
export const RESOURCE_TYPES: readonly ResourceType[] = [
  kinesisStream,
  kinesisFirehoseDeliveryStream,
  cloudwatchMetricAlarm,
  lambdaFunction,
  athenaWorkgroup,
  cloudwatchDashboard,
  cloudwatchEventRule,
  cloudwatchEventTarget,
  cloudwatchLogGroup,
  cloudwatchLogStream,
  githubActionsEnvironmentVariable,
  githubActionsVariable,
  githubRepositoryEnvironmentDeploymentPolicy,
  githubRepositoryEnvironment,
  githubRepositoryRuleset,
  glueCatalogDatabase,
  glueCatalogTable,
  glueDataQualityRuleset,
  iamOpenIdConnectProvider,
  iamPolicy,
  iamRolePolicy,
  iamRolePolicyAttachment,
  iamRole,
  kmsAlias,
  kmsKey,
  lambdaFunctionEventInvokeConfig,
  lambdaPermission,
  s3BucketLifecycleConfiguration,
  s3BucketOwnershipControls,
  s3BucketPolicy,
  s3BucketPublicAccessBlock,
  s3BucketServerSideEncryptionConfiguration,
  s3BucketVersioning,
  s3Bucket,
  snsTopicSubscription,
  snsTopic,
  sqsQueue,
];

export const DATA_SOURCES: readonly DataSource[] = [
  awsGetCallerIdentity,
  awsGetPartition,
  awsGetRegion,
  iamGetSessionContext,
  githubGetRepository,
  githubGetUser,
];

const BY_TOKEN = new Map<string, ResourceType | DataSource>(
  [...RESOURCE_TYPES, ...DATA_SOURCES].map((t) => [t.token, t]),
);

function lookup(token: string, what: string): ResourceType | DataSource {
  const known = BY_TOKEN.get(token);
  if (!known)
    throw new Error(
      `the ${what} "${token}" is not in the registry: add a module for it under resource-types/ and list it in resource-types/index.ts`,
    );
  return known;
}

/** The registered resource type of `token`; throws naming it when there is none. */
export function resourceType(token: string): ResourceType {
  const type = lookup(token, "resource type");
  if ("answer" in type) throw new Error(`"${token}" is a data source, not a resource type`);
  return type;
}

/** The registered data source of `token`; throws naming it when there is none. */
export function dataSource(token: string): DataSource {
  const source = lookup(token, "data source");
  if (!("answer" in source)) throw new Error(`"${token}" is a resource type, not a data source`);
  return source;
}

/** The registered type of a declared resource; undefined for a component or a provider, the engine's own. */
export function typeOfDeclared(r: { type: string; custom: boolean }): ResourceType | undefined {
  return isEngineResource(r) ? undefined : resourceType(r.type);
}

/** A component or a provider: the engine's own, which no cloud reports anything for. */
export function isEngineResource(r: { type: string; custom: boolean }): boolean {
  return !r.custom || r.type.startsWith("pulumi:providers:");
}
