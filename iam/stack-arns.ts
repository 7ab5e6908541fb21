/**
 * The ARNs a stack's and the bootstrap's policies name, each written by its resource type's module
 * (resource-types/): the planned ARNs of what is created after the roles that name it, the bootstrap's own
 * identities, and the patterns of everything one stack may create (what its deploy role is granted on).
 */
import { arn } from "../model/arn";
import { type AwsEnv, bootstrapNames, lambdaLogGroup, type StackNames } from "../model/names";
import type { Kind, StateKind } from "../resource-types/calls";
import { athenaWorkgroup } from "../resource-types/athena/workgroup";
import { cloudwatchDashboard } from "../resource-types/cloudwatch/dashboard";
import { cloudwatchEventRule } from "../resource-types/cloudwatch/event-rule";
import { cloudwatchLogGroup } from "../resource-types/cloudwatch/log-group";
import { cloudwatchMetricAlarm } from "../resource-types/cloudwatch/metric-alarm";
import { glueCatalogArn, glueCatalogDatabase } from "../resource-types/glue/catalog-database";
import { glueCatalogTable } from "../resource-types/glue/catalog-table";
import { glueDataQualityRuleset } from "../resource-types/glue/data-quality-ruleset";
import { iamOpenIdConnectProvider } from "../resource-types/iam/open-id-connect-provider";
import { iamPolicy } from "../resource-types/iam/policy";
import { iamRole } from "../resource-types/iam/role";
import { kinesisFirehoseDeliveryStream } from "../resource-types/kinesis/firehose-delivery-stream";
import { kinesisStream } from "../resource-types/kinesis/stream";
import { kmsKey } from "../resource-types/kms/key";
import { lambdaFunction } from "../resource-types/lambda/function";
import { s3Bucket } from "../resource-types/s3/bucket";
import { snsTopic } from "../resource-types/sns/topic";
import { sqsQueue } from "../resource-types/sqs/queue";
import { logStreamArnIn } from "../resource-types/cloudwatch/log-stream";

const logGroup = cloudwatchLogGroup.arn!;
const queue = sqsQueue.arn!;
const role = iamRole.arn!;
const policy = iamPolicy.arn!;
const oidcProvider = iamOpenIdConnectProvider.arn!;
const bucket = s3Bucket.arn!;

/**
 * The ARNs the roles' policies name before the resource exists: the function's log group and failure queue
 * and the delivery's log group are created after the roles they need, and the Glue catalog is no resource of
 * the stack at all. Every other resource a policy names is created first and granted on by its own ARN.
 */
export interface PlannedArns {
  functionLogGroup: string;
  firehoseLogGroup: string;
  failureQueue: string;
  glueCatalog: string;
}

export function plannedArns(names: StackNames, env: AwsEnv): PlannedArns {
  return {
    functionLogGroup: logGroup(env, names.functionLogGroup),
    firehoseLogGroup: logGroup(env, names.firehoseLogGroup),
    failureQueue: queue(env, names.failureQueue),
    glueCatalog: glueCatalogArn(env),
  };
}

export interface BootstrapArns {
  previewRole: (stack: string) => string;
  deployRole: (stack: string) => string;
  boundaryPolicy: (stack: string) => string;
  /** Every role and policy the bootstrap owns. */
  ownRoles: string;
  ownPolicies: string;
  /** GitHub's OIDC provider, which the bootstrap creates (or reuses). */
  githubProvider: string;
}

export function bootstrapArns(project: string, env: Pick<AwsEnv, "partition" | "accountId">): BootstrapArns {
  const n = bootstrapNames(project);
  const inPath = { path: n.path };
  return {
    previewRole: (stack) => role(env, n.previewRole(stack), inPath),
    deployRole: (stack) => role(env, n.deployRole(stack), inPath),
    boundaryPolicy: (stack) => policy(env, n.boundaryPolicy(stack), inPath),
    ownRoles: role(env, "*", inPath),
    ownPolicies: policy(env, "*", inPath),
    githubProvider: oidcProvider(env, "token.actions.githubusercontent.com"),
  };
}

/**
 * The ARN patterns of everything one stack may create, by the kind of resource (resource-types/calls.ts):
 * what its deploy role is granted on. Every pattern starts with the stack's own name prefix or names an
 * exact resource of the stack.
 */
export type StackKind = Exclude<Kind, "key" | "policy" | "oidcProvider" | "alias" | StateKind>;

export interface StackFacts {
  /** Whether the stack's lake bucket may be emptied on destroy (its bucketForceDestroy). */
  lakeForceDestroy: boolean;
}

export function stackPatterns(
  names: StackNames,
  env: AwsEnv,
  facts: StackFacts,
): Record<StackKind, string[]> {
  const prefix = `${names.base}-`;
  const all = `${prefix}*`;
  const logGroups = [logGroup(env, lambdaLogGroup(all)), logGroup(env, `/aws/kinesisfirehose/${all}`)];
  const roles = [role(env, names.functionRole), role(env, names.firehoseRole)];
  const { accountId } = env;
  return {
    "*": ["*"],
    stream: [kinesisStream.arn!(env, all)],
    // Kinesis server-side encryption is authorised on the key too (its ARN, by the authorization reference):
    // the AWS-managed one behind alias/aws/kinesis, whose id is not known in advance.
    kinesisKey: [kmsKey.arn!(env, "*")],
    deliveryStream: [kinesisFirehoseDeliveryStream.arn!(env, all)],
    function: [lambdaFunction.arn!(env, all)],
    functionRole: [roles[0]],
    firehoseRole: [roles[1]],
    // Exactly the stack's two roles: no other role can be created, changed or deleted.
    role: roles,
    queue: [queue(env, all)],
    topic: [snsTopic.arn!(env, all)],
    logGroup: logGroups,
    logStream: logGroups.map((g) => logStreamArnIn(g, "*")),
    alarm: [cloudwatchMetricAlarm.arn!(env, all)],
    dashboard: [cloudwatchDashboard.arn!(env, all)],
    rule: [cloudwatchEventRule.arn!(env, all)],
    glueCatalog: [glueCatalogArn(env)],
    glueDatabase: [glueCatalogDatabase.arn!(env, names.glueDatabase)],
    glueTable: [glueCatalogTable.arn!(env, "*", { databaseName: names.glueDatabase })],
    glueFunction: [arn(env, "glue", `userDefinedFunction/${names.glueDatabase}/*`)],
    glueRuleset: [glueDataQualityRuleset.arn!(env, names.curatedQualityRuleset)],
    workgroup: [athenaWorkgroup.arn!(env, names.athenaWorkgroup)],
    bucket: [bucket(env, all)],
    // Objects are only ever deleted by a destroy that empties a bucket: the query results always, the lake
    // only where the stack lets a destroy empty it.
    object: [
      `${bucket(env, names.athenaResults(accountId))}/*`,
      ...(facts.lakeForceDestroy ? [`${bucket(env, names.bucket(accountId))}/*`] : []),
    ],
  };
}
