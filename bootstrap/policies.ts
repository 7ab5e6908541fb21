/**
 * The bootstrap's policy documents, as pure functions. Roles are trusted only by this repository's GitHub
 * workflows through OIDC: the preview role by pull requests, the deploy role by main and by the test and
 * prod environments. Their permissions name exact ARNs where one exists, and otherwise the pipeline's own
 * name patterns (`<project>-*`), since one role deploys every stack; no action has a wildcard.
 */
import type { PolicyDocument, Statement } from "../components/security/policies";

export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";

export interface Scope {
  partition: string;
  region: string;
  accountId: string;
  project: string;
  stateBucketArn: string;
  stateKeyArn: string;
}

/** Actions AWS authorises only on "*": they name no resource. */
export const UNSCOPED_ACTIONS = [
  "sts:GetCallerIdentity",
  "logs:DescribeLogGroups",
  "cloudwatch:DescribeAlarms",
  // Only with the request tag project=<project> (the key being created has no ARN yet).
  "kms:CreateKey",
  "kms:TagResource",
];

export function githubTrustPolicy(oidcProviderArn: string, subjects: string[]): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: oidcProviderArn },
        Action: ["sts:AssumeRoleWithWebIdentity"],
        Condition: {
          StringEquals: {
            [`${GITHUB_OIDC_HOST}:aud`]: "sts.amazonaws.com",
            [`${GITHUB_OIDC_HOST}:sub`]: subjects,
          },
        },
      },
    ],
  };
}

export const previewSubjects = (repo: string) => [`repo:${repo}:pull_request`];
export const deploySubjects = (repo: string) => [
  `repo:${repo}:ref:refs/heads/main`,
  `repo:${repo}:environment:test`,
  `repo:${repo}:environment:prod`,
];

/** ARN patterns of what the pipeline's stacks create (names derived in components/naming.ts). */
export function stackPatterns(s: Scope) {
  const { partition: p, region: r, accountId: a, project } = s;
  return {
    stream: `arn:${p}:kinesis:${r}:${a}:stream/${project}-*`,
    function: `arn:${p}:lambda:${r}:${a}:function:${project}-*`,
    role: `arn:${p}:iam::${a}:role/${project}-*`,
    rule: `arn:${p}:events:${r}:${a}:rule/${project}-*`,
    queue: `arn:${p}:sqs:${r}:${a}:${project}-*`,
    topic: `arn:${p}:sns:${r}:${a}:${project}-*`,
    logGroups: [
      `arn:${p}:logs:${r}:${a}:log-group:/aws/lambda/${project}-*`,
      `arn:${p}:logs:${r}:${a}:log-group:/aws/kinesisfirehose/${project}-*`,
    ],
    bucket: `arn:${p}:s3:::${project}-*-lake-*`,
    deliveryStream: `arn:${p}:firehose:${r}:${a}:deliverystream/${project}-*`,
    alarm: `arn:${p}:cloudwatch:${r}:${a}:alarm:${project}-*`,
    key: `arn:${p}:kms:${r}:${a}:key/*`,
    // Glue names use underscores (components/naming.ts); a table action needs catalog, database and table.
    glue: [
      `arn:${p}:glue:${r}:${a}:catalog`,
      `arn:${p}:glue:${r}:${a}:database/${project.replace(/-/g, "_")}_*`,
      `arn:${p}:glue:${r}:${a}:table/${project.replace(/-/g, "_")}_*/*`,
    ],
    workgroup: `arn:${p}:athena:${r}:${a}:workgroup/${project}-*`,
  };
}

function stateAccess(s: Scope, write: boolean): Statement[] {
  return [
    {
      Sid: "StateBucket",
      Effect: "Allow",
      Action: ["s3:GetBucketLocation", "s3:ListBucket"],
      Resource: [s.stateBucketArn],
    },
    {
      Sid: "StateObjects",
      Effect: "Allow",
      Action: write ? ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"] : ["s3:GetObject"],
      Resource: [`${s.stateBucketArn}/.pulumi/*`],
    },
    // Even a preview takes the stack's lock.
    {
      Sid: "StateLocks",
      Effect: "Allow",
      Action: ["s3:DeleteObject", "s3:PutObject"],
      Resource: [`${s.stateBucketArn}/.pulumi/locks/*`],
    },
    {
      Sid: "StateKey",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"],
      Resource: [s.stateKeyArn],
    },
    { Sid: "Identity", Effect: "Allow", Action: ["sts:GetCallerIdentity"], Resource: ["*"] },
  ];
}

const READ: Record<string, string[]> = {
  stream: ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:ListTagsForStream"],
  function: [
    "lambda:GetFunction",
    "lambda:GetFunctionCodeSigningConfig",
    "lambda:GetFunctionConfiguration",
    "lambda:GetFunctionEventInvokeConfig",
    "lambda:GetPolicy",
    "lambda:ListTags",
    "lambda:ListVersionsByFunction",
  ],
  role: ["iam:GetRole", "iam:GetRolePolicy", "iam:ListAttachedRolePolicies", "iam:ListRolePolicies"],
  rule: ["events:DescribeRule", "events:ListTagsForResource", "events:ListTargetsByRule"],
  queue: ["sqs:GetQueueAttributes", "sqs:ListQueueTags"],
  topic: ["sns:GetSubscriptionAttributes", "sns:GetTopicAttributes", "sns:ListTagsForResource"],
  logGroups: ["logs:ListTagsForResource"],
  // The provider's Bucket reads every bucket setting on refresh, configured or not.
  bucket: [
    "s3:GetAccelerateConfiguration",
    "s3:GetBucketAcl",
    "s3:GetBucketCORS",
    "s3:GetBucketLocation",
    "s3:GetBucketLogging",
    "s3:GetBucketObjectLockConfiguration",
    "s3:GetBucketOwnershipControls",
    "s3:GetBucketRequestPayment",
    "s3:GetBucketWebsite",
    "s3:GetReplicationConfiguration",
    "s3:GetBucketPolicy",
    "s3:GetBucketPublicAccessBlock",
    "s3:GetBucketTagging",
    "s3:GetBucketVersioning",
    "s3:GetEncryptionConfiguration",
    "s3:GetLifecycleConfiguration",
  ],
  deliveryStream: ["firehose:DescribeDeliveryStream", "firehose:ListTagsForDeliveryStream"],
  alarm: ["cloudwatch:ListTagsForResource"],
  key: ["kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListResourceTags"],
  glue: ["glue:GetDatabase", "glue:GetTable", "glue:GetTags"],
  workgroup: ["athena:GetWorkGroup", "athena:ListTagsForResource"],
};

const WRITE: Record<string, string[]> = {
  stream: [
    "kinesis:AddTagsToStream",
    "kinesis:CreateStream",
    "kinesis:DecreaseStreamRetentionPeriod",
    "kinesis:DeleteStream",
    "kinesis:IncreaseStreamRetentionPeriod",
    "kinesis:RemoveTagsFromStream",
    "kinesis:StartStreamEncryption",
    "kinesis:UpdateShardCount",
    "kinesis:UpdateStreamMode",
  ],
  function: [
    "lambda:AddPermission",
    "lambda:CreateFunction",
    "lambda:DeleteFunction",
    "lambda:DeleteFunctionEventInvokeConfig",
    "lambda:PutFunctionEventInvokeConfig",
    "lambda:RemovePermission",
    "lambda:TagResource",
    "lambda:UntagResource",
    "lambda:UpdateFunctionCode",
    "lambda:UpdateFunctionConfiguration",
    "lambda:UpdateFunctionEventInvokeConfig",
  ],
  role: [
    "iam:CreateRole",
    "iam:DeleteRole",
    "iam:DeleteRolePolicy",
    "iam:ListInstanceProfilesForRole",
    "iam:PutRolePolicy",
    "iam:TagRole",
    "iam:UntagRole",
    "iam:UpdateAssumeRolePolicy",
    "iam:UpdateRole",
  ],
  rule: [
    "events:DeleteRule",
    "events:PutRule",
    "events:PutTargets",
    "events:RemoveTargets",
    "events:TagResource",
    "events:UntagResource",
  ],
  queue: ["sqs:CreateQueue", "sqs:DeleteQueue", "sqs:SetQueueAttributes", "sqs:TagQueue", "sqs:UntagQueue"],
  topic: [
    "sns:CreateTopic",
    "sns:DeleteTopic",
    "sns:SetSubscriptionAttributes",
    "sns:SetTopicAttributes",
    "sns:Subscribe",
    "sns:TagResource",
    "sns:Unsubscribe",
    "sns:UntagResource",
  ],
  logGroups: [
    "logs:CreateLogGroup",
    "logs:CreateLogStream",
    "logs:DeleteLogGroup",
    "logs:DeleteLogStream",
    "logs:DescribeLogStreams",
    "logs:PutRetentionPolicy",
    "logs:TagResource",
    "logs:UntagResource",
  ],
  bucket: [
    "s3:CreateBucket",
    "s3:DeleteBucket",
    "s3:DeleteBucketPolicy",
    "s3:PutBucketOwnershipControls",
    "s3:PutBucketPolicy",
    "s3:PutBucketPublicAccessBlock",
    "s3:PutBucketTagging",
    "s3:PutBucketVersioning",
    "s3:PutEncryptionConfiguration",
    "s3:PutLifecycleConfiguration",
  ],
  deliveryStream: [
    "firehose:CreateDeliveryStream",
    "firehose:DeleteDeliveryStream",
    "firehose:TagDeliveryStream",
    "firehose:UntagDeliveryStream",
    "firehose:UpdateDestination",
  ],
  alarm: [
    "cloudwatch:DeleteAlarms",
    "cloudwatch:PutMetricAlarm",
    "cloudwatch:TagResource",
    "cloudwatch:UntagResource",
  ],
  key: [
    "kms:EnableKeyRotation",
    "kms:PutKeyPolicy",
    "kms:ScheduleKeyDeletion",
    "kms:TagResource",
    "kms:UntagResource",
    "kms:UpdateKeyDescription",
  ],
  glue: [
    "glue:CreateDatabase",
    "glue:CreateTable",
    "glue:DeleteDatabase",
    "glue:DeleteTable",
    "glue:TagResource",
    "glue:UntagResource",
    "glue:UpdateDatabase",
    "glue:UpdateTable",
  ],
  workgroup: [
    "athena:CreateWorkGroup",
    "athena:DeleteWorkGroup",
    "athena:TagResource",
    "athena:UntagResource",
    "athena:UpdateWorkGroup",
  ],
};

function perResource(s: Scope, actions: Record<string, string[]>, sidPrefix: string): Statement[] {
  const patterns = stackPatterns(s);
  return Object.entries(actions).map(([kind, list]) => {
    const resource = patterns[kind as keyof typeof patterns];
    const statement: Statement = {
      Sid: `${sidPrefix}${kind[0].toUpperCase()}${kind.slice(1)}`,
      Effect: "Allow",
      Action: list,
      Resource: ([] as string[]).concat(resource),
    };
    // Keys have no name to match: only the pipeline's tagged keys.
    if (kind === "key") statement.Condition = { StringEquals: { "aws:ResourceTag/project": s.project } };
    return statement;
  });
}

/** Read-only on the stacks' resources, and the state. */
export function previewPolicy(s: Scope): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      ...stateAccess(s, false),
      ...perResource(s, READ, "Read"),
      {
        Sid: "ReadUnscoped",
        Effect: "Allow",
        Action: ["cloudwatch:DescribeAlarms", "logs:DescribeLogGroups"],
        Resource: ["*"],
      },
    ],
  };
}

/** What deploying the stacks takes, on the stacks' resources only, and the state. */
export function deployPolicy(s: Scope): PolicyDocument {
  const write = Object.fromEntries(
    Object.entries(WRITE).map(([k, v]) => [k, [...(READ[k] ?? []), ...v].sort()]),
  );
  const patterns = stackPatterns(s);
  return {
    Version: "2012-10-17",
    Statement: [
      ...stateAccess(s, true),
      ...perResource(s, write, "Manage"),
      {
        Sid: "ReadUnscoped",
        Effect: "Allow",
        Action: ["cloudwatch:DescribeAlarms", "logs:DescribeLogGroups"],
        Resource: ["*"],
      },
      {
        Sid: "CreateTaggedKeys",
        Effect: "Allow",
        Action: ["kms:CreateKey", "kms:TagResource"],
        Resource: ["*"],
        Condition: { StringEquals: { "aws:RequestTag/project": s.project } },
      },
      {
        Sid: "PassPipelineRoles",
        Effect: "Allow",
        Action: ["iam:PassRole"],
        Resource: [patterns.role],
        Condition: {
          StringEquals: { "iam:PassedToService": ["firehose.amazonaws.com", "lambda.amazonaws.com"] },
        },
      },
    ],
  };
}

/** State bucket: TLS only, and nobody but the two roles and the named admins. */
export function stateBucketPolicy(bucketArn: string, allowedPrincipalArns: string[]): PolicyDocument {
  const everything = [bucketArn, `${bucketArn}/*`];
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: ["s3:*"],
        Resource: everything,
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
      {
        Sid: "DenyOtherPrincipals",
        Effect: "Deny",
        Principal: "*",
        Action: ["s3:*"],
        Resource: everything,
        Condition: { ArnNotEquals: { "aws:PrincipalArn": allowedPrincipalArns } },
      },
    ],
  };
}

/** State key: administered by the admins, used by the two roles (and S3 on their behalf). */
export function stateKeyPolicy(
  accountId: string,
  partition: string,
  admins: string[],
  users: string[],
): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AccountRootForRecovery",
        Effect: "Allow",
        Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
        Action: ["kms:DescribeKey", "kms:GetKeyPolicy", "kms:PutKeyPolicy"],
        Resource: ["*"],
      },
      {
        Sid: "Administer",
        Effect: "Allow",
        Principal: { AWS: admins },
        Action: [
          "kms:CancelKeyDeletion",
          "kms:Decrypt",
          "kms:DescribeKey",
          "kms:DisableKey",
          "kms:EnableKey",
          "kms:EnableKeyRotation",
          "kms:Encrypt",
          "kms:GenerateDataKey",
          "kms:GetKeyPolicy",
          "kms:GetKeyRotationStatus",
          "kms:PutKeyPolicy",
          "kms:ScheduleKeyDeletion",
          "kms:TagResource",
        ],
        Resource: ["*"],
      },
      {
        Sid: "Use",
        Effect: "Allow",
        Principal: { AWS: users },
        Action: ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"],
        Resource: ["*"],
      },
    ],
  };
}
