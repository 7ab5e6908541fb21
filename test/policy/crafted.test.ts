/**
 * Each rule of the policy pack over small hand-built stacks: what it accepts (every way a bucket's settings
 * can be tied to it, every encryption AWS offers) and what it reports, with the message and the URN of the
 * resource to change. The real stacks' resources are in rules.test.ts.
 */
import { expect } from "chai";
import type { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import { rules } from "../../policy/rules";

type R = Pick<PolicyResource, "type" | "urn" | "name" | "props"> &
  Partial<Pick<PolicyResource, "propertyDependencies">>;

const T = {
  bucket: "aws:s3/bucket:Bucket",
  bucketV2: "aws:s3/bucketV2:BucketV2",
  publicAccess: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  sseV2: "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
  bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
  stream: "aws:kinesis/stream:Stream",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  policy: "aws:iam/policy:Policy",
  attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  function: "aws:lambda/function:Function",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
};

const urnOf = (type: string, name: string) => `urn:pulumi:test::punkapi-consumer::${type}::${name}`;
const res = (type: string, name: string, props: Record<string, unknown>, dependsOnBucket?: string): R => ({
  type,
  name,
  urn: urnOf(type, name),
  props,
  ...(dependsOnBucket
    ? { propertyDependencies: { bucket: [{ urn: dependsOnBucket } as PolicyResource] } }
    : {}),
});

/** A rule's reports over the resources, each as "message @ name of the resource reported". */
function reports(rule: string, resources: R[]): string[] {
  const found: string[] = [];
  const policy = rules.find((r) => r.name === rule)!;
  void policy.validateStack({ resources } as unknown as StackValidationArgs, (message, urn) =>
    found.push(`${message} @ ${urn?.split("::").pop()}`),
  );
  return found;
}

const tlsDeny = (bucket: string) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Deny",
        Principal: "*",
        Action: ["s3:*"],
        Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ],
  });

/**
 * A bucket with every setting the rules ask for, each tied to it by `bucket` = `link` (or, with `link`
 * undefined, by dependency only, as in a preview before names are known).
 */
function bucketWithSettings(name: string, bucketProps: Record<string, unknown>, link: string | undefined) {
  const bucket = res(T.bucket, name, bucketProps);
  const dep = link === undefined ? bucket.urn : undefined;
  const on = link === undefined ? {} : { bucket: link };
  const flags = {
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  };
  return {
    bucket,
    block: res(T.publicAccess, name, { ...on, ...flags }, dep),
    sse: res(
      T.sse,
      name,
      { ...on, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
      dep,
    ),
    policy: res(T.bucketPolicy, name, { ...on, policy: tlsDeny(link ?? "lake-123") }, dep),
  };
}
const all = (b: ReturnType<typeof bucketWithSettings>) => [b.bucket, b.block, b.sse, b.policy];
const lake = () => bucketWithSettings("lake", { bucket: "lake-123" }, "lake-123");

const S3_RULES = ["s3-no-public-access", "s3-encryption", "s3-tls-only"];
const s3Reports = (resources: R[]) => S3_RULES.flatMap((rule) => reports(rule, resources));

const NO_BLOCK = (name: string) =>
  `bucket ${name} needs a BucketPublicAccessBlock with blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets set to true @ ${name}`;
const NO_SSE = (name: string) =>
  `bucket ${name} needs a default server-side encryption configuration (AES256 or aws:kms) @ ${name}`;
const NO_TLS = (name: string) =>
  `bucket ${name} needs a bucket policy that denies s3:* when aws:SecureTransport is false @ ${name}`;

describe("the policy pack's rules over hand-built stacks", () => {
  it("describe themselves as pulumi preview shows them", () => {
    expect(rules.map((r) => [r.name, r.description])).to.deep.equal([
      ["s3-no-public-access", "Every bucket blocks all public access and has no public ACL."],
      ["s3-encryption", "Every bucket encrypts objects at rest by default."],
      [
        "s3-tls-only",
        "Every bucket's policy denies requests that do not use TLS, on the bucket and its objects.",
      ],
      ["kinesis-encryption", "Every Kinesis stream is encrypted with KMS."],
      [
        "iam-no-wildcards",
        "No wildcard in an allowed IAM action; a * in a resource only as the trailing object part under an exact bucket or the trailing part under an exact log group.",
      ],
      ["iam-no-full-access-managed-policies", "No role gets an AWS managed *FullAccess policy."],
      [
        "lambda-explicit-role-runtime-log-retention",
        "Every function has an explicit role and runtime, and its log group /aws/lambda/<name> exists with a retention.",
      ],
      [
        "resource-policies-own-account",
        'No bucket, key or topic policy allows anyone outside the stack\'s account: an Allow names principals of that account or an AWS service, never "*".',
      ],
      [
        "lambda-permission-schedule-only",
        "A function may be invoked by EventBridge only, from a rule of the stack's account named as its source.",
      ],
    ]);
  });

  describe("buckets (public access, encryption, TLS)", () => {
    it("accept a bucket whose settings name it", () => {
      expect(s3Reports(all(lake()))).to.deep.equal([]);
    });

    it("accept settings tied by the bucket's id, or only by dependency (a preview)", () => {
      expect(s3Reports(all(bucketWithSettings("lake", { id: "lake-9f2" }, "lake-9f2")))).to.deep.equal([]);
      expect(s3Reports(all(bucketWithSettings("lake", {}, undefined)))).to.deep.equal([]);
    });

    it("hold a bucket of the BucketV2 type to the same rules", () => {
      const v2 = res(T.bucketV2, "old", { bucket: "old-1" });
      expect(s3Reports([v2])).to.deep.equal([NO_BLOCK("old"), NO_SSE("old"), NO_TLS("old")]);
      const settled = lake();
      expect(
        s3Reports([{ ...settled.bucket, type: T.bucketV2 }, settled.block, settled.sse, settled.policy]),
      ).to.deep.equal([]);
    });

    it("do not count another bucket's settings, by name or by dependency", () => {
      const other = res(T.bucket, "results", { bucket: "results-1" });
      expect(s3Reports([...all(lake()), other])).to.deep.equal([
        NO_BLOCK("results"),
        NO_SSE("results"),
        NO_TLS("results"),
      ]);
      // In a preview neither bucket has a name yet: the settings of one say nothing of the other.
      const unnamed = res(T.bucket, "results", {});
      expect(s3Reports([...all(bucketWithSettings("lake", {}, undefined)), unnamed])).to.deep.equal([
        NO_BLOCK("results"),
        NO_SSE("results"),
        NO_TLS("results"),
      ]);
    });

    it("report each public ACL, and no private one", () => {
      for (const acl of ["public-read", "public-read-write", "authenticated-read"]) {
        const b = lake();
        b.bucket.props.acl = acl;
        expect(reports("s3-no-public-access", all(b)), acl).to.deep.equal([
          `bucket lake has the public ACL "${acl}" @ lake`,
        ]);
      }
      const b = lake();
      b.bucket.props.acl = "private";
      expect(reports("s3-no-public-access", all(b))).to.deep.equal([]);
    });

    it("report each public-access flag not set to true", () => {
      for (const flag of [
        "blockPublicAcls",
        "blockPublicPolicy",
        "ignorePublicAcls",
        "restrictPublicBuckets",
      ]) {
        const b = lake();
        b.block.props[flag] = "true";
        expect(reports("s3-no-public-access", all(b)), flag).to.deep.equal([
          `bucket lake needs a BucketPublicAccessBlock with ${flag} set to true @ lake`,
        ]);
      }
    });

    it("accept every default encryption AWS offers, in a configuration resource of either type or inline", () => {
      for (const sseAlgorithm of ["AES256", "aws:kms", "aws:kms:dsse"]) {
        const b = lake();
        b.sse.props.rules = [{ applyServerSideEncryptionByDefault: { sseAlgorithm } }];
        expect(reports("s3-encryption", all(b)), sseAlgorithm).to.deep.equal([]);
        expect(reports("s3-encryption", [b.bucket, { ...b.sse, type: T.sseV2 }]), sseAlgorithm).to.deep.equal(
          [],
        );
      }
      const inline = res(T.bucket, "lake", {
        bucket: "lake-123",
        serverSideEncryptionConfiguration: {
          rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } },
        },
      });
      expect(reports("s3-encryption", [inline])).to.deep.equal([]);
    });

    it("report a bucket with no default encryption, or an empty or unknown one", () => {
      const b = lake();
      for (const sseRules of [
        undefined,
        [],
        [{}],
        [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "NONE" } }],
      ]) {
        b.sse.props.rules = sseRules;
        expect(reports("s3-encryption", all(b)), JSON.stringify(sseRules)).to.deep.equal([NO_SSE("lake")]);
      }
      const emptyInline = res(T.bucket, "lake", {
        bucket: "lake-123",
        serverSideEncryptionConfiguration: { rule: {} },
      });
      expect(reports("s3-encryption", [emptyInline])).to.deep.equal([NO_SSE("lake")]);
      expect(
        reports("s3-encryption", [res(T.bucket, "lake", { serverSideEncryptionConfiguration: {} })]),
      ).to.deep.equal([NO_SSE("lake")]);
    });

    it("accept the TLS deny given as a document rather than text", () => {
      const b = lake();
      b.policy.props.policy = JSON.parse(tlsDeny("lake-123"));
      expect(reports("s3-tls-only", all(b))).to.deep.equal([]);
    });

    it("accept the TLS deny listing s3:* among other actions", () => {
      const b = lake();
      const document = JSON.parse(tlsDeny("lake-123"));
      document.Statement[0].Action = ["s3:GetObject", "s3:*"];
      b.policy.props.policy = JSON.stringify(document);
      expect(reports("s3-tls-only", all(b))).to.deep.equal([]);
    });

    it("accept the TLS deny with its action given alone", () => {
      const b = lake();
      const document = JSON.parse(tlsDeny("lake-123"));
      document.Statement[0].Action = "s3:*";
      document.Statement[0].Resource = "arn:aws:s3:::lake-123/*";
      b.policy.props.policy = JSON.stringify(document);
      expect(reports("s3-tls-only", all(b))).to.deep.equal([]);
    });

    const brokenDeny: [string, (statement: Record<string, unknown>) => void][] = [
      ["an allow instead of a deny", (s) => (s.Effect = "Allow")],
      ["a deny of some actions only", (s) => (s.Action = ["s3:GetObject", "s3:PutObject"])],
      [
        "a deny of plain-HTTP requests missing",
        (s) => (s.Condition = { Bool: { "aws:SecureTransport": "true" } }),
      ],
      ["a deny on another condition", (s) => (s.Condition = { Bool: { "aws:ViaAWSService": "false" } })],
      ["a deny without a condition", (s) => delete s.Condition],
      [
        "a deny on a condition of another operator",
        (s) => (s.Condition = { StringEquals: { "aws:SecureTransport": "false" } }),
      ],
      ["a deny on the bucket but not its objects", (s) => (s.Resource = ["arn:aws:s3:::lake-123"])],
      ["a deny naming no resource", (s) => delete s.Resource],
    ];
    for (const [what, change] of brokenDeny) {
      it(`report a bucket policy with ${what}`, () => {
        const b = lake();
        const document = JSON.parse(tlsDeny("lake-123"));
        change(document.Statement[0]);
        b.policy.props.policy = JSON.stringify(document);
        expect(reports("s3-tls-only", all(b))).to.deep.equal([NO_TLS("lake")]);
      });
    }

    it("report a bucket whose policy is missing or not JSON", () => {
      const b = lake();
      expect(reports("s3-tls-only", [b.bucket])).to.deep.equal([NO_TLS("lake")]);
      b.policy.props.policy = "{not json";
      expect(reports("s3-tls-only", all(b))).to.deep.equal([NO_TLS("lake")]);
    });
  });

  describe("streams", () => {
    const stream = (props: Record<string, unknown>) => [res(T.stream, "beers", props)];
    const MESSAGE =
      "stream beers must set encryptionType KMS and a kmsKeyId (alias/aws/kinesis at least) @ beers";

    it("accept KMS with a key", () => {
      expect(
        reports("kinesis-encryption", stream({ encryptionType: "KMS", kmsKeyId: "alias/aws/kinesis" })),
      ).to.deep.equal([]);
    });

    it("report a stream without KMS or without a key", () => {
      expect(reports("kinesis-encryption", stream({ encryptionType: "KMS" }))).to.deep.equal([MESSAGE]);
      expect(
        reports("kinesis-encryption", stream({ encryptionType: "NONE", kmsKeyId: "alias/aws/kinesis" })),
      ).to.deep.equal([MESSAGE]);
    });
  });

  describe("IAM documents", () => {
    const wide = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "All",
          Effect: "Allow",
          Action: ["kinesis:*"],
          Resource: ["arn:aws:kinesis:us-east-1:123456789012:stream/s"],
        },
      ],
    });
    const WIDE = (name: string) => `${name}: All: wildcard action "kinesis:*" @ ${name}`;

    it("report a wildcard in a role policy, a managed policy, or a role's inline policy", () => {
      expect(
        reports("iam-no-wildcards", [
          res(T.rolePolicy, "ingest", { role: "r", policy: wide }),
          res(T.policy, "boundary", { policy: wide }),
          res(T.role, "firehose", { inlinePolicies: [{ name: "ok" }, { name: "read", policy: wide }] }),
        ]),
      ).to.deep.equal([WIDE("ingest"), WIDE("boundary"), WIDE("firehose")]);
    });

    it("read a document given as an object, and skip one that is not JSON", () => {
      expect(
        reports("iam-no-wildcards", [
          res(T.rolePolicy, "ingest", { policy: JSON.parse(wide) }),
          res(T.rolePolicy, "broken", { policy: "{not json" }),
          res(T.role, "bare", {}),
        ]),
      ).to.deep.equal([WIDE("ingest")]);
    });

    it("leave other resources' documents to their own rules", () => {
      expect(reports("iam-no-wildcards", [res(T.bucketPolicy, "lake", { policy: wide })])).to.deep.equal([]);
    });

    const attach = (name: string, policyArn: unknown) => res(T.attachment, name, { role: "r", policyArn });
    const FULL = (name: string, arn: string) =>
      `${name} attaches the managed policy ${arn}; grant exact actions on exact resources instead @ ${name}`;

    it("report a FullAccess managed policy, attached or listed on the role, however AWS names it", () => {
      const lambdaFull = "arn:aws:iam::aws:policy/AWSLambda_FullAccess";
      // AWS's newer full-access policies carry a suffix (published 2025-05-22).
      const dynamoFull = "arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess_v2";
      expect(
        reports("iam-no-full-access-managed-policies", [
          attach("a", lambdaFull),
          attach("b", dynamoFull),
          res(T.role, "c", {
            managedPolicyArns: [undefined, "arn:aws:iam::aws:policy/ReadOnlyAccess", lambdaFull],
          }),
        ]),
      ).to.deep.equal([FULL("a", lambdaFull), FULL("b", dynamoFull), FULL("c", lambdaFull)]);
    });

    it("accept other managed policies, and a role with none", () => {
      expect(
        reports("iam-no-full-access-managed-policies", [
          attach("a", "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"),
          res(T.role, "b", {}),
          res(T.policy, "c", { policyArn: "arn:aws:iam::aws:policy/AWSLambda_FullAccess" }),
        ]),
      ).to.deep.equal([]);
    });
  });

  describe("functions", () => {
    const fn = (props: Record<string, unknown>) =>
      res(T.function, "ingest", {
        name: "pc-ingest",
        role: "arn:aws:iam::123456789012:role/r",
        runtime: "nodejs22.x",
        ...props,
      });
    const logs = (name: string, retentionInDays?: number) =>
      res(T.logGroup, "ingest-logs", { name, ...(retentionInDays ? { retentionInDays } : {}) });
    const NO_LOGS =
      "function ingest needs a log group /aws/lambda/pc-ingest with retentionInDays, or Lambda creates one that never expires @ ingest";

    it("accept a function with role, runtime and its log group kept for a while", () => {
      expect(
        reports("lambda-explicit-role-runtime-log-retention", [fn({}), logs("/aws/lambda/pc-ingest", 7)]),
      ).to.deep.equal([]);
    });

    it("report a log group kept forever, another function's, or one that is not a log group", () => {
      const rule = "lambda-explicit-role-runtime-log-retention";
      expect(reports(rule, [fn({}), logs("/aws/lambda/pc-ingest")])).to.deep.equal([NO_LOGS]);
      expect(reports(rule, [fn({}), logs("/aws/lambda/pc-other", 7)])).to.deep.equal([NO_LOGS]);
      expect(
        reports(rule, [fn({}), res(T.stream, "s", { name: "/aws/lambda/pc-ingest", retentionInDays: 7 })]),
      ).to.deep.equal([NO_LOGS]);
    });

    it("report a missing role and runtime each", () => {
      expect(
        reports("lambda-explicit-role-runtime-log-retention", [
          fn({ role: undefined, runtime: undefined }),
          logs("/aws/lambda/pc-ingest", 7),
        ]),
      ).to.deep.equal([
        "function ingest needs an explicit role @ ingest",
        "function ingest needs an explicit runtime (an omitted one is ignored on updates) @ ingest",
      ]);
    });
  });

  describe("resource policies and function permissions (what a deploy role's open writes could set)", () => {
    const key = (statements: object[], props: Record<string, unknown> = {}) =>
      res("aws:kms/key:Key", "alarm-key", {
        policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }),
        ...props,
      });
    const allow = (Principal: unknown) => ({
      Effect: "Allow",
      Principal,
      Action: ["kms:Decrypt"],
      Resource: ["*"],
    });

    it("before any ARN is known, hold the policies to the one account their first principal names", () => {
      expect(
        reports("resource-policies-own-account", [key([allow({ AWS: "arn:aws:iam::111122223333:root" })])]),
      ).to.deep.equal([]);
      expect(
        reports("resource-policies-own-account", [
          key([
            allow({ AWS: "arn:aws:iam::111122223333:root" }),
            allow({ AWS: "arn:aws:iam::444455556666:role/x" }),
          ]),
        ]),
      ).to.deep.equal([
        "alarm-key's policy allows arn:aws:iam::444455556666:role/x, outside the stack's account 111122223333: name the account's own principals or an AWS service @ alarm-key",
      ]);
    });

    it("take AWS services and Deny statements, and report everyone, a federated principal and an unknown one", () => {
      const statements = [
        allow({ Service: "cloudwatch.amazonaws.com" }),
        { Effect: "Deny", Principal: "*", Action: ["kms:*"], Resource: ["*"] },
        allow({ AWS: "*" }),
        allow({ Federated: "cognito-identity.amazonaws.com" }),
        allow({ AWS: "AIDAEXAMPLE" }),
      ];
      const withArn = res("aws:kinesis/stream:Stream", "s", {
        arn: "arn:aws:kinesis:us-east-1:111122223333:stream/s",
      });
      expect(reports("resource-policies-own-account", [withArn, key(statements)])).to.deep.equal([
        "alarm-key's policy allows *, cognito-identity.amazonaws.com, AIDAEXAMPLE, outside the stack's account 111122223333: name the account's own principals or an AWS service @ alarm-key",
      ]);
    });

    it("report a permission that opens a function URL, or names another account as its source", () => {
      const withArn = res("aws:kinesis/stream:Stream", "s", {
        arn: "arn:aws:kinesis:us-east-1:111122223333:stream/s",
      });
      const permission = (props: Record<string, unknown>) =>
        res("aws:lambda/permission:Permission", "p", {
          principal: "events.amazonaws.com",
          sourceArn: "arn:aws:events:us-east-1:111122223333:rule/r",
          ...props,
        });
      expect(reports("lambda-permission-schedule-only", [withArn, permission({})])).to.deep.equal([]);
      expect(
        reports("lambda-permission-schedule-only", [
          withArn,
          permission({
            sourceAccount: "444455556666",
            functionUrlAuthType: "NONE",
            sourceArn: "arn:aws:sqs:us-east-1:111122223333:q",
          }),
        ]),
      ).to.deep.equal([
        "permission p: its sourceArn arn:aws:sqs:us-east-1:111122223333:q is no EventBridge rule @ p",
        "permission p: its sourceAccount 444455556666 is another account @ p",
        "permission p: it opens a function URL @ p",
      ]);
    });
  });
});
