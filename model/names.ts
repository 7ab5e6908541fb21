/**
 * Every physical name of a stack, derived from project and stack so that `test` and `prod` coexist in one
 * account, and the ARNs of the resources created after the roles that name them. SecurityRoles writes its
 * policies from these ARNs before the resources exist, which breaks the cycle (the function needs its role;
 * the role names the function's log group) without a wildcard; the tests check that every created resource
 * has exactly the planned ARN.
 */
import type { Kind } from "../iam/provider-calls";
import { isStackName, STACK_NAME_RULE } from "../config/stack-name";

export interface AwsEnv {
  partition: string;
  region: string;
  accountId: string;
}

export interface StackNames {
  base: string;
  stream: string;
  function: string;
  functionLogGroup: string;
  failureQueue: string;
  scheduleRule: string;
  alarmTopic: string;
  dashboard: string;
  deliveryStream: string;
  curatedDeliveryStream: string;
  firehoseLogGroup: string;
  curatedLogStream: string;
  glueDatabase: string;
  athenaWorkgroup: string;
  athenaResults: (accountId: string) => string;
  firehoseLogStream: string;
  functionRole: string;
  firehoseRole: string;
  bucket: (accountId: string) => string;
}

/** Service limits on name length, checked so a long stack name fails here and not halfway through a deploy. */
const MAX_LENGTH: Partial<Record<keyof StackNames, number>> = {
  // Both are S3 bucket names (3 to 63 characters), the results bucket 7 characters longer.
  bucket: 63,
  athenaResults: 63,
  function: 64,
  functionRole: 64,
  firehoseRole: 64,
  deliveryStream: 64,
  curatedDeliveryStream: 64,
  glueDatabase: 255,
  scheduleRule: 64,
  failureQueue: 80,
  alarmTopic: 256,
  dashboard: 255,
  stream: 128,
};

export function stackNames(project: string, stack: string): StackNames {
  if (!isStackName(stack)) throw new Error(`stack name "${stack}" must be ${STACK_NAME_RULE}`);
  const names = namesOf(`${project}-${stack}`);
  for (const [key, max] of Object.entries(MAX_LENGTH)) {
    const name = names[key as keyof StackNames];
    // A bucket's name ends in the account id, always 12 digits: any id gives its length.
    const value = typeof name === "function" ? name("123456789012") : name;
    if (value.length > max)
      throw new Error(`stack name "${stack}" is too long: ${key} name "${value}" exceeds ${max} characters`);
  }
  return names;
}

/**
 * Every name from a stack's prefix (`<project>-<stack>`, StackNames.base): how a component derives the
 * names of what it declares from the prefix it is given. Unchecked: stackNames checks the stack's.
 */
export function namesOf(base: string): StackNames {
  return {
    base,
    stream: `${base}-beers`,
    function: `${base}-ingest`,
    functionLogGroup: `/aws/lambda/${base}-ingest`,
    failureQueue: `${base}-ingest-failures`,
    scheduleRule: `${base}-schedule`,
    alarmTopic: `${base}-alarms`,
    dashboard: `${base}-operations`,
    deliveryStream: `${base}-delivery`,
    curatedDeliveryStream: `${base}-curated`,
    firehoseLogGroup: `/aws/kinesisfirehose/${base}-delivery`,
    firehoseLogStream: "S3Delivery",
    curatedLogStream: "S3DeliveryCurated",
    // Glue and Athena names: lower case, underscores (Athena cannot quote a hyphenated database everywhere).
    glueDatabase: base.replace(/-/g, "_"),
    athenaWorkgroup: base,
    athenaResults: (accountId) => `${base}-lake-athena-${accountId}`,
    functionRole: `${base}-ingest`,
    firehoseRole: `${base}-firehose`,
    // Bucket names are global: the account id makes them unique without a random suffix.
    bucket: (accountId) => `${base}-lake-${accountId}`,
  };
}

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
  const { partition: p, region: r, accountId: a } = env;
  return {
    functionLogGroup: `arn:${p}:logs:${r}:${a}:log-group:${names.functionLogGroup}`,
    firehoseLogGroup: `arn:${p}:logs:${r}:${a}:log-group:${names.firehoseLogGroup}`,
    failureQueue: `arn:${p}:sqs:${r}:${a}:${names.failureQueue}`,
    glueCatalog: `arn:${p}:glue:${r}:${a}:catalog`,
  };
}

/**
 * The bootstrap's own identities, under an IAM path of their own: no stack pattern (`role/<project>-<stack>-*`)
 * can match an ARN with a path, so no deploy role can touch them.
 */
export interface BootstrapNames {
  path: string;
  previewRole: string;
  deployRole: (stack: string) => string;
  /** The permissions boundary every role of a stack carries. */
  boundaryPolicy: (stack: string) => string;
  /** The alias of a stack's secrets key (its Pulumi secrets provider). */
  secretsKeyAlias: (stack: string) => string;
  stateBase: string;
}

export function bootstrapNames(project: string): BootstrapNames {
  return {
    path: `/${project}-bootstrap/`,
    previewRole: `${project}-preview`,
    deployRole: (stack) => `${project}-deploy-${stack}`,
    boundaryPolicy: (stack) => `${project}-${stack}-boundary`,
    secretsKeyAlias: (stack) => `alias/${project}-bootstrap/${stack}-secrets`,
    stateBase: `${project}-state`,
  };
}

export interface BootstrapArns {
  previewRole: string;
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
  const iam = `arn:${env.partition}:iam::${env.accountId}`;
  return {
    previewRole: `${iam}:role${n.path}${n.previewRole}`,
    deployRole: (stack) => `${iam}:role${n.path}${n.deployRole(stack)}`,
    boundaryPolicy: (stack) => `${iam}:policy${n.path}${n.boundaryPolicy(stack)}`,
    ownRoles: `${iam}:role${n.path}*`,
    ownPolicies: `${iam}:policy${n.path}*`,
    githubProvider: `${iam}:oidc-provider/token.actions.githubusercontent.com`,
  };
}

/**
 * The ARN patterns of everything one stack may create, by the kind of resource (iam/provider-calls.ts):
 * what its deploy role is granted on. Every pattern starts with the stack's own name prefix or names an
 * exact resource of the stack.
 */
export type StackKind = Exclude<
  Kind,
  | "key"
  | "policy"
  | "oidcProvider"
  | "alias"
  | "stateBucket"
  | "stateMeta"
  | "stackState"
  | "stackLocks"
  | "stateKey"
  | "stackSecretsKey"
>;

export interface StackFacts {
  /** Whether the stack's lake bucket may be emptied on destroy (its bucketForceDestroy). */
  lakeForceDestroy: boolean;
}

export function stackPatterns(
  names: StackNames,
  env: AwsEnv,
  facts: StackFacts,
): Record<StackKind, string[]> {
  const { partition: p, region: r, accountId: a } = env;
  const prefix = `${names.base}-`;
  const logGroups = [
    `arn:${p}:logs:${r}:${a}:log-group:/aws/lambda/${prefix}*`,
    `arn:${p}:logs:${r}:${a}:log-group:/aws/kinesisfirehose/${prefix}*`,
  ];
  const glue = `arn:${p}:glue:${r}:${a}`;
  return {
    "*": ["*"],
    stream: [`arn:${p}:kinesis:${r}:${a}:stream/${prefix}*`],
    // Kinesis server-side encryption is authorised on the key too (its ARN, by the authorization reference):
    // the AWS-managed one behind alias/aws/kinesis, whose id is not known in advance.
    kinesisKey: [`arn:${p}:kms:${r}:${a}:key/*`],
    deliveryStream: [`arn:${p}:firehose:${r}:${a}:deliverystream/${prefix}*`],
    function: [`arn:${p}:lambda:${r}:${a}:function:${prefix}*`],
    functionRole: [`arn:${p}:iam::${a}:role/${names.functionRole}`],
    firehoseRole: [`arn:${p}:iam::${a}:role/${names.firehoseRole}`],
    // Exactly the stack's two roles: no other role can be created, changed or deleted.
    role: [`arn:${p}:iam::${a}:role/${names.functionRole}`, `arn:${p}:iam::${a}:role/${names.firehoseRole}`],
    queue: [`arn:${p}:sqs:${r}:${a}:${prefix}*`],
    topic: [`arn:${p}:sns:${r}:${a}:${prefix}*`],
    logGroup: logGroups,
    logStream: logGroups.map((g) => `${g}:log-stream:*`),
    alarm: [`arn:${p}:cloudwatch:${r}:${a}:alarm:${prefix}*`],
    dashboard: [`arn:${p}:cloudwatch::${a}:dashboard/${prefix}*`],
    rule: [`arn:${p}:events:${r}:${a}:rule/${prefix}*`],
    glueCatalog: [`${glue}:catalog`],
    glueDatabase: [`${glue}:database/${names.glueDatabase}`],
    glueTable: [`${glue}:table/${names.glueDatabase}/*`],
    glueFunction: [`${glue}:userDefinedFunction/${names.glueDatabase}/*`],
    workgroup: [`arn:${p}:athena:${r}:${a}:workgroup/${names.athenaWorkgroup}`],
    bucket: [`arn:${p}:s3:::${prefix}*`],
    // Objects are only ever deleted by a destroy that empties a bucket: the query results always, the lake
    // only where the stack lets a destroy empty it.
    object: [
      `arn:${p}:s3:::${names.athenaResults(a)}/*`,
      ...(facts.lakeForceDestroy ? [`arn:${p}:s3:::${names.bucket(a)}/*`] : []),
    ],
  };
}
