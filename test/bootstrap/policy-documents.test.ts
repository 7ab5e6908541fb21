/**
 * The bootstrap's policy documents as IAM and KMS receive them, built from a hand-written scope (no program
 * run): documents IAM accepts (version, statement ids, the inline-policy quota), statements named for
 * what they grant and on which condition, the trust documents whole, the refusals of a scope that lacks a
 * stack or a pattern, and what the guardrails and the state bucket's and keys' own policies decide on
 * their own (iam-simulate), whatever the caller's identity policy grants. roles.test.ts and trust.test.ts judge the documents the program declares.
 */
import { expect } from "chai";
import type { PolicyDocument, Statement } from "../../iam/policy-document";
import { decide } from "../../iam/simulate";
import {
  conditionFor,
  deployPolicy,
  deployPolicyParts,
  deployTrustPolicy,
  patternsOf,
  previewPolicy,
  previewTrustPolicy,
  Scope,
  secretsKeyPolicy,
  stateBucketPolicy,
  stateKeyPolicy,
  statementsFor,
} from "../../bootstrap/policies";
import type { TableRow } from "../../iam/provider-calls";

const ACCOUNT = "123456789012";
const iam = (resource: string) => `arn:aws:iam::${ACCOUNT}:${resource}`;
const BUCKET = `arn:aws:s3:::pc-state-${ACCOUNT}`;
const STATE_KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1111`;
const SECRETS_KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/2222`;
const SCOPE: Scope = {
  partition: "aws",
  region: "us-east-1",
  accountId: ACCOUNT,
  project: "pc",
  stateBucketArn: BUCKET,
  stateKeyArn: STATE_KEY,
  stacks: {
    test: { lakeForceDestroy: true, secretsKeyArn: SECRETS_KEY },
    prod: { lakeForceDestroy: false, secretsKeyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/3333` },
  },
};
const DEPLOY = {
  test: iam("role/pc-bootstrap/pc-deploy-test"),
  prod: iam("role/pc-bootstrap/pc-deploy-prod"),
};
const PREVIEW = {
  test: iam("role/pc-bootstrap/pc-preview-test"),
  prod: iam("role/pc-bootstrap/pc-preview-prod"),
};
const ADMIN = iam("role/Admin");
const OTHER = iam("role/SomeoneElse");

const bucketPolicy = () =>
  stateBucketPolicy(BUCKET, { previewRoles: PREVIEW, deployRoles: DEPLOY }, [ADMIN], ACCOUNT, "aws", "pc");
const stateKey = () =>
  stateKeyPolicy(ACCOUNT, "aws", [ADMIN], {
    deployRoles: Object.values(DEPLOY),
    previewRoles: Object.values(PREVIEW),
  });
const secretsKey = () =>
  secretsKeyPolicy(ACCOUNT, "aws", [ADMIN], { deployRole: DEPLOY.test, previewRole: PREVIEW.test });

const ALL_OF_S3: PolicyDocument = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: ["s3:*"], Resource: ["*"] }],
};

/** What the resource's own policy decides for a caller whose identity policy grants `identity`. */
const byResource = (
  principal: string,
  action: string,
  resource: string,
  policy: PolicyDocument,
  identity: PolicyDocument[] = [],
) => decide({ principal, action, resource }, { identity, resource: policy });

const find = (d: PolicyDocument, sid: string): Statement => {
  const found = d.Statement.find((s) => s.Sid === sid);
  if (!found) throw new Error(`no statement ${sid} in ${d.Statement.map((s) => s.Sid).join(", ")}`);
  return found;
};
const withAction = (d: PolicyDocument, action: string) =>
  d.Statement.filter((s) => s.Effect === "Allow" && s.Action.includes(action)).map((s) => s.Sid);

describe("the bootstrap's policy documents", () => {
  const documents = (): Record<string, PolicyDocument> => ({
    "deploy test": deployPolicy(SCOPE, "test"),
    "deploy prod": deployPolicy(SCOPE, "prod"),
    "preview test": previewPolicy(SCOPE, "test"),
    "preview prod": previewPolicy(SCOPE, "prod"),
    "state bucket": bucketPolicy(),
    "state key": stateKey(),
    "secrets key": secretsKey(),
  });

  it("are documents IAM takes: the current version, each statement with its own alphanumeric Sid", () => {
    for (const [name, d] of Object.entries(documents())) {
      expect(d.Version, name).to.equal("2012-10-17");
      const sids = d.Statement.map((s) => s.Sid ?? "");
      // IAM: a Sid is made of ASCII letters and digits, and unique within its policy.
      for (const sid of sids) expect(sid, `${name}: ${sid}`).to.match(/^[A-Za-z0-9]+$/);
      expect(new Set(sids).size, name).to.equal(sids.length);
    }
  });

  it("list each action and each resource once, actions in order (the same table, the same document)", () => {
    for (const [name, d] of Object.entries(documents()))
      for (const s of d.Statement) {
        const resources = ([] as string[]).concat(s.Resource ?? []);
        expect(new Set(resources).size, `${name} ${s.Sid}`).to.equal(resources.length);
        expect(s.Action, `${name} ${s.Sid}`).to.deep.equal([...new Set(s.Action)].sort());
      }
  });

  it("fit a role's inline policies in IAM's quota (10,240 characters, whitespace not counted)", () => {
    // As the role carries it: the inline part under IAM's 10,240, the managed state part under 6,144.
    for (const stack of ["test", "prod"]) {
      const parts = deployPolicyParts(SCOPE, stack);
      expect(JSON.stringify(parts.inline).length, stack).to.be.below(10_240);
      expect(JSON.stringify(parts.state).length, stack).to.be.below(6_144);
    }
    for (const stack of ["test", "prod"])
      expect(JSON.stringify(previewPolicy(SCOPE, stack)).length, stack).to.be.below(10_240);
  });

  it("name each grant for what it covers and on which condition, in order, the guardrails last", () => {
    const d = deployPolicy(SCOPE, "test");
    expect(withAction(d, "iam:PassRole")).to.deep.equal([
      "FirehoseRolePassedToFirehose",
      "FunctionRolePassedToLambda",
    ]);
    expect(find(d, "FunctionRolePassedToLambda")).to.deep.equal({
      Sid: "FunctionRolePassedToLambda",
      Effect: "Allow",
      Action: ["iam:PassRole"],
      Resource: [iam("role/pc-test-ingest")],
      Condition: { StringEquals: { "iam:PassedToService": "lambda.amazonaws.com" } },
    });
    expect(withAction(d, "iam:CreateRole")).to.deep.equal(["RoleWithStackBoundary"]);
    expect(find(d, "RoleWithStackBoundary").Condition).to.deep.equal({
      StringEquals: { "iam:PermissionsBoundary": iam("policy/pc-bootstrap/pc-test-boundary") },
    });
    expect(withAction(d, "cloudwatch:PutMetricAlarm")).to.deep.equal(["AlarmToStackTopic"]);
    expect(withAction(d, "lambda:AddPermission")).to.deep.equal(["FunctionForEventBridge"]);
    expect(withAction(d, "kms:CreateKey")).to.deep.equal(["UnscopedConditioned"]);
    expect(find(d, "Unscoped")).to.deep.include({ Resource: ["*"] });
    expect(find(d, "Unscoped").Condition).to.equal(undefined);
    expect(withAction(d, "kinesis:StartStreamEncryption")).to.deep.equal(["StreamKinesisKey"]);
    const sids = d.Statement.map((s) => s.Sid!);
    const grants = sids.slice(0, -4);
    expect(grants).to.deep.equal([...grants].sort((a, b) => a.localeCompare(b)));
    expect(sids.slice(-4)).to.deep.equal([
      "NeverTheBootstrapIdentities",
      "RolesOnlyWithTheStackBoundary",
      "NeverDropABoundary",
      "NeverAssumeARole",
    ]);
    const preview = previewPolicy(SCOPE, "test").Statement.map((s) => s.Sid!);
    expect(preview).to.deep.equal([...preview].sort((a, b) => a.localeCompare(b)));
  });

  it("grant a deploy role its own stack's state, lock and secrets key, and the shared bucket, meta.yaml and state key", () => {
    const d = deployPolicy(SCOPE, "test");
    // The DIY backend's layout: .pulumi/meta.yaml, stacks/<project>/<stack>.json(.bak), history/ and
    // backups/<project>/<stack>/, locks/organization/<project>/<stack>/.
    const resources = (sid: string) => find(d, sid).Resource;
    expect(resources("StackState")).to.deep.equal([
      `${BUCKET}/.pulumi/stacks/pc/test.*`,
      `${BUCKET}/.pulumi/history/pc/test/*`,
      `${BUCKET}/.pulumi/backups/pc/test/*`,
    ]);
    expect(resources("StackLocks")).to.deep.equal([`${BUCKET}/.pulumi/locks/organization/pc/test/*`]);
    expect(resources("StateBucket")).to.deep.equal([BUCKET]);
    expect(resources("StateMeta")).to.deep.equal([`${BUCKET}/.pulumi/meta.yaml`]);
    expect(resources("StateKey")).to.deep.equal([STATE_KEY]);
    expect(resources("StackSecretsKey")).to.deep.equal([SECRETS_KEY]);
  });

  it("let a stack's preview role read that stack's state and secrets only", () => {
    const preview = previewPolicy(SCOPE, "prod");
    expect(find(preview, "StackState")).to.deep.equal({
      Sid: "StackState",
      Effect: "Allow",
      Action: ["s3:GetObject"],
      Resource: [
        `${BUCKET}/.pulumi/stacks/pc/prod.*`,
        `${BUCKET}/.pulumi/history/pc/prod/*`,
        `${BUCKET}/.pulumi/backups/pc/prod/*`,
      ],
    });
    expect(find(preview, "StackSecretsKey").Resource).to.deep.equal([
      `arn:aws:kms:us-east-1:${ACCOUNT}:key/3333`,
    ]);
    expect(find(previewPolicy(SCOPE, "test"), "StackSecretsKey").Resource).to.deep.equal([SECRETS_KEY]);
    expect(find(preview, "StateKey")).to.deep.include({ Action: ["kms:Decrypt"], Resource: [STATE_KEY] });
  });

  it("deny, beside a grant of everything: the bootstrap's identities, a role without the stack's boundary, dropping a boundary, assuming a role", async () => {
    const everything: PolicyDocument = {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: ["iam:*", "sts:AssumeRole"], Resource: ["*"] }],
    };
    const identity = [deployPolicy(SCOPE, "test"), everything];
    const ask = (action: string, resource: string, context: Record<string, string> = {}) =>
      decide({ principal: DEPLOY.test, action, resource, context }, { identity });
    const boundary = { "iam:PermissionsBoundary": iam("policy/pc-bootstrap/pc-test-boundary") };
    expect(await ask("iam:UpdateAssumeRolePolicy", PREVIEW.test, boundary)).to.equal("ExplicitlyDenied");
    expect(await ask("iam:TagPolicy", iam("policy/pc-bootstrap/pc-test-boundary"))).to.equal(
      "ExplicitlyDenied",
    );
    expect(
      await ask("iam:DeleteOpenIDConnectProvider", iam("oidc-provider/token.actions.githubusercontent.com")),
    ).to.equal("ExplicitlyDenied");
    const fn = iam("role/pc-test-ingest");
    expect(await ask("iam:CreateRole", fn, boundary)).to.equal("Allowed");
    expect(await ask("iam:CreateRole", fn)).to.equal("ExplicitlyDenied");
    expect(await ask("iam:PutRolePermissionsBoundary", fn, boundary)).to.equal("Allowed");
    expect(
      await ask("iam:PutRolePermissionsBoundary", fn, {
        "iam:PermissionsBoundary": iam("policy/pc-bootstrap/pc-prod-boundary"),
      }),
    ).to.equal("ExplicitlyDenied");
    expect(await ask("iam:DeleteRolePermissionsBoundary", fn)).to.equal("ExplicitlyDenied");
    expect(await ask("sts:AssumeRole", fn)).to.equal("ExplicitlyDenied");
    // Outside the guardrails, the grant of everything stands: they deny only what they name.
    expect(await ask("iam:TagRole", iam("role/unrelated"))).to.equal("Allowed");
  });

  it("trust GitHub's tokens: the deploy workflow on main in the stack's environment; a pull request for preview", () => {
    const provider = iam("oidc-provider/token.actions.githubusercontent.com");
    const repo = { name: "example-org/punkapi-consumer", id: "700123" };
    const trust = (conditions: Statement["Condition"]) => ({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Federated: provider },
          Action: ["sts:AssumeRoleWithWebIdentity"],
          Condition: conditions,
        },
      ],
    });
    // GitHub's claims: sub in both formats (repo:OWNER/REPO:... and, since 2026-07-15, with the ids).
    expect(deployTrustPolicy(provider, repo, "prod")).to.deep.equal(
      trust({
        StringEquals: {
          "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
          "token.actions.githubusercontent.com:repository_id": "700123",
          "token.actions.githubusercontent.com:ref": "refs/heads/main",
          "token.actions.githubusercontent.com:job_workflow_ref":
            "example-org/punkapi-consumer/.github/workflows/deploy.yml@refs/heads/main",
        },
        StringLike: {
          "token.actions.githubusercontent.com:sub": [
            "repo:example-org/punkapi-consumer:environment:prod",
            "repo:example-org@*/punkapi-consumer@*:environment:prod",
          ],
        },
      }),
    );
    expect(previewTrustPolicy(provider, repo, "prod", "punkapi-consumer")).to.deep.equal(
      trust({
        StringEquals: {
          "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
          "token.actions.githubusercontent.com:repository_id": "700123",
        },
        StringLike: {
          "token.actions.githubusercontent.com:sub": [
            "repo:example-org/punkapi-consumer:environment:preview-prod",
            "repo:example-org@*/punkapi-consumer@*:environment:preview-prod",
          ],
          "token.actions.githubusercontent.com:job_workflow_ref":
            "example-org/punkapi-consumer/.github/workflows/pull-request.yml@refs/pull/*/merge",
        },
      }),
    );
  });

  it("give the preview role no key, no administrator's row and no condition", () => {
    const preview = previewPolicy(SCOPE, "prod");
    expect(preview.Statement.filter((s) => s.Condition)).to.deep.equal([]);
    expect(withAction(preview, "s3:PutObject")).to.deep.equal([]);
    // The deploy role's writes of meta.yaml (an administrator's row) and of the alarm key (its key policy's).
    const deploy = deployPolicy(SCOPE, "test");
    expect(
      deploy.Statement.some(
        (s) => s.Resource?.includes(`${BUCKET}/.pulumi/meta.yaml`) && s.Action.includes("s3:PutObject"),
      ),
    ).to.equal(false);
  });

  it("refuse a stack the scope knows nothing of, and a kind without a pattern", () => {
    expect(() => deployPolicy(SCOPE, "staging")).to.throw(
      'no facts about the stack "staging" (stacks: test, prod)',
    );
    expect(() => previewPolicy(SCOPE, "staging")).to.throw('no facts about the stack "staging"');
    expect(patternsOf({ stream: ["arn:s"] })("stream")).to.deep.equal(["arn:s"]);
    expect(() => patternsOf({ stream: ["arn:s"] })("queue")).to.throw(
      'no ARN pattern for "queue" in a stack\'s scope',
    );
  });

  it("fill a condition's placeholders: the stack's boundary, a kind's patterns; other values as they are", () => {
    const patterns = (kind: string) => [`<${kind} patterns>`];
    const row = {
      condition: {
        StringEquals: {
          "iam:PermissionsBoundary": "<stackBoundary>",
          "lambda:Principal": "events.amazonaws.com",
        },
        "ForAllValues:ArnLike": { "cloudwatch:AlarmActions": "<topic>" },
      },
    } as Pick<TableRow, "condition">;
    expect(conditionFor(row, patterns, "arn:boundary")).to.deep.equal({
      StringEquals: { "iam:PermissionsBoundary": "arn:boundary", "lambda:Principal": "events.amazonaws.com" },
      "ForAllValues:ArnLike": { "cloudwatch:AlarmActions": ["<topic patterns>"] },
    });
    expect(conditionFor({}, patterns, "arn:boundary")).to.equal(undefined);
    expect(() => conditionFor(row, patterns, undefined)).to.throw(
      "a condition names the stack's boundary, and there is none here",
    );
    // "<...>" only as the whole value is a placeholder.
    const partial = { condition: { StringLike: { "aws:x": "a<topic>", "aws:y": "<topic>b" } } };
    expect(conditionFor(partial as Pick<TableRow, "condition">, patterns, undefined)).to.deep.equal(
      partial.condition,
    );
  });

  it("leave out the administrator's rows and the rows on the alarm key", () => {
    const row = (action: string, on: TableRow["on"], extra: Partial<TableRow> = {}): TableRow => ({
      call: action,
      action,
      on,
      when: "",
      type: "t",
      phase: "create",
      ...extra,
    });
    const patterns = (kind: string) => [`arn:${kind}`];
    expect(
      statementsFor(
        [
          row("s3:PutObject", "object"),
          row("s3:GetObject", "object"),
          row("s3:PutObject", "object"),
          row("kms:Encrypt", "stackSecretsKey", { adminOnly: "an administrator's step" }),
          row("kms:Decrypt", "key"),
          row("kms:CreateGrant", ["function", "key"]),
        ],
        patterns,
        undefined,
      ),
    ).to.deep.equal([
      { Sid: "Object", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: ["arn:object"] },
    ]);
  });

  describe("the state bucket's own policy, whatever the caller's identity policy grants", () => {
    const objects = (stack: string) => [
      `${BUCKET}/.pulumi/stacks/pc/${stack}.json`,
      `${BUCKET}/.pulumi/history/pc/${stack}/${stack}-1764300000000000000.history.json`,
      `${BUCKET}/.pulumi/backups/pc/${stack}/${stack}.1764300000000000000.json`,
      `${BUCKET}/.pulumi/locks/organization/pc/${stack}/0b6f2f0e.json`,
    ];
    const ask = (principal: string, action: string, resource: string) =>
      byResource(principal, action, resource, bucketPolicy(), [ALL_OF_S3]);

    it("name each stack's statements for it", () => {
      expect(bucketPolicy().Statement.map((s) => s.Sid)).to.deep.equal([
        "DenyInsecureTransport",
        "DenyOtherPrincipals",
        "OnlyTestDeployWritesTestState",
        "OnlyTestDeployAndPreviewReadTestState",
        "OnlyProdDeployWritesProdState",
        "OnlyProdDeployAndPreviewReadProdState",
      ]);
    });

    it("lets each stack's deploy role alone (and the admins) write its state, history, backups and lock", async () => {
      for (const [stack, other] of [
        ["test", "prod"],
        ["prod", "test"],
      ])
        for (const object of objects(stack))
          for (const action of ["s3:PutObject", "s3:DeleteObject"]) {
            expect(
              await ask(DEPLOY[stack as "test"], action, object),
              `${stack} ${action} ${object}`,
            ).to.equal("Allowed");
            expect(await ask(ADMIN, action, object), `admin ${action} ${object}`).to.equal("Allowed");
            for (const who of [DEPLOY[other as "test"], PREVIEW.test, PREVIEW.prod, OTHER])
              expect(await ask(who, action, object), `${who} ${action} ${object}`).to.equal(
                "ExplicitlyDenied",
              );
          }
    });

    it("lets the stack's deploy role, its preview role and the admins read it; not the other stack's roles", async () => {
      for (const object of objects("prod")) {
        for (const who of [DEPLOY.prod, PREVIEW.prod, ADMIN])
          expect(await ask(who, "s3:GetObject", object), `${who} ${object}`).to.equal("Allowed");
        for (const who of [DEPLOY.test, PREVIEW.test, OTHER])
          expect(await ask(who, "s3:GetObject", object), `${who} ${object}`).to.equal("ExplicitlyDenied");
      }
    });

    it("leaves the bucket to the pipeline's roles, the admins and AWS's service-linked roles, over TLS only", async () => {
      for (const who of [
        DEPLOY.test,
        PREVIEW.test,
        PREVIEW.prod,
        ADMIN,
        iam("role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"),
      ])
        expect(await ask(who, "s3:ListBucket", BUCKET), who).to.equal("Allowed");
      for (const who of [
        OTHER,
        iam("role/service-role/x"),
        `arn:aws:iam::210987654321:role/aws-service-role/x`,
      ])
        expect(await ask(who, "s3:ListBucket", BUCKET), who).to.equal("ExplicitlyDenied");
      // The bucket's objects outside any stack's: nobody else either, and TLS only.
      const meta = `${BUCKET}/.pulumi/meta.yaml`;
      expect(await ask(ADMIN, "s3:GetObject", meta)).to.equal("Allowed");
      expect(await ask(OTHER, "s3:GetObject", meta)).to.equal("ExplicitlyDenied");
      expect(
        await decide(
          {
            principal: ADMIN,
            action: "s3:GetObject",
            resource: meta,
            context: { "aws:SecureTransport": "false" },
          },
          { identity: [ALL_OF_S3], resource: bucketPolicy() },
        ),
      ).to.equal("ExplicitlyDenied");
      expect(
        await decide(
          {
            principal: ADMIN,
            action: "s3:ListBucket",
            resource: BUCKET,
            context: { "aws:SecureTransport": "false" },
          },
          { identity: [ALL_OF_S3], resource: bucketPolicy() },
        ),
      ).to.equal("ExplicitlyDenied");
    });
  });

  describe("the keys' own policies", () => {
    const root = {
      Sid: "AccountRootForRecovery",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::123456789012:root` },
      Action: ["kms:DescribeKey", "kms:GetKeyPolicy", "kms:PutKeyPolicy"],
      Resource: ["*"],
    };
    /** The provider's calls on a key and its alias, and the recovery operations (hand-listed from the table). */
    const administered = (uses: string[]) =>
      [
        "kms:CancelKeyDeletion",
        "kms:CreateAlias",
        "kms:DeleteAlias",
        "kms:DescribeKey",
        "kms:DisableKey",
        "kms:EnableKey",
        "kms:EnableKeyRotation",
        "kms:GetKeyPolicy",
        "kms:GetKeyRotationStatus",
        "kms:ListResourceTags",
        "kms:PutKeyPolicy",
        "kms:ScheduleKeyDeletion",
        "kms:TagResource",
        "kms:UntagResource",
        "kms:UpdateAlias",
        "kms:UpdateKeyDescription",
        ...uses,
      ].sort();

    it("give the state key to the admins, its use to the deploy roles, its reads to the preview roles", () => {
      expect(stateKey()).to.deep.equal({
        Version: "2012-10-17",
        Statement: [
          root,
          {
            Sid: "Administer",
            Effect: "Allow",
            Principal: { AWS: [ADMIN] },
            Action: administered(["kms:Decrypt", "kms:GenerateDataKey"]),
            Resource: ["*"],
          },
          {
            Sid: "DeployRolesUse",
            Effect: "Allow",
            Principal: { AWS: [DEPLOY.test, DEPLOY.prod] },
            Action: ["kms:Decrypt", "kms:GenerateDataKey"],
            Resource: ["*"],
          },
          {
            Sid: "PreviewRoleReads",
            Effect: "Allow",
            Principal: { AWS: [PREVIEW.test, PREVIEW.prod] },
            Action: ["kms:Decrypt"],
            Resource: ["*"],
          },
        ],
      });
    });

    it("give a stack's secrets key to the admins, who encrypt; its deploy role and its preview role decrypt", () => {
      expect(secretsKey()).to.deep.equal({
        Version: "2012-10-17",
        Statement: [
          root,
          {
            Sid: "Administer",
            Effect: "Allow",
            Principal: { AWS: [ADMIN] },
            Action: administered(["kms:Decrypt", "kms:Encrypt"]),
            Resource: ["*"],
          },
          {
            Sid: "DeployRoleUses",
            Effect: "Allow",
            Principal: { AWS: DEPLOY.test },
            Action: ["kms:Decrypt"],
            Resource: ["*"],
          },
          {
            Sid: "PreviewRoleReads",
            Effect: "Allow",
            Principal: { AWS: PREVIEW.test },
            Action: ["kms:Decrypt"],
            Resource: ["*"],
          },
        ],
      });
    });

    it("delegate a key's policy to the account's IAM, and no more: a key whose admins are gone can be recovered", async () => {
      const allOfKms: PolicyDocument = {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["kms:*"], Resource: ["*"] }],
      };
      for (const key of [stateKey(), secretsKey()]) {
        for (const action of ["kms:DescribeKey", "kms:GetKeyPolicy", "kms:PutKeyPolicy"])
          expect(await byResource(OTHER, action, STATE_KEY, key, [allOfKms]), action).to.equal("Allowed");
        for (const action of ["kms:Decrypt", "kms:ScheduleKeyDeletion"])
          expect(await byResource(OTHER, action, STATE_KEY, key, [allOfKms]), action).to.equal(
            "ImplicitlyDenied",
          );
        // Another account's IAM is not delegated to.
        expect(
          await byResource("arn:aws:iam::210987654321:role/x", "kms:PutKeyPolicy", STATE_KEY, key, [
            allOfKms,
          ]),
        ).to.equal("ImplicitlyDenied");
      }
    });

    it("let the admins recover a key: cancel its deletion, disable, enable, tag and untag it", async () => {
      for (const key of [stateKey(), secretsKey()])
        for (const action of [
          "kms:CancelKeyDeletion",
          "kms:DisableKey",
          "kms:EnableKey",
          "kms:TagResource",
          "kms:UntagResource",
        ]) {
          expect(await byResource(ADMIN, action, STATE_KEY, key), action).to.equal("Allowed");
          expect(await byResource(DEPLOY.test, action, STATE_KEY, key), action).to.equal("ImplicitlyDenied");
        }
    });

    it("let the deploy roles write state with the state key and the preview role only read it", async () => {
      for (const who of Object.values(DEPLOY))
        for (const action of ["kms:Decrypt", "kms:GenerateDataKey"])
          expect(await byResource(who, action, STATE_KEY, stateKey()), `${who} ${action}`).to.equal(
            "Allowed",
          );
      for (const who of Object.values(PREVIEW)) {
        expect(await byResource(who, "kms:Decrypt", STATE_KEY, stateKey())).to.equal("Allowed");
        expect(await byResource(who, "kms:GenerateDataKey", STATE_KEY, stateKey())).to.equal(
          "ImplicitlyDenied",
        );
      }
      expect(await byResource(OTHER, "kms:Decrypt", STATE_KEY, stateKey())).to.equal("ImplicitlyDenied");
    });

    it("let the stack's deploy role and its preview role read its secrets, the admins alone encrypt them", async () => {
      for (const who of [DEPLOY.test, PREVIEW.test, ADMIN])
        expect(await byResource(who, "kms:Decrypt", SECRETS_KEY, secretsKey()), who).to.equal("Allowed");
      expect(await byResource(ADMIN, "kms:Encrypt", SECRETS_KEY, secretsKey())).to.equal("Allowed");
      for (const who of [DEPLOY.test, PREVIEW.test])
        expect(await byResource(who, "kms:Encrypt", SECRETS_KEY, secretsKey()), who).to.equal(
          "ImplicitlyDenied",
        );
      // Another stack's roles, its preview's included, cannot read this stack's secrets.
      for (const who of [DEPLOY.prod, PREVIEW.prod])
        expect(await byResource(who, "kms:Decrypt", SECRETS_KEY, secretsKey()), who).to.equal(
          "ImplicitlyDenied",
        );
    });
  });
});
