/**
 * Every physical name of a stack, derived from project and stack so that `test` and `prod` coexist in one
 * account, and the ARNs of the resources created after the roles that name them. SecurityRoles writes its
 * policies from these ARNs before the resources exist, which breaks the cycle (the function needs its role;
 * the role names the function's log group) without a wildcard; the tests check that every created resource
 * has exactly the planned ARN.
 */
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
  /** The Glue Data Quality ruleset of the curated table (quality/beers.dqdl). */
  curatedQualityRuleset: string;
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
  curatedQualityRuleset: 255,
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
 * The tag a resource carries when its creation can be scoped by nothing but a tag on the request (a Glue
 * Data Quality ruleset: the authorization reference names no resource for its creation). Its value is the
 * stack; the deploy role may create such a resource only with its own stack's value
 * (resource-types/glue/data-quality-ruleset.calls.json holds the same key in its condition).
 */
export const STACK_TAG = "punkapi:stack";

/** The log group Lambda writes a function's logs to: it names it itself, the program only declares it. */
export const lambdaLogGroup = (functionName: string): string => `/aws/lambda/${functionName}`;

/**
 * Every name from a stack's prefix (`<project>-<stack>`, StackNames.base): how a component derives the
 * names of what it declares from the prefix it is given. Unchecked: stackNames checks the stack's.
 */
export function namesOf(base: string): StackNames {
  return {
    base,
    stream: `${base}-beers`,
    function: `${base}-ingest`,
    functionLogGroup: lambdaLogGroup(`${base}-ingest`),
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
    curatedQualityRuleset: `${base}-curated-quality`,
    athenaResults: (accountId) => `${base}-lake-athena-${accountId}`,
    functionRole: `${base}-ingest`,
    firehoseRole: `${base}-firehose`,
    // Bucket names are global: the account id makes them unique without a random suffix.
    bucket: (accountId) => `${base}-lake-${accountId}`,
  };
}

/**
 * The bootstrap's own identities, under an IAM path of their own: no stack pattern (`role/<project>-<stack>-*`)
 * can match an ARN with a path, so no deploy role can touch them.
 */
export interface BootstrapNames {
  path: string;
  /** A stack's preview role: `pulumi preview` of that stack from a pull request. */
  previewRole: (stack: string) => string;
  /** The GitHub environment a stack's preview runs in (its role trusts only that environment's tokens). */
  previewEnvironment: (stack: string) => string;
  deployRole: (stack: string) => string;
  /** The permissions boundary every role of a stack carries. */
  boundaryPolicy: (stack: string) => string;
  /** The managed policy with a deploy role's grants on its stack's Pulumi state. */
  deployStatePolicy: (stack: string) => string;
  /** The alias of a stack's secrets key (its Pulumi secrets provider). */
  secretsKeyAlias: (stack: string) => string;
  stateBase: string;
}

export function bootstrapNames(project: string): BootstrapNames {
  return {
    path: `/${project}-bootstrap/`,
    previewRole: (stack) => `${project}-preview-${stack}`,
    previewEnvironment: (stack) => `preview-${stack}`,
    deployRole: (stack) => `${project}-deploy-${stack}`,
    boundaryPolicy: (stack) => `${project}-${stack}-boundary`,
    deployStatePolicy: (stack) => `${project}-deploy-${stack}-state`,
    secretsKeyAlias: (stack) => `alias/${project}-bootstrap/${stack}-secrets`,
    stateBase: `${project}-state`,
  };
}
