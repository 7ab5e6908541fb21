/**
 * The bootstrap program under Pulumi mocks: the state bucket and key, GitHub's OIDC provider, and the two
 * roles with their trust and permission policies, parsed and checked.
 */
import { expect } from "chai";
import path from "path";
import { readStackFiles } from "../../config/stack-files";
import { isStackConfigError } from "../../config/stack-config";
import type { PolicyDocument } from "../../components/security/policies";
import { parseBootstrapConfig } from "../../bootstrap/config";
import { UNSCOPED_ACTIONS } from "../../bootstrap/policies";
import { ProgramRun, runProgram } from "../../local/provider/run-program";
import { one, ofType, ROOT } from "../helpers/program";

const DIR = path.join(ROOT, "bootstrap");
const ACCOUNT = "123456789012";
const REPO = "example-org/punkapi-consumer";

describe("bootstrap", () => {
  let run: ProgramRun;
  before(async () => {
    const files = readStackFiles(DIR, "account");
    run = await runProgram({
      programDir: DIR,
      project: files.project,
      stack: "account",
      config: files.config,
    });
  });

  const doc = (text: string) => JSON.parse(text) as PolicyDocument;

  it("creates a protected, versioned, KMS-encrypted, private, TLS-only state bucket", () => {
    const bucket = one(run, "aws:s3/bucket:Bucket");
    const key = one(run, "aws:kms/key:Key");
    expect(bucket.inputs.bucket).to.equal(`punkapi-consumer-state-${ACCOUNT}`);
    expect([bucket.protect, bucket.retainOnDelete, key.protect]).to.deep.equal([true, true, true]);
    expect(key.inputs.enableKeyRotation).to.equal(true);
    expect(one(run, "aws:kms/alias:Alias").inputs).to.deep.include({
      name: "alias/punkapi-consumer-state",
      targetKeyId: key.state.keyId,
    });
    expect(one(run, "aws:s3/bucketVersioning:BucketVersioning").inputs.versioningConfiguration).to.deep.equal(
      { status: "Enabled" },
    );
    expect(
      one(run, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration")
        .inputs.rules,
    ).to.deep.equal([
      {
        applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.state.arn },
        bucketKeyEnabled: true,
      },
    ]);
    expect(
      one(run, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").inputs.rules[0],
    ).to.deep.include({
      noncurrentVersionExpiration: { noncurrentDays: 90 },
    });
    expect(one(run, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").inputs).to.deep.include({
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    const policy = doc(one(run, "aws:s3/bucketPolicy:BucketPolicy").inputs.policy);
    expect(policy.Statement.map((s) => s.Sid)).to.deep.equal([
      "DenyInsecureTransport",
      "DenyOtherPrincipals",
    ]);
    expect(policy.Statement[1].Condition).to.deep.equal({
      ArnNotEquals: {
        "aws:PrincipalArn": [
          `arn:aws:iam::${ACCOUNT}:role/punkapi-consumer-github-preview`,
          `arn:aws:iam::${ACCOUNT}:role/punkapi-consumer-github-deploy`,
          `arn:aws:iam::${ACCOUNT}:role/Admin`,
        ],
      },
    });
  });

  it("trusts GitHub's OIDC provider, for sts.amazonaws.com", () => {
    expect(one(run, "aws:iam/openIdConnectProvider:OpenIdConnectProvider").inputs).to.deep.include({
      url: "https://token.actions.githubusercontent.com",
      clientIdLists: ["sts.amazonaws.com"],
    });
  });

  it("lets only this repository's pull requests assume the preview role, and only main and its environments the deploy role", () => {
    const trust = (name: string) =>
      doc(one(run, "aws:iam/role:Role", name).inputs.assumeRolePolicy).Statement;
    const provider = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
    const statement = (subjects: string[]) => [
      {
        Effect: "Allow",
        Principal: { Federated: provider },
        Action: ["sts:AssumeRoleWithWebIdentity"],
        Condition: {
          StringEquals: {
            "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
            "token.actions.githubusercontent.com:sub": subjects,
          },
        },
      },
    ];
    expect(trust("github-preview")).to.deep.equal(statement([`repo:${REPO}:pull_request`]));
    expect(trust("github-deploy")).to.deep.equal(
      statement([
        `repo:${REPO}:ref:refs/heads/main`,
        `repo:${REPO}:environment:test`,
        `repo:${REPO}:environment:prod`,
      ]),
    );
  });

  it("scopes both roles: no wildcard action; resources exact, the pipeline's name patterns, or * only where AWS names none", () => {
    const stateBucket = `arn:aws:s3:::punkapi-consumer-state-${ACCOUNT}`;
    const allowedPattern = new RegExp(
      `^arn:aws:[a-z0-9-]+:(us-east-1)?:(${ACCOUNT})?:[a-z-]*[/:]?(/aws/(lambda|kinesisfirehose)/)?punkapi[-_]consumer[-_][^*]*\\*(/\\*)?$`,
    );
    for (const policy of ofType(run, "aws:iam/rolePolicy:RolePolicy")) {
      for (const s of doc(policy.inputs.policy).Statement) {
        for (const action of s.Action) expect(action, `${policy.name} ${s.Sid}`).not.to.match(/[*?]/);
        for (const resource of s.Resource ?? []) {
          if (!resource.includes("*")) continue;
          const ok =
            resource === `${stateBucket}/.pulumi/*` ||
            resource === `${stateBucket}/.pulumi/locks/*` ||
            resource === "arn:aws:s3:::punkapi-consumer-*-lake-*" ||
            resource === `arn:aws:glue:us-east-1:${ACCOUNT}:catalog` ||
            (resource === `arn:aws:kms:us-east-1:${ACCOUNT}:key/*` &&
              s.Condition?.StringEquals?.["aws:ResourceTag/project"] === "punkapi-consumer") ||
            (resource === "*" && s.Action.every((a) => UNSCOPED_ACTIONS.includes(a))) ||
            allowedPattern.test(resource);
          expect(ok, `${policy.name} ${s.Sid}: ${resource}`).to.equal(true);
        }
      }
    }
  });

  it("gives the preview role reads only (and the state lock), the deploy role writes", () => {
    const policy = (name: string) => doc(one(run, "aws:iam/rolePolicy:RolePolicy", name).inputs.policy);
    const preview = policy("github-preview")
      .Statement.filter((s) => s.Sid !== "StateLocks")
      .flatMap((s) => s.Action);
    for (const action of preview)
      expect(action).to.match(/:(Get|Describe|List|Decrypt|Encrypt|GenerateDataKey)/);
    const deploy = policy("github-deploy").Statement.flatMap((s) => s.Action);
    expect(deploy).to.include.members([
      "kinesis:CreateStream",
      "lambda:UpdateFunctionCode",
      "iam:PutRolePolicy",
      "iam:PassRole",
    ]);
    const pass = policy("github-deploy").Statement.find((s) => s.Sid === "PassPipelineRoles");
    expect(pass?.Condition).to.deep.equal({
      StringEquals: { "iam:PassedToService": ["firehose.amazonaws.com", "lambda.amazonaws.com"] },
    });
  });

  it("exports what the workflows and the stacks need", () => {
    expect(run.outputs).to.deep.equal({
      AWS_REGION: "us-east-1",
      AWS_PREVIEW_ROLE_ARN: `arn:aws:iam::${ACCOUNT}:role/punkapi-consumer-github-preview`,
      AWS_DEPLOY_ROLE_ARN: `arn:aws:iam::${ACCOUNT}:role/punkapi-consumer-github-deploy`,
      PULUMI_BACKEND_URL: `s3://punkapi-consumer-state-${ACCOUNT}?region=us-east-1&awssdk=v2`,
      secretsProvider: "awskms://alias/punkapi-consumer-state?region=us-east-1",
      stateBucketName: `punkapi-consumer-state-${ACCOUNT}`,
    });
  });

  it("names the key of a bad configuration", () => {
    const raw = readStackFiles(DIR, "account").config;
    const cases: [Record<string, string>, string][] = [
      [
        { "punkapi-consumer-bootstrap:githubRepository": "not a repo" },
        "punkapi-consumer-bootstrap:githubRepository",
      ],
      [
        { "punkapi-consumer-bootstrap:adminPrincipalArns": "" },
        "punkapi-consumer-bootstrap:adminPrincipalArns",
      ],
      [
        { "punkapi-consumer-bootstrap:adminPrincipalArns": "arn:aws:iam::123:root" },
        "punkapi-consumer-bootstrap:adminPrincipalArns",
      ],
      [
        { "punkapi-consumer-bootstrap:stateNoncurrentVersionDays": "0" },
        "punkapi-consumer-bootstrap:stateNoncurrentVersionDays",
      ],
    ];
    for (const [override, key] of cases) {
      let error: unknown;
      try {
        parseBootstrapConfig({ ...raw, ...override }, "punkapi-consumer-bootstrap");
      } catch (e) {
        error = e;
      }
      expect(isStackConfigError(error) && error.key, JSON.stringify(override)).to.equal(key);
    }
  });
});
