/**
 * The stack's policy documents on their own (components/security/policies.ts), each judged by the IAM
 * simulator as AWS would judge the requests they are for: who may use the alarm key and how, the trust of
 * each role, what the function and Firehose may do and where, the TLS-only bucket, the roles' boundary.
 * The requests are simulated; no statement is restated here.
 */
import { expect } from "chai";
import { decide } from "../../iam/simulate";
import {
  alarmKeyPolicy,
  firehosePolicy,
  firehoseTrustPolicy,
  functionPolicy,
  lambdaTrustPolicy,
  stackRoleBoundary,
  tlsOnlyBucketPolicy,
} from "../../components/security/policies";
import { wildcardProblems } from "../../components/security/policy-checks";
import { referenceProblems } from "../helpers/iam-reference";
import { stackNames } from "../../model/names";

const ACCOUNT = "123456789012";
const ENV = { partition: "aws", accountId: ACCOUNT, region: "us-east-1" };
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const DEPLOY = `arn:aws:iam::${ACCOUNT}:role/punkapi-consumer-test-deploy`;
const PREVIEW = `arn:aws:iam::${ACCOUNT}:role/punkapi-consumer-preview`;
const session = (role: string) => role.replace(":iam::", ":sts::").replace(":role/", ":assumed-role/") + "/s";

describe("the stack's policies, simulated", function () {
  this.timeout(20_000);

  describe("the alarm key's policy", () => {
    const policy = alarmKeyPolicy(ENV, { deployRoleArn: DEPLOY, previewRoleArn: PREVIEW });
    const keyRequest = (principal: string, action: string, context: Record<string, string> = {}) =>
      decide({ principal, action, resource: KEY, context }, { identity: [], resource: policy });

    it("lets CloudWatch of this account encrypt for the topic (alarms reach it), and nothing more", async () => {
      const cw = (action: string, account = ACCOUNT) =>
        keyRequest("cloudwatch.amazonaws.com", action, { "aws:SourceAccount": account });
      expect(await cw("kms:GenerateDataKey")).to.equal("Allowed");
      expect(await cw("kms:Decrypt")).to.equal("Allowed");
      expect(await cw("kms:GenerateDataKey", "999999999999")).to.equal("ImplicitlyDenied");
      expect(await cw("kms:PutKeyPolicy")).to.equal("ImplicitlyDenied");
      expect(await keyRequest("sns.amazonaws.com", "kms:Decrypt", { "aws:SourceAccount": ACCOUNT })).to.equal(
        "ImplicitlyDenied",
      );
    });

    it("lets the deploy role manage the key and the preview role only read it", async () => {
      expect(await keyRequest(session(DEPLOY), "kms:PutKeyPolicy")).to.equal("Allowed");
      expect(await keyRequest(session(DEPLOY), "kms:ScheduleKeyDeletion")).to.equal("Allowed");
      expect(await keyRequest(session(PREVIEW), "kms:DescribeKey")).to.equal("Allowed");
      expect(await keyRequest(session(PREVIEW), "kms:GetKeyPolicy")).to.equal("Allowed");
      expect(await keyRequest(session(PREVIEW), "kms:PutKeyPolicy")).to.equal("ImplicitlyDenied");
      expect(await keyRequest(session(PREVIEW), "kms:ScheduleKeyDeletion")).to.equal("ImplicitlyDenied");
      const other = `arn:aws:iam::${ACCOUNT}:role/someone-else`;
      expect(await keyRequest(session(other), "kms:DescribeKey")).to.equal("ImplicitlyDenied");
    });

    it("grants the deploy and preview roles only actions authorised on a key (the reference says which)", async () => {
      expect(await referenceProblems(policy, "key", "alarm key")).to.deep.equal([]);
    });

    it("delegates to the account's IAM: an administrator's own policy is enough, no policy is nothing", async () => {
      const admin = session(`arn:aws:iam::${ACCOUNT}:role/admin`);
      const adminPolicy = {
        Version: "2012-10-17" as const,
        Statement: [{ Effect: "Allow" as const, Action: ["kms:*"], Resource: ["*"] }],
      };
      for (const action of ["kms:PutKeyPolicy", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"]) {
        const request = { principal: admin, action, resource: KEY };
        expect(await decide(request, { identity: [adminPolicy], resource: policy }), action).to.equal(
          "Allowed",
        );
        expect(await decide(request, { identity: [], resource: policy }), action).to.equal(
          "ImplicitlyDenied",
        );
      }
    });
  });

  describe("the roles' trust", () => {
    const assume = (service: string, policy: ReturnType<typeof lambdaTrustPolicy>, context = {}) =>
      decide(
        { principal: service, action: "sts:AssumeRole", resource: `arn:aws:iam::${ACCOUNT}:role/r`, context },
        { identity: [], resource: policy },
      );
    it("lets Lambda alone assume the function's role", async () => {
      expect(await assume("lambda.amazonaws.com", lambdaTrustPolicy())).to.equal("Allowed");
      expect(await assume("firehose.amazonaws.com", lambdaTrustPolicy())).to.equal("ImplicitlyDenied");
    });
    it("lets Firehose assume its role only for this account", async () => {
      const trust = firehoseTrustPolicy(ACCOUNT);
      expect(await assume("firehose.amazonaws.com", trust, { "sts:ExternalId": ACCOUNT })).to.equal(
        "Allowed",
      );
      expect(await assume("firehose.amazonaws.com", trust, { "sts:ExternalId": "999999999999" })).to.equal(
        "ImplicitlyDenied",
      );
      expect(await assume("lambda.amazonaws.com", trust, { "sts:ExternalId": ACCOUNT })).to.equal(
        "ImplicitlyDenied",
      );
    });
  });

  describe("what the function and Firehose may do", () => {
    const names = stackNames("punkapi-consumer", "test");
    const arn = (service: string, resource: string) => `arn:aws:${service}:us-east-1:${ACCOUNT}:${resource}`;
    const stream = arn("kinesis", `stream/${names.stream}`);
    const fn = functionPolicy({
      stream,
      functionLogGroup: arn("logs", `log-group:${names.functionLogGroup}`),
      failureQueue: arn("sqs", names.failureQueue),
    });
    const bucket = `arn:aws:s3:::${names.bucket(ACCOUNT)}`;
    const glue = (r: string) => arn("glue", r);
    const firehose = firehosePolicy({
      arns: {
        stream,
        bucket,
        firehoseLogGroup: arn("logs", `log-group:${names.firehoseLogGroup}`),
        glueCatalog: glue("catalog"),
        glueDatabase: glue(`database/${names.glueDatabase}`),
        curatedTable: glue(`table/${names.glueDatabase}/beers_curated`),
      },
      logStreams: ["S3Delivery", "S3DeliveryCurated"],
      prefixes: ["raw/beers/", "curated/beers/", "errors/", "raw/beers/"],
    });
    const as = (policy: typeof fn, action: string, resource: string) =>
      decide(
        { principal: session(`arn:aws:iam::${ACCOUNT}:role/r`), action, resource },
        { identity: [policy] },
      );

    it("lets the function write its stream, its logs and its failure queue, and nothing else", async () => {
      expect(await as(fn, "kinesis:PutRecords", stream)).to.equal("Allowed");
      expect(await as(fn, "kinesis:PutRecord", stream)).to.equal("Allowed");
      expect(await as(fn, "kinesis:PutRecords", arn("kinesis", "stream/other"))).to.equal("ImplicitlyDenied");
      expect(await as(fn, "kinesis:GetRecords", stream)).to.equal("ImplicitlyDenied");
      const logStream = arn("logs", `log-group:${names.functionLogGroup}:log-stream:2026/11/28/x`);
      expect(await as(fn, "logs:PutLogEvents", logStream)).to.equal("Allowed");
      expect(await as(fn, "logs:CreateLogStream", logStream)).to.equal("Allowed");
      expect(
        await as(fn, "logs:PutLogEvents", arn("logs", "log-group:/aws/lambda/other:log-stream:x")),
      ).to.equal("ImplicitlyDenied");
      expect(await as(fn, "sqs:SendMessage", arn("sqs", names.failureQueue))).to.equal("Allowed");
      expect(await as(fn, "sqs:ReceiveMessage", arn("sqs", names.failureQueue))).to.equal("ImplicitlyDenied");
    });

    it("lets Firehose read the stream, write under the lake's prefixes only, read the schema, and log", async () => {
      for (const action of [
        "kinesis:GetRecords",
        "kinesis:GetShardIterator",
        "kinesis:DescribeStream",
        "kinesis:ListShards",
      ])
        expect(await as(firehose, action, stream), action).to.equal("Allowed");
      expect(await as(firehose, "kinesis:PutRecords", stream)).to.equal("ImplicitlyDenied");
      expect(await as(firehose, "s3:PutObject", `${bucket}/raw/beers/dt=2026-11-28/o.gz`)).to.equal(
        "Allowed",
      );
      expect(await as(firehose, "s3:PutObject", `${bucket}/errors/x`)).to.equal("Allowed");
      expect(await as(firehose, "s3:PutObject", `${bucket}/elsewhere/o.gz`)).to.equal("ImplicitlyDenied");
      expect(await as(firehose, "s3:DeleteObject", `${bucket}/raw/beers/o.gz`)).to.equal("ImplicitlyDenied");
      expect(await as(firehose, "s3:ListBucket", bucket)).to.equal("Allowed");
      expect(
        await as(firehose, "glue:GetTableVersions", glue(`table/${names.glueDatabase}/beers_curated`)),
      ).to.equal("Allowed");
      expect(
        await as(firehose, "glue:GetTableVersions", glue(`table/${names.glueDatabase}/beers_raw`)),
      ).to.equal("ImplicitlyDenied");
      const logGroup = `log-group:${names.firehoseLogGroup}`;
      expect(
        await as(firehose, "logs:PutLogEvents", arn("logs", `${logGroup}:log-stream:S3Delivery`)),
      ).to.equal("Allowed");
      expect(await as(firehose, "logs:PutLogEvents", arn("logs", `${logGroup}:log-stream:Other`))).to.equal(
        "ImplicitlyDenied",
      );
      // Each prefix once, however often the lake names it; and no wildcard beyond the rule.
      const objects = firehose.Statement.find((s) => s.Sid === "Objects")!.Resource as string[];
      expect(objects).to.deep.equal([
        `${bucket}/raw/beers/*`,
        `${bucket}/curated/beers/*`,
        `${bucket}/errors/*`,
      ]);
      expect(wildcardProblems(firehose)).to.deep.equal([]);
      expect(wildcardProblems(fn)).to.deep.equal([]);
    });

    it("refuses every request to the bucket without TLS, and no other", async () => {
      const tls = tlsOnlyBucketPolicy(bucket);
      const get = (secure: string, resource = `${bucket}/raw/o.gz`) =>
        decide(
          {
            principal: session(`arn:aws:iam::${ACCOUNT}:role/r`),
            action: resource === bucket ? "s3:ListBucket" : "s3:GetObject",
            resource,
            context: { "aws:SecureTransport": secure },
          },
          { identity: [firehose], resource: tls },
        );
      expect(await get("false")).to.equal("ExplicitlyDenied");
      expect(await get("false", bucket)).to.equal("ExplicitlyDenied");
      expect(await get("true", `${bucket}/raw/beers/o.gz`)).to.equal("Allowed");
    });

    it("bounds every role of the stack by the stack: its own stream and bucket, not another stack's", async () => {
      const boundary = stackRoleBoundary(names, ENV);
      const within = (action: string, resource: string) =>
        decide(
          { principal: session(`arn:aws:iam::${ACCOUNT}:role/r`), action, resource },
          {
            identity: [
              { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: [action], Resource: ["*"] }] },
            ],
            boundary,
          },
        );
      expect(await within("kinesis:PutRecords", stream)).to.equal("Allowed");
      expect(
        await within("kinesis:PutRecords", arn("kinesis", "stream/punkapi-consumer-prod-beers")),
      ).to.equal("ImplicitlyDenied");
      expect(await within("s3:PutObject", `${bucket}/anything`)).to.equal("Allowed");
      expect(await within("s3:PutObject", `arn:aws:s3:::punkapi-consumer-prod-lake-${ACCOUNT}/x`)).to.equal(
        "ImplicitlyDenied",
      );
      expect(await within("iam:PutRolePolicy", `arn:aws:iam::${ACCOUNT}:role/r`)).to.equal(
        "ImplicitlyDenied",
      );
      expect(boundary.Statement.every((s) => s.Sid?.startsWith("Boundary"))).to.equal(true);
      // Firehose's log streams are named by the delivery streams, so the boundary allows any of its group's.
      const firehoseLogs = arn("logs", `log-group:${names.firehoseLogGroup}`);
      expect(await within("logs:PutLogEvents", `${firehoseLogs}:log-stream:S3Delivery`)).to.equal("Allowed");
      expect(await within("logs:PutLogEvents", `${firehoseLogs}:log-stream:AnyOther`)).to.equal("Allowed");
      expect(
        await within(
          "logs:PutLogEvents",
          arn("logs", "log-group:/aws/kinesisfirehose/other:log-stream:S3Delivery"),
        ),
      ).to.equal("ImplicitlyDenied");
    });

    it("names each statement of each document once, in letters and digits (AWS's Sid rule), no action twice", () => {
      const documents = {
        function: fn,
        firehose,
        boundary: stackRoleBoundary(names, ENV),
        bucket: tlsOnlyBucketPolicy(bucket),
        alarmKey: alarmKeyPolicy(ENV, { deployRoleArn: DEPLOY, previewRoleArn: PREVIEW }),
        lambdaTrust: lambdaTrustPolicy(),
        firehoseTrust: firehoseTrustPolicy(ACCOUNT),
      };
      for (const [name, document] of Object.entries(documents)) {
        const sids = document.Statement.map((s) => s.Sid).filter((sid) => sid !== undefined);
        for (const sid of sids) expect(sid, `${name}: Sid ${JSON.stringify(sid)}`).to.match(/^[A-Za-z0-9]+$/);
        expect(new Set(sids).size, `${name}: Sids ${sids.join(", ")}`).to.equal(sids.length);
        for (const statement of document.Statement) {
          const actions = ([] as string[]).concat(statement.Action ?? []);
          expect(new Set(actions).size, `${name} ${statement.Sid}: ${actions.join(", ")}`).to.equal(
            actions.length,
          );
        }
      }
      // Every permission statement is named: a reviewer reads the policy by its Sids.
      for (const name of ["function", "firehose", "boundary", "bucket", "alarmKey"] as const)
        expect(
          documents[name].Statement.every((s) => s.Sid),
          name,
        ).to.equal(true);
    });
  });

  describe("the wildcard rule", () => {
    const allow = (Action: string[], Resource: string[], extra = {}) => ({
      Version: "2012-10-17" as const,
      Statement: [{ Sid: "S", Effect: "Allow" as const, Action, Resource, ...extra }],
    });
    it("flags wildcard actions and resources, NotAction and NotResource, and lets the two trailing forms pass", () => {
      expect(wildcardProblems(allow(["s3:Get*"], ["arn:aws:s3:::b/x"]))).to.deep.equal([
        'S: wildcard action "s3:Get*"',
      ]);
      expect(wildcardProblems(allow(["s3:GetObject"], ["*"]))).to.deep.equal(['S: wildcard resource "*"']);
      expect(wildcardProblems(allow(["s3:GetObject"], ["arn:aws:s3:::my-bucket/raw/*"]))).to.deep.equal([]);
      expect(wildcardProblems(allow(["s3:GetObject"], ["arn:aws:s3:::my-bucket*"]))).to.have.length(1);
      expect(wildcardProblems(allow(["s3:GetObject"], ["arn:aws:s3:::my-bucket/r?w/*"]))).to.have.length(1);
      // Only the whole ARN may match: a leading wildcard or a second one after the trailing one is flagged.
      expect(wildcardProblems(allow(["s3:GetObject"], ["*arn:aws:s3:::my-bucket/raw/*"]))).to.have.length(1);
      expect(wildcardProblems(allow(["s3:GetObject"], ["arn:aws:s3:::my-bucket/raw/*/*"]))).to.have.length(1);
      const group = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/f";
      expect(wildcardProblems(allow(["logs:PutLogEvents"], [`*${group}:*`]))).to.have.length(1);
      expect(wildcardProblems(allow(["logs:PutLogEvents"], [`${group}:*:log-stream:*`]))).to.have.length(1);
      expect(
        wildcardProblems(
          allow(["logs:PutLogEvents"], ["arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/f:*"]),
        ),
      ).to.deep.equal([]);
      expect(
        wildcardProblems(
          allow(["logs:PutLogEvents"], ["arn:aws:logs:us-east-1:123456789012:log-group:/aws/*:*"]),
        ),
      ).to.have.length(1);
      expect(
        wildcardProblems(allow([], ["arn:aws:s3:::b/x"], { NotAction: ["s3:DeleteObject"] })),
      ).to.deep.equal(["S: NotAction allows everything else"]);
      expect(
        wildcardProblems(allow(["s3:GetObject"], [], { NotResource: ["arn:aws:s3:::b/x"] })),
      ).to.deep.equal(["S: NotResource allows everything else"]);
      const deny = {
        Version: "2012-10-17" as const,
        Statement: [{ Effect: "Deny" as const, Action: ["s3:*"], Resource: ["*"] }],
      };
      expect(wildcardProblems(deny)).to.deep.equal([]);
      const unnamed = {
        Version: "2012-10-17" as const,
        Statement: [{ Effect: "Allow" as const, Action: ["*"], Resource: ["arn:aws:s3:::b/x"] }],
      };
      expect(wildcardProblems(unnamed)).to.deep.equal(['statement 0: wildcard action "*"']);
    });
  });
});
