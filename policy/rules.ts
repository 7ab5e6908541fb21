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
  attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
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
];
