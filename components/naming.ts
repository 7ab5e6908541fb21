/**
 * Every physical name of a stack, derived from project and stack so that `test` and `prod` coexist in one
 * account, and the ARNs those names will have. SecurityRoles writes its policies from these ARNs before
 * the resources exist, which breaks the cycle (a role needs the stream's ARN; the function needs the
 * role) without a wildcard; the tests check that every created resource has exactly the planned ARN.
 */
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
  function: 64,
  functionRole: 64,
  firehoseRole: 64,
  deliveryStream: 64,
  curatedDeliveryStream: 64,
  glueDatabase: 255,
  scheduleRule: 64,
  failureQueue: 80,
  alarmTopic: 256,
  stream: 128,
};

export function stackNames(project: string, stack: string): StackNames {
  const base = `${project}-${stack}`;
  const names: StackNames = {
    base,
    stream: `${base}-beers`,
    function: `${base}-ingest`,
    functionLogGroup: `/aws/lambda/${base}-ingest`,
    failureQueue: `${base}-ingest-failures`,
    scheduleRule: `${base}-schedule`,
    alarmTopic: `${base}-alarms`,
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
  for (const [key, max] of Object.entries(MAX_LENGTH)) {
    const value = names[key as keyof StackNames] as string;
    if (value.length > max)
      throw new Error(`stack name "${stack}" is too long: ${key} name "${value}" exceeds ${max} characters`);
  }
  if (names.bucket("123456789012").length > 63)
    throw new Error(`stack name "${stack}" is too long for a bucket name (63 characters)`);
  return names;
}

export interface StackArns {
  stream: string;
  bucket: string;
  functionLogGroup: string;
  firehoseLogGroup: string;
  failureQueue: string;
  function: string;
  scheduleRule: string;
  deliveryStream: string;
  curatedDeliveryStream: string;
  glueCatalog: string;
  glueDatabase: string;
  curatedTable: string;
  rawTable: string;
}

export function stackArns(names: StackNames, env: AwsEnv): StackArns {
  const { partition: p, region: r, accountId: a } = env;
  return {
    stream: `arn:${p}:kinesis:${r}:${a}:stream/${names.stream}`,
    bucket: `arn:${p}:s3:::${names.bucket(a)}`,
    functionLogGroup: `arn:${p}:logs:${r}:${a}:log-group:${names.functionLogGroup}`,
    firehoseLogGroup: `arn:${p}:logs:${r}:${a}:log-group:${names.firehoseLogGroup}`,
    failureQueue: `arn:${p}:sqs:${r}:${a}:${names.failureQueue}`,
    function: `arn:${p}:lambda:${r}:${a}:function:${names.function}`,
    scheduleRule: `arn:${p}:events:${r}:${a}:rule/${names.scheduleRule}`,
    deliveryStream: `arn:${p}:firehose:${r}:${a}:deliverystream/${names.deliveryStream}`,
    curatedDeliveryStream: `arn:${p}:firehose:${r}:${a}:deliverystream/${names.curatedDeliveryStream}`,
    glueCatalog: `arn:${p}:glue:${r}:${a}:catalog`,
    glueDatabase: `arn:${p}:glue:${r}:${a}:database/${names.glueDatabase}`,
    curatedTable: `arn:${p}:glue:${r}:${a}:table/${names.glueDatabase}/beers_curated`,
    rawTable: `arn:${p}:glue:${r}:${a}:table/${names.glueDatabase}/beers_raw`,
  };
}
