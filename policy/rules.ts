/**
 * The mandatory rules of the stacks, as Pulumi stack-validation policies. Each looks at every resource the
 * program declares (type, props) and reports the resource that breaks it, by URN, with a message that
 * says what to change. Run by `pulumi preview/up --policy-pack policy`, and by the tests offline.
 */
import type {
  PolicyResource,
  ReportViolation,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import type { PolicyDocument } from "../components/security/policies";
import { wildcardProblems } from "../components/security/policy-checks";
import { cloudwatchLogGroup } from "../resource-types/cloudwatch/log-group";
import { iamPolicy } from "../resource-types/iam/policy";
import { iamRole } from "../resource-types/iam/role";
import { iamRolePolicy } from "../resource-types/iam/role-policy";
import { kinesisStream } from "../resource-types/kinesis/stream";
import { lambdaFunction } from "../resource-types/lambda/function";
import { s3Bucket } from "../resource-types/s3/bucket";
import { s3BucketPolicy } from "../resource-types/s3/bucket-policy";
import { s3BucketPublicAccessBlock } from "../resource-types/s3/bucket-public-access-block";
import { s3BucketServerSideEncryptionConfiguration } from "../resource-types/s3/bucket-server-side-encryption-configuration";
import { lambdaLogGroup } from "../model/names";
import { kmsKey } from "../resource-types/kms/key";
import { snsTopic } from "../resource-types/sns/topic";
import { lambdaPermission } from "../resource-types/lambda/permission";
import { iamRolePolicyAttachment } from "../resource-types/iam/role-policy-attachment";

type Resource = Pick<PolicyResource, "type" | "urn" | "name" | "props"> &
  Partial<Pick<PolicyResource, "propertyDependencies">>;

// The types the rules read: the registry's, and three the program does not declare but a rule must
// still hold to (the older bucket resources, a managed policy attached to a role).
const T = {
  bucket: s3Bucket.token,
  bucketV2: "aws:s3/bucketV2:BucketV2",
  publicAccess: s3BucketPublicAccessBlock.token,
  sse: s3BucketServerSideEncryptionConfiguration.token,
  sseV2: "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
  bucketPolicy: s3BucketPolicy.token,
  stream: kinesisStream.token,
  role: iamRole.token,
  rolePolicy: iamRolePolicy.token,
  policy: iamPolicy.token,
  attachment: iamRolePolicyAttachment.token,
  key: kmsKey.token,
  topic: snsTopic.token,
  topicPolicy: "aws:sns/topicPolicy:TopicPolicy",
  permission: lambdaPermission.token,
  function: lambdaFunction.token,
  logGroup: cloudwatchLogGroup.token,
};

const buckets = (resources: Resource[]) =>
  resources.filter((r) => r.type === T.bucket || r.type === T.bucketV2);

/** Whether `child` configures `bucket`: by its `bucket` prop, or (in a preview, before ids exist) by dependency. */
function configures(child: Resource, bucket: Resource): boolean {
  const target = child.props.bucket;
  if (target !== undefined && (target === bucket.props.bucket || target === bucket.props.id)) return true;
  return (child.propertyDependencies?.bucket ?? []).some((d) => d.urn === bucket.urn);
}

function parse(document: unknown): PolicyDocument | undefined {
  if (typeof document === "string") {
    try {
      return JSON.parse(document) as PolicyDocument;
    } catch {
      return undefined;
    }
  }
  return document as PolicyDocument | undefined;
}

const PUBLIC_ACLS = ["public-read", "public-read-write", "authenticated-read"];

/** The account of an ARN, when it names one. */
const accountOf = (arn: unknown): string | undefined =>
  typeof arn === "string" ? /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/.exec(arn)?.[1] : undefined;

/**
 * The stack's account: the one the ARNs of its resources name (known once they exist, and under the
 * mocks); undefined before any does, when a rule can only hold the policies to one account among them.
 */
function stackAccount(resources: Resource[]): string | undefined {
  for (const r of resources) {
    const account = accountOf(r.props.arn);
    if (account) return account;
  }
  return undefined;
}

/** The principals an Allow statement of a resource policy names outside `account` ("*" is everyone). */
function outsiders(document: PolicyDocument, account: string | undefined): string[] {
  const found: string[] = [];
  for (const s of document.Statement ?? []) {
    if (s.Effect !== "Allow") continue;
    const principal = s.Principal as unknown;
    if (principal === "*") {
      found.push("*");
      continue;
    }
    const p = (principal ?? {}) as { AWS?: string | string[]; Federated?: string | string[] };
    for (const aws of ([] as string[]).concat(p.AWS ?? [])) {
      const owner = /^\d{12}$/.test(aws) ? aws : accountOf(aws);
      if (aws === "*" || !owner || (account !== undefined && owner !== account)) found.push(aws);
    }
    for (const federated of ([] as string[]).concat(p.Federated ?? [])) found.push(federated);
  }
  return found;
}

/** The resource policies a stack declares: a bucket's, a key's, a topic's. */
function resourcePolicies(resources: Resource[]): { resource: Resource; document: PolicyDocument }[] {
  return resources.flatMap((r) => {
    const text =
      r.type === T.bucketPolicy || r.type === T.key || r.type === T.topic || r.type === T.topicPolicy
        ? r.props.policy
        : undefined;
    const document = parse(text);
    return document ? [{ resource: r, document }] : [];
  });
}

function stackPolicy(
  name: string,
  description: string,
  check: (resources: Resource[], report: (message: string, urn?: string) => void) => void,
): StackValidationPolicy {
  return {
    name,
    description,
    enforcementLevel: "mandatory",
    validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) =>
      check(args.resources, (message, urn) => reportViolation(message, urn)),
  };
}

export const rules: StackValidationPolicy[] = [
  stackPolicy(
    "s3-no-public-access",
    "Every bucket blocks all public access and has no public ACL.",
    (resources, report) => {
      for (const bucket of buckets(resources)) {
        if (PUBLIC_ACLS.includes(bucket.props.acl))
          report(`bucket ${bucket.name} has the public ACL "${bucket.props.acl}"`, bucket.urn);
        const block = resources.find((r) => r.type === T.publicAccess && configures(r, bucket));
        const flags = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];
        const off = block ? flags.filter((f) => block.props[f] !== true) : flags;
        if (off.length)
          report(
            `bucket ${bucket.name} needs a BucketPublicAccessBlock with ${off.join(", ")} set to true`,
            bucket.urn,
          );
      }
    },
  ),
  stackPolicy("s3-encryption", "Every bucket encrypts objects at rest by default.", (resources, report) => {
    for (const bucket of buckets(resources)) {
      const sse = resources.find((r) => (r.type === T.sse || r.type === T.sseV2) && configures(r, bucket));
      const algorithm = sse?.props.rules?.[0]?.applyServerSideEncryptionByDefault?.sseAlgorithm;
      const inline =
        bucket.props.serverSideEncryptionConfiguration?.rule?.applyServerSideEncryptionByDefault
          ?.sseAlgorithm;
      if (!["AES256", "aws:kms", "aws:kms:dsse"].includes(algorithm ?? inline)) {
        report(
          `bucket ${bucket.name} needs a default server-side encryption configuration (AES256 or aws:kms)`,
          bucket.urn,
        );
      }
    }
  }),
  stackPolicy(
    "s3-tls-only",
    "Every bucket's policy denies requests that do not use TLS, on the bucket and its objects.",
    (resources, report) => {
      for (const bucket of buckets(resources)) {
        const policy = resources.find((r) => r.type === T.bucketPolicy && configures(r, bucket));
        const document = parse(policy?.props.policy);
        const denies = (document?.Statement ?? []).some(
          (s) =>
            s.Effect === "Deny" &&
            ([] as string[]).concat(s.Action).some((a) => a === "s3:*") &&
            s.Condition?.Bool?.["aws:SecureTransport"] === "false" &&
            ([] as string[]).concat(s.Resource ?? []).some((r) => r.endsWith("/*")),
        );
        if (!denies)
          report(
            `bucket ${bucket.name} needs a bucket policy that denies s3:* when aws:SecureTransport is false`,
            bucket.urn,
          );
      }
    },
  ),
  stackPolicy("kinesis-encryption", "Every Kinesis stream is encrypted with KMS.", (resources, report) => {
    for (const stream of resources.filter((r) => r.type === T.stream)) {
      if (stream.props.encryptionType !== "KMS" || !stream.props.kmsKeyId) {
        report(
          `stream ${stream.name} must set encryptionType KMS and a kmsKeyId (alias/aws/kinesis at least)`,
          stream.urn,
        );
      }
    }
  }),
  stackPolicy(
    "iam-no-wildcards",
    "No wildcard in an allowed IAM action; a * in a resource only as the trailing object part under an exact bucket or the trailing part under an exact log group.",
    (resources, report) => {
      for (const r of resources) {
        const documents =
          r.type === T.rolePolicy || r.type === T.policy
            ? [r.props.policy]
            : r.type === T.role
              ? (r.props.inlinePolicies ?? []).map((p: { policy?: string }) => p.policy)
              : [];
        for (const d of documents) {
          const document = parse(d);
          if (!document) continue;
          for (const problem of wildcardProblems(document)) report(`${r.name}: ${problem}`, r.urn);
        }
      }
    },
  ),
  stackPolicy(
    "iam-no-full-access-managed-policies",
    "No role gets an AWS managed *FullAccess policy.",
    (resources, report) => {
      for (const r of resources) {
        const arns: string[] =
          r.type === T.attachment
            ? [r.props.policyArn]
            : r.type === T.role
              ? (r.props.managedPolicyArns ?? [])
              : [];
        // Anywhere in the name: AWS's newer full-access policies carry a suffix (AmazonDynamoDBFullAccess_v2).
        // test() reads a value that is not text by its string form ("undefined"), which names no policy.
        for (const arn of arns.filter((a) => /FullAccess/.test(a))) {
          report(
            `${r.name} attaches the managed policy ${arn}; grant exact actions on exact resources instead`,
            r.urn,
          );
        }
      }
    },
  ),
  stackPolicy(
    "lambda-explicit-role-runtime-log-retention",
    "Every function has an explicit role and runtime, and its log group /aws/lambda/<name> exists with a retention.",
    (resources, report) => {
      for (const fn of resources.filter((r) => r.type === T.function)) {
        if (!fn.props.role) report(`function ${fn.name} needs an explicit role`, fn.urn);
        if (!fn.props.runtime)
          report(
            `function ${fn.name} needs an explicit runtime (an omitted one is ignored on updates)`,
            fn.urn,
          );
        const logGroupName = lambdaLogGroup(fn.props.name);
        const group = resources.find((r) => r.type === T.logGroup && r.props.name === logGroupName);
        if (!group?.props.retentionInDays) {
          report(
            `function ${fn.name} needs a log group ${logGroupName} with retentionInDays, or Lambda creates one that never expires`,
            fn.urn,
          );
        }
      }
    },
  ),
  stackPolicy(
    "resource-policies-own-account",
    'No bucket, key or topic policy allows anyone outside the stack\'s account: an Allow names principals of that account or an AWS service, never "*".',
    (resources, report) => {
      const policies = resourcePolicies(resources);
      // Before any ARN is known, the policies are held to one account among them.
      const account =
        stackAccount(resources) ??
        policies
          .flatMap((p) => p.document.Statement ?? [])
          .flatMap((s) =>
            ([] as string[]).concat(((s.Principal ?? {}) as { AWS?: string | string[] }).AWS ?? []),
          )
          .map((a) => (/^\d{12}$/.test(a) ? a : accountOf(a)))
          .find((a) => a !== undefined);
      for (const { resource, document } of policies) {
        const outside = outsiders(document, account);
        if (outside.length)
          report(
            `${resource.name}'s policy allows ${outside.join(", ")}, outside the stack's account${account ? ` ${account}` : ""}: name the account's own principals or an AWS service`,
            resource.urn,
          );
      }
    },
  ),
  stackPolicy(
    "lambda-permission-schedule-only",
    "A function may be invoked by EventBridge only, from a rule of the stack's account named as its source.",
    (resources, report) => {
      const account = stackAccount(resources);
      for (const p of resources.filter((r) => r.type === T.permission)) {
        const source = p.props.sourceArn as string | undefined;
        const problems = [
          ...(p.props.principal !== "events.amazonaws.com"
            ? [`its principal is ${JSON.stringify(p.props.principal)}, not events.amazonaws.com`]
            : []),
          ...(typeof source !== "string"
            ? ["it names no sourceArn (any rule of any account could invoke)"]
            : !/^arn:[^:]+:events:[^:]+:\d{12}:rule\//.test(source)
              ? [`its sourceArn ${source} is no EventBridge rule`]
              : account !== undefined && accountOf(source) !== account
                ? [`its sourceArn ${source} is a rule of another account`]
                : []),
          ...(p.props.sourceAccount !== undefined &&
          account !== undefined &&
          p.props.sourceAccount !== account
            ? [`its sourceAccount ${p.props.sourceAccount} is another account`]
            : []),
          ...(p.props.functionUrlAuthType !== undefined ? ["it opens a function URL"] : []),
        ];
        for (const problem of problems) report(`permission ${p.name}: ${problem}`, p.urn);
      }
    },
  ),
];
