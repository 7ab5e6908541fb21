/**
 * The IAM of both whole programs, as AWS would judge it: each role's requests (its inline policies, its
 * boundary, the bucket's policy) against the ARNs its resources really get, allowed for its job and denied
 * next to it; each role's trust by the simulator; and no wildcard beyond the two trailing forms (a check
 * that is itself shown to fail on bad documents). The statements are not restated here: a reordered or
 * regrouped policy that grants the same passes, a missing or extra grant fails.
 */
import { expect } from "chai";
import type { PolicyDocument } from "../../components/security/policies";
import { wildcardProblems } from "../../components/security/policy-checks";
import { decide } from "../../iam/simulate";
import { LocalIam } from "../../local/stand-ins/iam/local-iam";
import { one, ofType, runStack } from "../helpers/program";

const ACCOUNT = "123456789012";

for (const stack of ["test", "prod"]) {
  describe(`IAM, stack ${stack}`, () => {
    const base = `punkapi-consumer-${stack}`;
    const region = "us-east-1";

    async function documents() {
      const run = await runStack(stack);
      const policies = ofType(run, "aws:iam/rolePolicy:RolePolicy").map((p) => ({
        name: p.name,
        document: JSON.parse(p.inputs.policy) as PolicyDocument,
      }));
      const trusts = ofType(run, "aws:iam/role:Role").map((r) => ({
        name: r.name,
        document: JSON.parse(r.inputs.assumeRolePolicy) as PolicyDocument,
      }));
      return { run, policies, trusts };
    }

    /** Each role's requests judged as AWS would: its inline policies, its boundary, the bucket's policy. */
    async function judge() {
      const { run } = await documents();
      const iam = new LocalIam(
        run.resources,
        { partition: "aws", region, accountId: ACCOUNT },
        "punkapi-consumer",
        stack,
      );
      const role = (suffix: string) => String(one(run, "aws:iam/role:Role", suffix).state.arn);
      const may = async (roleSuffix: string, action: string, resource: string) =>
        (await iam.authorize(role(roleSuffix), action, resource)) === undefined;
      return { run, may };
    }

    it("lets the function put records on its stream, write its own logs and its failure queue, and no more", async () => {
      const { run, may } = await judge();
      const stream = String(one(run, "aws:kinesis/stream:Stream").state.arn);
      expect(stream).to.equal(`arn:aws:kinesis:${region}:${ACCOUNT}:stream/${base}-beers`);
      const logGroup = String(one(run, "aws:cloudwatch/logGroup:LogGroup", "-ingest-logs").state.arn);
      expect(logGroup).to.equal(`arn:aws:logs:${region}:${ACCOUNT}:log-group:/aws/lambda/${base}-ingest`);
      const queue = String(one(run, "aws:sqs/queue:Queue").state.arn);
      const allowed: [string, string][] = [
        ["kinesis:PutRecord", stream],
        ["kinesis:PutRecords", stream],
        ["logs:CreateLogStream", `${logGroup}:log-stream:2026/11/28/[$LATEST]abc`],
        ["logs:PutLogEvents", `${logGroup}:log-stream:2026/11/28/[$LATEST]abc`],
        ["sqs:SendMessage", queue],
      ];
      const denied: [string, string][] = [
        ["kinesis:PutRecords", `arn:aws:kinesis:${region}:${ACCOUNT}:stream/${base}-other`],
        ["kinesis:GetRecords", stream],
        ["kinesis:DeleteStream", stream],
        ["logs:PutLogEvents", `arn:aws:logs:${region}:${ACCOUNT}:log-group:/aws/lambda/other:log-stream:x`],
        ["logs:DeleteLogGroup", logGroup],
        ["sqs:ReceiveMessage", queue],
        ["s3:PutObject", `${one(run, "aws:s3/bucket:Bucket", "-storage-bucket").state.arn}/raw/beers/x`],
      ];
      for (const [action, resource] of allowed)
        expect(await may("-roles-ingest", action, resource), `${action} ${resource}`).to.equal(true);
      for (const [action, resource] of denied)
        expect(await may("-roles-ingest", action, resource), `${action} ${resource}`).to.equal(false);
    });

    it("lets Firehose read its stream, write the three prefixes of its bucket, read the curated schema and log, and no more", async () => {
      const { run, may } = await judge();
      const stream = String(one(run, "aws:kinesis/stream:Stream").state.arn);
      const bucket = String(one(run, "aws:s3/bucket:Bucket", "-storage-bucket").state.arn);
      const glue = `arn:aws:glue:${region}:${ACCOUNT}`;
      const db = `punkapi_consumer_${stack}`;
      const logGroup = String(one(run, "aws:cloudwatch/logGroup:LogGroup", "-delivery-logs").state.arn);
      const allowed: [string, string][] = [
        ...["DescribeStream", "DescribeStreamSummary", "GetShardIterator", "GetRecords", "ListShards"].map(
          (a): [string, string] => [`kinesis:${a}`, stream],
        ),
        ...["GetBucketLocation", "ListBucket", "ListBucketMultipartUploads"].map((a): [string, string] => [
          `s3:${a}`,
          bucket,
        ]),
        ...["AbortMultipartUpload", "GetObject", "PutObject"].flatMap((a) =>
          [
            "raw/beers/dt=2026-11-28/o.gz",
            "curated/beers/dt=2026-11-28/o.parquet",
            "errors/format-conversion-failed/o.gz",
          ].map((key): [string, string] => [`s3:${a}`, `${bucket}/${key}`]),
        ),
        ...["GetTable", "GetTableVersion", "GetTableVersions"].flatMap((a) =>
          [`${glue}:catalog`, `${glue}:database/${db}`, `${glue}:table/${db}/beers_curated`].map(
            (r): [string, string] => [`glue:${a}`, r],
          ),
        ),
        ["logs:PutLogEvents", `${logGroup}:log-stream:S3Delivery`],
        ["logs:PutLogEvents", `${logGroup}:log-stream:S3DeliveryCurated`],
      ];
      const denied: [string, string][] = [
        ["kinesis:PutRecords", stream],
        ["kinesis:GetRecords", `arn:aws:kinesis:${region}:${ACCOUNT}:stream/${base}-other`],
        // Outside the partitions Firehose writes, and not a write at all.
        ["s3:PutObject", `${bucket}/raw/beers/o.gz`],
        ["s3:PutObject", `${bucket}/elsewhere/o.gz`],
        ["s3:DeleteObject", `${bucket}/raw/beers/dt=2026-11-28/o.gz`],
        ["s3:PutBucketPolicy", bucket],
        ["glue:GetTable", `${glue}:table/${db}/beers_raw`],
        ["glue:UpdateTable", `${glue}:table/${db}/beers_curated`],
        ["logs:PutLogEvents", `${logGroup}:log-stream:Other`],
        ["logs:CreateLogStream", `${logGroup}:log-stream:S3Delivery`],
      ];
      for (const [action, resource] of allowed)
        expect(await may("-roles-firehose", action, resource), `${action} ${resource}`).to.equal(true);
      for (const [action, resource] of denied)
        expect(await may("-roles-firehose", action, resource), `${action} ${resource}`).to.equal(false);
    });

    it("lets only Lambda assume the function role, and only Firehose for this account assume its role", async () => {
      const { run, trusts } = await documents();
      const assume = (suffix: string, service: string, externalId?: string) =>
        decide(
          {
            principal: service,
            action: "sts:AssumeRole",
            resource: String(one(run, "aws:iam/role:Role", suffix).state.arn),
            context: externalId === undefined ? {} : { "sts:ExternalId": externalId },
          },
          { identity: [], resource: trusts.find((t) => t.name.endsWith(suffix))!.document },
        );
      expect(await assume("-roles-ingest", "lambda.amazonaws.com")).to.equal("Allowed");
      expect(await assume("-roles-ingest", "firehose.amazonaws.com", ACCOUNT)).to.equal("ImplicitlyDenied");
      expect(await assume("-roles-firehose", "firehose.amazonaws.com", ACCOUNT)).to.equal("Allowed");
      expect(await assume("-roles-firehose", "firehose.amazonaws.com", "999999999999")).to.equal(
        "ImplicitlyDenied",
      );
      expect(await assume("-roles-firehose", "firehose.amazonaws.com")).to.equal("ImplicitlyDenied");
      expect(await assume("-roles-firehose", "lambda.amazonaws.com", ACCOUNT)).to.equal("ImplicitlyDenied");
    });

    it("has no wildcard beyond the trailing object or log-stream part, and no managed policy", async () => {
      const { run, policies, trusts } = await documents();
      for (const { name, document } of [...policies, ...trusts])
        expect(wildcardProblems(document), name).to.deep.equal([]);
      expect(ofType(run, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")).to.have.length(0);
      for (const role of ofType(run, "aws:iam/role:Role"))
        expect(role.inputs.managedPolicyArns ?? []).to.deep.equal([]);
    });
  });
}

describe("the wildcard check", () => {
  const allow = (Action: string[], Resource: string[]): PolicyDocument => ({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action, Resource }],
  });
  const bad: [string, PolicyDocument, RegExp][] = [
    [
      "a wildcard action",
      allow(["kinesis:*"], ["arn:aws:kinesis:us-east-1:123456789012:stream/s"]),
      /wildcard action "kinesis:\*"/,
    ],
    ["a partial action wildcard", allow(["s3:Put*"], ["arn:aws:s3:::b/x"]), /wildcard action "s3:Put\*"/],
    ["a bare *", allow(["s3:GetObject"], ["*"]), /wildcard resource "\*"/],
    ["all buckets", allow(["s3:GetObject"], ["arn:aws:s3:::*"]), /wildcard resource/],
    ["a bucket-name wildcard", allow(["s3:GetObject"], ["arn:aws:s3:::lake-*/raw/*"]), /wildcard resource/],
    [
      "every stream",
      allow(["kinesis:PutRecords"], ["arn:aws:kinesis:us-east-1:123456789012:stream/*"]),
      /wildcard resource/,
    ],
    [
      "every log group",
      allow(["logs:PutLogEvents"], ["arn:aws:logs:us-east-1:123456789012:log-group:*"]),
      /wildcard resource/,
    ],
    [
      "a wildcard inside a log group name",
      allow(["logs:PutLogEvents"], ["arn:aws:logs:us-east-1:123456789012:log-group:/aws/*:*"]),
      /wildcard resource/,
    ],
    ["a wildcard account", allow(["sqs:SendMessage"], ["arn:aws:sqs:us-east-1:*:q"]), /wildcard resource/],
  ];
  for (const [what, document, problem] of bad) {
    it(`fails on ${what}`, () => expect(wildcardProblems(document).join()).to.match(problem));
  }
  it("allows the two trailing forms and broad Deny statements", () => {
    expect(
      wildcardProblems(
        allow(["s3:PutObject"], ["arn:aws:s3:::lake-123/raw/beers/dt=*", "arn:aws:s3:::lake-123/*"]),
      ),
    ).to.deep.equal([]);
    expect(
      wildcardProblems(
        allow(["logs:PutLogEvents"], ["arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/f:*"]),
      ),
    ).to.deep.equal([]);
    expect(
      wildcardProblems({
        Version: "2012-10-17",
        Statement: [{ Effect: "Deny", Action: ["s3:*"], Resource: ["*"] }],
      }),
    ).to.deep.equal([]);
  });
});
