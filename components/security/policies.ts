/**
 * Every policy document of the stack, as pure functions of exact ARNs, so tests can parse and check each
 * statement. Identity policies name exact resources; the only `*` is the trailing part under an exact
 * bucket prefix (`arn:aws:s3:::<bucket>/<prefix>*`) or an exact log group (`...:log-group:<name>:*`).
 */
import type { StackArns } from "../naming";
import { staticPart } from "../../config/firehose-prefix";

export interface Statement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Principal?: { Service: string } | { AWS: string | string[] } | { Federated: string } | "*";
  Action: string[];
  Resource?: string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: Statement[];
}

const doc = (...Statement: Statement[]): PolicyDocument => ({ Version: "2012-10-17", Statement });

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

/** The function: write to its stream, log to its own group, send failed events to its queue. */
export function functionPolicy(
  arns: Pick<StackArns, "stream" | "functionLogGroup" | "failureQueue">,
): PolicyDocument {
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
  arns: Pick<
    StackArns,
    "stream" | "bucket" | "firehoseLogGroup" | "glueCatalog" | "glueDatabase" | "curatedTable"
  >;
  logStreams: string[];
  prefixes: string[];
}

/**
 * Firehose (both delivery streams): read the stream, write objects under the configured prefixes only,
 * read the curated table's schema for the Parquet conversion, log to its log streams.
 */
export function firehosePolicy({ arns, logStreams, prefixes }: FirehosePolicyArgs): PolicyDocument {
  const objectArns = [...new Set(prefixes.map((p) => `${arns.bucket}/${staticPart(p)}*`))];
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
      Resource: logStreams.map((s) => `${arns.firehoseLogGroup}:log-stream:${s}`),
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

/**
 * Key policy of the alarm topic's key. CloudWatch cannot publish to a topic encrypted with the AWS-managed
 * SNS key, so the topic has its own key; in a key policy the resource "*" is that key itself.
 */
export function alarmKeyPolicy(env: { partition: string; accountId: string }): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AccountAdministers",
        Effect: "Allow",
        Principal: { AWS: `arn:${env.partition}:iam::${env.accountId}:root` },
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
        Sid: "CloudWatchAlarmsPublish",
        Effect: "Allow",
        Principal: { Service: "cloudwatch.amazonaws.com" },
        Action: ["kms:Decrypt", "kms:GenerateDataKey"],
        Resource: ["*"],
        Condition: { StringEquals: { "aws:SourceAccount": env.accountId } },
      },
    ],
  };
}
