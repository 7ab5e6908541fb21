/**
 * The policy pack's rules, offline: over every resource the real program declares for both stacks (from
 * the mocks) they all pass; over crafted bad resources each fails with its message.
 */
import { expect } from "chai";
import type { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import { rules } from "../../policy/rules";
import { runStack } from "../helpers/program";

type R = Pick<PolicyResource, "type" | "urn" | "name" | "props">;

async function stackResources(stack: string): Promise<R[]> {
  const run = await runStack(stack);
  return run.resources
    .filter((r) => r.custom)
    .map((r) => ({ type: r.type, urn: r.urn, name: r.name, props: { ...r.inputs } }));
}

function violations(resources: R[], ruleName?: string): string[] {
  const found: string[] = [];
  for (const rule of rules.filter((r) => !ruleName || r.name === ruleName)) {
    void rule.validateStack({ resources } as unknown as StackValidationArgs, (message) =>
      found.push(`${rule.name}: ${message}`),
    );
  }
  return found;
}

const one = (resources: R[], type: string) => resources.find((r) => r.type === type)!;

describe("policy pack", () => {
  it("has the nine mandatory rules", () => {
    expect(rules.map((r) => [r.name, r.enforcementLevel])).to.deep.equal([
      ["s3-no-public-access", "mandatory"],
      ["s3-encryption", "mandatory"],
      ["s3-tls-only", "mandatory"],
      ["kinesis-encryption", "mandatory"],
      ["iam-no-wildcards", "mandatory"],
      ["iam-no-full-access-managed-policies", "mandatory"],
      ["lambda-explicit-role-runtime-log-retention", "mandatory"],
      ["resource-policies-own-account", "mandatory"],
      ["lambda-permission-schedule-only", "mandatory"],
    ]);
  });

  for (const stack of ["test", "prod"]) {
    it(`passes every resource of the ${stack} stack`, async () => {
      const resources = await stackResources(stack);
      expect(resources.length).to.be.greaterThan(25);
      expect(violations(resources)).to.deep.equal([]);
    });
  }

  /** A resource's policy with one statement more. */
  const withStatement = (resource: R, statement: object) => {
    const doc = JSON.parse(resource.props.policy ?? JSON.stringify({ Version: "2012-10-17", Statement: [] }));
    doc.Statement.push(statement);
    resource.props.policy = JSON.stringify(doc);
  };
  const OUTSIDER = "arn:aws:iam::444455556666:root";
  const bad: [string, string, (r: R[]) => R[], RegExp][] = [
    [
      "a bucket policy that lets everyone read",
      "resource-policies-own-account",
      (r) => (
        withStatement(one(r, "aws:s3/bucketPolicy:BucketPolicy"), {
          Effect: "Allow",
          Principal: "*",
          Action: ["s3:GetObject"],
          Resource: ["arn:aws:s3:::x/*"],
        }),
        r
      ),
      /policy allows \*, outside the stack's account 123456789012/,
    ],
    [
      "a bucket policy that lets another account write",
      "resource-policies-own-account",
      (r) => (
        withStatement(one(r, "aws:s3/bucketPolicy:BucketPolicy"), {
          Effect: "Allow",
          Principal: { AWS: OUTSIDER },
          Action: ["s3:PutObject"],
          Resource: ["arn:aws:s3:::x/*"],
        }),
        r
      ),
      /policy allows arn:aws:iam::444455556666:root, outside the stack's account/,
    ],
    [
      "the alarm key opened to another account",
      "resource-policies-own-account",
      (r) => (
        withStatement(one(r, "aws:kms/key:Key"), {
          Effect: "Allow",
          Principal: { AWS: ["444455556666"] },
          Action: ["kms:Decrypt"],
          Resource: ["*"],
        }),
        r
      ),
      /policy allows 444455556666, outside the stack's account/,
    ],
    [
      "the alarm topic given a policy that lets another account subscribe",
      "resource-policies-own-account",
      (r) => (
        withStatement(one(r, "aws:sns/topic:Topic"), {
          Effect: "Allow",
          Principal: { AWS: OUTSIDER },
          Action: ["sns:Subscribe"],
          Resource: ["*"],
        }),
        r
      ),
      /policy allows arn:aws:iam::444455556666:root, outside the stack's account/,
    ],
    [
      "a function permission with no source",
      "lambda-permission-schedule-only",
      (r) => (delete one(r, "aws:lambda/permission:Permission").props.sourceArn, r),
      /names no sourceArn/,
    ],
    [
      "a function permission for anyone",
      "lambda-permission-schedule-only",
      (r) => ((one(r, "aws:lambda/permission:Permission").props.principal = "*"), r),
      /its principal is "\*", not events.amazonaws.com/,
    ],
    [
      "a function permission for another account's rule",
      "lambda-permission-schedule-only",
      (r) => {
        const p = one(r, "aws:lambda/permission:Permission");
        p.props.sourceArn = String(p.props.sourceArn).replace(/\d{12}/, "444455556666");
        return r;
      },
      /sourceArn arn:aws:events:us-east-1:444455556666:rule\/.* is a rule of another account/,
    ],
    [
      "a bucket with a public ACL",
      "s3-no-public-access",
      (r) => ((one(r, "aws:s3/bucket:Bucket").props.acl = "public-read"), r),
      /public ACL "public-read"/,
    ],
    [
      "a public-access block left open",
      "s3-no-public-access",
      (r) => (
        (one(r, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").props.blockPublicPolicy = false),
        r
      ),
      /BucketPublicAccessBlock with blockPublicPolicy set to true/,
    ],
    [
      "no public-access block",
      "s3-no-public-access",
      (r) =>
        r.filter(
          (x) =>
            !(
              x.type === "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock" &&
              x.name.endsWith("-storage-bucket")
            ),
        ),
      /blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets/,
    ],
    [
      "no default encryption",
      "s3-encryption",
      (r) =>
        r.filter(
          (x) =>
            !(
              x.type.startsWith("aws:s3/bucketServerSideEncryptionConfiguration") &&
              x.name.endsWith("-storage-bucket")
            ),
        ),
      /needs a default server-side encryption configuration/,
    ],
    [
      "a bucket policy without the TLS deny",
      "s3-tls-only",
      (r) => {
        const policy = one(r, "aws:s3/bucketPolicy:BucketPolicy");
        policy.props.policy = JSON.stringify({ Version: "2012-10-17", Statement: [] });
        return r;
      },
      /denies s3:\* when aws:SecureTransport is false/,
    ],
    [
      "an unencrypted stream",
      "kinesis-encryption",
      (r) => ((one(r, "aws:kinesis/stream:Stream").props.encryptionType = "NONE"), r),
      /must set encryptionType KMS/,
    ],
    [
      "a wildcard action",
      "iam-no-wildcards",
      (r) => {
        const p = one(r, "aws:iam/rolePolicy:RolePolicy");
        const doc = JSON.parse(p.props.policy);
        doc.Statement[0].Action = ["kinesis:*"];
        p.props.policy = JSON.stringify(doc);
        return r;
      },
      /wildcard action "kinesis:\*"/,
    ],
    [
      "a wildcard resource",
      "iam-no-wildcards",
      (r) => {
        const p = one(r, "aws:iam/rolePolicy:RolePolicy");
        const doc = JSON.parse(p.props.policy);
        doc.Statement[0].Resource = ["*"];
        p.props.policy = JSON.stringify(doc);
        return r;
      },
      /wildcard resource "\*"/,
    ],
    [
      "a managed FullAccess policy",
      "iam-no-full-access-managed-policies",
      (r) => [
        ...r,
        {
          type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
          urn: "urn:pulumi:test::p::aws:iam/rolePolicyAttachment:RolePolicyAttachment::x",
          name: "x",
          props: { role: "r", policyArn: "arn:aws:iam::aws:policy/AmazonKinesisFullAccess" },
        },
      ],
      /attaches the managed policy arn:aws:iam::aws:policy\/AmazonKinesisFullAccess/,
    ],
    [
      "a function without a runtime",
      "lambda-explicit-role-runtime-log-retention",
      (r) => (delete one(r, "aws:lambda/function:Function").props.runtime, r),
      /needs an explicit runtime/,
    ],
    [
      "a function without a role",
      "lambda-explicit-role-runtime-log-retention",
      (r) => (delete one(r, "aws:lambda/function:Function").props.role, r),
      /needs an explicit role/,
    ],
    [
      "a function without its log group",
      "lambda-explicit-role-runtime-log-retention",
      (r) =>
        r.filter(
          (x) =>
            !(
              x.type === "aws:cloudwatch/logGroup:LogGroup" && String(x.props.name).startsWith("/aws/lambda/")
            ),
        ),
      /needs a log group \/aws\/lambda\/punkapi-consumer-test-ingest with retentionInDays/,
    ],
  ];
  for (const [what, rule, mutate, message] of bad) {
    it(`fails ${what} (${rule})`, async () => {
      const found = violations(mutate(await stackResources("test")));
      expect(found.length, found.join("\n")).to.equal(1);
      expect(found[0])
        .to.match(new RegExp(`^${rule}: `))
        .and.match(message);
    });
  }
});
