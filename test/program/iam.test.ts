/**
 * Every IAM policy document of both stacks, parsed: each statement's actions and resources checked
 * exactly, every planned ARN equal to the ARN the resource really gets, and no wildcard beyond the two
 * trailing forms (a check that is itself shown to fail on bad documents).
 */
import { expect } from "chai";
import type { PolicyDocument } from "../../components/security/policies";
import { wildcardProblems } from "../../components/security/policy-checks";
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

    it("grants the function exactly: put records on its stream, its own logs, its failure queue", async () => {
      const { run, policies } = await documents();
      const fn = policies.find((p) => p.name.endsWith("-roles-ingest"))!.document;
      const logGroup = one(run, "aws:cloudwatch/logGroup:LogGroup", "-ingest-logs");
      expect(fn.Statement).to.deep.equal([
        {
          Sid: "PutBeers",
          Effect: "Allow",
          Action: ["kinesis:PutRecord", "kinesis:PutRecords"],
          Resource: [one(run, "aws:kinesis/stream:Stream").state.arn],
        },
        {
          Sid: "OwnLogs",
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
          Resource: [`${logGroup.state.arn}:*`],
        },
        {
          Sid: "FailureDestination",
          Effect: "Allow",
          Action: ["sqs:SendMessage"],
          Resource: [one(run, "aws:sqs/queue:Queue").state.arn],
        },
      ]);
      expect(logGroup.state.arn).to.equal(
        `arn:aws:logs:${region}:${ACCOUNT}:log-group:/aws/lambda/${base}-ingest`,
      );
    });

    it("grants Firehose exactly: read its stream, write the three prefixes of its bucket, read the curated schema, its log streams", async () => {
      const { run, policies } = await documents();
      const firehose = policies.find((p) => p.name.endsWith("-roles-firehose"))!.document;
      const bucketArn = one(run, "aws:s3/bucket:Bucket", "-storage-bucket").state.arn as string;
      const glue = `arn:aws:glue:${region}:${ACCOUNT}`;
      const logGroup = one(run, "aws:cloudwatch/logGroup:LogGroup", "-delivery-logs");
      expect(firehose.Statement).to.deep.equal([
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
          Resource: [one(run, "aws:kinesis/stream:Stream").state.arn],
        },
        {
          Sid: "Bucket",
          Effect: "Allow",
          Action: ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"],
          Resource: [bucketArn],
        },
        {
          Sid: "Objects",
          Effect: "Allow",
          Action: ["s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject"],
          Resource: [
            `${bucketArn}/raw/beers/dt=*`,
            `${bucketArn}/curated/beers/dt=*`,
            `${bucketArn}/errors/*`,
          ],
        },
        {
          Sid: "CuratedSchema",
          Effect: "Allow",
          Action: ["glue:GetTable", "glue:GetTableVersion", "glue:GetTableVersions"],
          Resource: [
            `${glue}:catalog`,
            `${glue}:database/punkapi_consumer_${stack}`,
            `${glue}:table/punkapi_consumer_${stack}/beers_curated`,
          ],
        },
        {
          Sid: "DeliveryLogs",
          Effect: "Allow",
          Action: ["logs:PutLogEvents"],
          Resource: [
            `${logGroup.state.arn}:log-stream:S3Delivery`,
            `${logGroup.state.arn}:log-stream:S3DeliveryCurated`,
          ],
        },
      ]);
    });

    it("lets only Lambda assume the function role, and only Firehose for this account assume its role", async () => {
      const { trusts } = await documents();
      const trust = (suffix: string) => trusts.find((t) => t.name.endsWith(suffix))!.document.Statement;
      expect(trust("-roles-ingest")).to.deep.equal([
        { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: ["sts:AssumeRole"] },
      ]);
      expect(trust("-roles-firehose")).to.deep.equal([
        {
          Effect: "Allow",
          Principal: { Service: "firehose.amazonaws.com" },
          Action: ["sts:AssumeRole"],
          Condition: { StringEquals: { "sts:ExternalId": ACCOUNT } },
        },
      ]);
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
