/**
 * Every policy document of the stack, as pure functions of exact ARNs, so tests can parse and check each
 * statement. Identity policies name exact resources; the only `*` is the trailing part under an exact
 * bucket prefix (`arn:aws:s3:::<bucket>/<prefix>*`) or an exact log group (`...:log-group:<name>:*`).
 */
import { AwsEnv, StackNames } from "../../model/names";
import { stackPatterns } from "../../iam/stack-arns";
import { policyDocument as doc, PolicyDocument } from "../../iam/policy-document";
import { kindsOf, Phase, PHASES, rowsFor } from "../../iam/provider-calls";
import { arn } from "../../model/arn";
import { kmsKey } from "../../resource-types/kms/key";
import { logStreamArnIn } from "../../resource-types/cloudwatch/log-stream";

export type { PolicyDocument, Statement } from "../../iam/policy-document";

export function lambdaTrustPolicy(): PolicyDocument {
  return doc({
    Effect: "Allow",
    Principal: { Service: "lambda.amazonaws.com" },
    Action: ["sts:AssumeRole"],
  });
}

/** Firehose assumes the role only on behalf of this account (the condition Firehose's guide prescribes). */
export function firehoseTrustPolicy(accountId: string): PolicyDocument {
  return doc({
    Effect: "Allow",
    Principal: { Service: "firehose.amazonaws.com" },
    Action: ["sts:AssumeRole"],
    Condition: { StringEquals: { "sts:ExternalId": accountId } },
  });
}

/** The ARNs a policy grants on, by what each names. */
type Arns<K extends string> = Record<K, string>;

/** The function: write to its stream, log to its own group, send failed events to its queue. */
export function functionPolicy(arns: Arns<"stream" | "functionLogGroup" | "failureQueue">): PolicyDocument {
  return doc(
    {
      Sid: "PutBeers",
      Effect: "Allow",
      Action: ["kinesis:PutRecord", "kinesis:PutRecords"],
      Resource: [arns.stream],
    },
    {
      Sid: "OwnLogs",
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: [`${arns.functionLogGroup}:*`],
    },
    {
      Sid: "FailureDestination",
      Effect: "Allow",
      Action: ["sqs:SendMessage"],
      Resource: [arns.failureQueue],
    },
  );
}

export interface FirehosePolicyArgs {
  arns: Arns<"stream" | "bucket" | "firehoseLogGroup" | "glueCatalog" | "glueDatabase" | "curatedTable">;
  logStreams: string[];
  /** Where objects may be written: the literal starts of the lake's prefixes (model/lake.ts). */
  prefixes: string[];
}

/**
 * Firehose (both delivery streams): read the stream, write objects under the configured prefixes only,
 * read the curated table's schema for the Parquet conversion, log to its log streams.
 */
export function firehosePolicy({ arns, logStreams, prefixes }: FirehosePolicyArgs): PolicyDocument {
  const objectArns = [...new Set(prefixes.map((p) => `${arns.bucket}/${p}*`))];
  return doc(
    {
      Sid: "ReadStream",
      Effect: "Allow",
      Action: [
        "kinesis:DescribeStream",
        "kinesis:DescribeStreamSummary",
        "kinesis:GetShardIterator",
        "kinesis:GetRecords",
        "kinesis:ListShards",
      ],
      Resource: [arns.stream],
    },
    {
      Sid: "Bucket",
      Effect: "Allow",
      Action: ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"],
      Resource: [arns.bucket],
    },
    {
      Sid: "Objects",
      Effect: "Allow",
      Action: ["s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject"],
      Resource: objectArns,
    },
    {
      Sid: "CuratedSchema",
      Effect: "Allow",
      Action: ["glue:GetTable", "glue:GetTableVersion", "glue:GetTableVersions"],
      Resource: [arns.glueCatalog, arns.glueDatabase, arns.curatedTable],
    },
    {
      Sid: "DeliveryLogs",
      Effect: "Allow",
      Action: ["logs:PutLogEvents"],
      Resource: logStreams.map((s) => logStreamArnIn(arns.firehoseLogGroup, s)),
    },
  );
}

/** Bucket policy: refuse every request that does not use TLS. */
export function tlsOnlyBucketPolicy(bucketArn: string): PolicyDocument {
  return doc({
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: ["s3:*"],
    Resource: [bucketArn, `${bucketArn}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  });
}

/** The actions the permission table says the provider makes on a KMS key, in the given phases. */
function keyActions(phases: readonly Phase[]): string[] {
  const rows = rowsFor("stacks", phases, [kmsKey.token]).filter((r) => kindsOf(r).includes("key"));
  // The table's order is fixed already: sorting only makes the key policy read alphabetically.
  // Stryker disable next-line MethodExpression: 1 equivalent mutant, the same actions in another order.
  return [...new Set(rows.map((r) => r.action))].sort();
}

export interface KeyUsers {
  /** The stack's deploy role: every call the provider makes on the key. */
  deployRoleArn: string;
  /** The preview role: the reads of a refresh. */
  previewRoleArn: string;
}

/**
 * Key policy of the alarm topic's key. CloudWatch cannot publish to a topic encrypted with the AWS-managed
 * SNS key, so the topic has its own key; in a key policy the resource "*" is that key itself. The pipeline's
 * roles are named here, not granted by IAM on `key/*`: a role that may manage "keys tagged X" can tag any
 * key whose policy delegates to IAM and take it over.
 */
export function alarmKeyPolicy(
  env: { partition: string; accountId: string },
  users: KeyUsers,
): PolicyDocument {
  return doc(
    {
      Sid: "AccountAdministers",
      Effect: "Allow",
      Principal: { AWS: arn(env, "iam", "root", "account") },
      Action: [
        "kms:CancelKeyDeletion",
        "kms:Decrypt",
        "kms:DescribeKey",
        "kms:DisableKey",
        "kms:EnableKey",
        "kms:EnableKeyRotation",
        "kms:GenerateDataKey",
        "kms:GetKeyPolicy",
        "kms:GetKeyRotationStatus",
        "kms:ListResourceTags",
        "kms:PutKeyPolicy",
        "kms:ScheduleKeyDeletion",
        "kms:TagResource",
        "kms:UntagResource",
        "kms:UpdateKeyDescription",
      ],
      Resource: ["*"],
    },
    {
      Sid: "DeployRoleManages",
      Effect: "Allow",
      Principal: { AWS: users.deployRoleArn },
      Action: keyActions(PHASES),
      Resource: ["*"],
    },
    {
      Sid: "PreviewRoleReads",
      Effect: "Allow",
      Principal: { AWS: users.previewRoleArn },
      Action: keyActions(["read"]),
      Resource: ["*"],
    },
    {
      Sid: "CloudWatchAlarmsPublish",
      Effect: "Allow",
      Principal: { Service: "cloudwatch.amazonaws.com" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: ["*"],
      Condition: { StringEquals: { "aws:SourceAccount": env.accountId } },
    },
  );
}

/**
 * The permissions boundary of every role a stack declares: at most what its function and delivery roles
 * need, on that stack's resources. The stacks' own policies are written exactly; this is their ceiling,
 * so even a rewritten inline policy cannot reach past the stack. Built from the same policy functions.
 */
export function stackRoleBoundary(names: StackNames, env: AwsEnv): PolicyDocument {
  // The boundary reads no object pattern, the only one lakeForceDestroy changes.
  // Stryker disable next-line BooleanLiteral,ObjectLiteral: 2 equivalent mutants, `{}` and `true` (see above).
  const p = stackPatterns(names, env, { lakeForceDestroy: false });
  const bucket = p.bucket[0];
  const functionStatements = functionPolicy({
    stream: p.stream[0],
    functionLogGroup: p.logGroup[0],
    failureQueue: p.queue[0],
  }).Statement;
  const firehoseStatements = firehosePolicy({
    arns: {
      stream: p.stream[0],
      bucket,
      firehoseLogGroup: p.logGroup[1],
      glueCatalog: p.glueCatalog[0],
      glueDatabase: p.glueDatabase[0],
      curatedTable: p.glueTable[0],
    },
    logStreams: ["*"],
    prefixes: [""],
  }).Statement;
  return doc(
    // Every statement of the two policies is named (test/components/policies.test.ts): their Sids, prefixed.
    ...[...functionStatements, ...firehoseStatements].map((s) => ({ ...s, Sid: `Boundary${s.Sid!}` })),
  );
}
