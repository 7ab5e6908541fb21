/**
 * The bootstrap program under Pulumi mocks: its three components, the state bucket and key, the roles'
 * boundaries and placement, the GitHub side (environments only main deploys to, approvers, variables),
 * its outputs and its configuration errors. What the roles may do, and who may become them, is simulated
 * in roles.test.ts and trust.test.ts.
 */
import { expect } from "chai";
import { decide } from "../../iam/simulate";
import { readStackFiles } from "../../config/stack-files";
import { isStackConfigError } from "../../config/errors";
import { parseBootstrapConfig } from "../../bootstrap/config";
import { readPipelineStacks } from "../../bootstrap/pipeline-stacks";
import { runProgram } from "../../local/harness/run-program";
import { githubRepositoryId } from "../../resource-types/github/get-repository";
import type { ProgramRun } from "../../local/harness/run-program";
import { one, ofType } from "../helpers/program";
import { ACCOUNT, BOOTSTRAP_DIR, doc, REPO, runBootstrap, runPipelineStack } from "../helpers/deploy-path";

const PATH = "/punkapi-consumer-bootstrap/";
/** The provider the bootstrap creates; its ARN is the mock's (aws-state.ts): the provider's URL without https://. */
const PROVIDER_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;

describe("bootstrap", () => {
  let run: ProgramRun;
  before(async () => {
    run = await runBootstrap();
  });

  it("composes PipelineRoles, StateBackend and GithubSettings, each resource under one of them", () => {
    const components = run.resources.filter((r) => !r.custom).map((r) => r.type);
    expect(components).to.deep.equal([
      "punkapi:bootstrap:PipelineRoles",
      "punkapi:bootstrap:StateBackend",
      "punkapi:bootstrap:GithubSettings",
    ]);
    // (The GitHub provider, configured with the repository's owner, is shared by two of them.)
    for (const r of run.resources.filter((x) => x.custom && !x.type.startsWith("pulumi:providers:")))
      expect(r.parent, r.name).to.match(/punkapi:bootstrap:/);
  });

  it("registers each component's outputs: the roles' ARNs, the bucket and key, the environments", () => {
    const outputs = Object.fromEntries(
      run.resources.filter((r) => !r.custom).map((r) => [r.type, r.registeredOutputs]),
    );
    const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role${PATH}punkapi-consumer-${name}`;
    expect(outputs).to.deep.equal({
      "punkapi:bootstrap:PipelineRoles": {
        previewRoleArns: { test: role("preview-test"), prod: role("preview-prod") },
        deployRoleArns: { test: role("deploy-test"), prod: role("deploy-prod") },
      },
      "punkapi:bootstrap:StateBackend": {
        bucket: `punkapi-consumer-state-${ACCOUNT}`,
        keyArn: one(run, "aws:kms/key:Key", "state").state.arn,
      },
      "punkapi:bootstrap:GithubSettings": { environments: ["test", "prod"] },
    });
  });

  it("creates a protected, versioned, KMS-encrypted, private, TLS-only state bucket", () => {
    const bucket = one(run, "aws:s3/bucket:Bucket");
    const key = one(run, "aws:kms/key:Key", "state");
    expect(bucket.inputs.bucket).to.equal(`punkapi-consumer-state-${ACCOUNT}`);
    expect([bucket.protect, bucket.retainOnDelete, key.protect]).to.deep.equal([true, true, true]);
    expect(key.inputs.enableKeyRotation).to.equal(true);
    expect(one(run, "aws:kms/alias:Alias", "state").inputs).to.deep.include({
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
    expect(bucket.inputs.forceDestroy).to.equal(false);
    expect(key.inputs.description).to.equal(
      "Encrypts the Pulumi state of the punkapi-consumer stacks (the state bucket's SSE-KMS)",
    );
    // Old versions of the state go after the configured days; an upload left unfinished, after a day.
    expect(
      one(run, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").inputs.rules,
    ).to.deep.equal([
      {
        id: "noncurrent-state",
        status: "Enabled",
        filter: { prefix: "" },
        noncurrentVersionExpiration: { noncurrentDays: 90 },
        abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
      },
    ]);
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
      "OnlyTestDeployWritesTestState",
      "OnlyTestDeployAndPreviewReadTestState",
      "OnlyProdDeployWritesProdState",
      "OnlyProdDeployAndPreviewReadProdState",
    ]);
  });

  it("creates each key after the roles its policy names (KMS refuses a principal that does not exist)", () => {
    expect(
      ofType(run, "aws:kms/key:Key")
        .map((k) => k.name)
        .sort(),
    ).to.deep.equal(["state", "state-prod-secrets", "state-test-secrets"]);
    const key = one(run, "aws:kms/key:Key", "state");
    // The engine orders a resource after every resource its inputs depend on.
    expect(key.dependsOn.sort()).to.deep.equal(
      ofType(run, "aws:iam/role:Role")
        .map((r) => r.urn)
        .sort(),
    );
    const principals = doc(key.inputs.policy).Statement.flatMap((s) =>
      ([] as string[]).concat((s.Principal as { AWS: string | string[] }).AWS),
    );
    for (const role of ofType(run, "aws:iam/role:Role")) expect(principals).to.include(role.state.arn);
  });

  it("puts the GitHub roles, the boundaries and the deploy roles' state policies under the bootstrap's own IAM path: a deploy and a preview role per stack", () => {
    const roles = ofType(run, "aws:iam/role:Role").map((r) => [r.inputs.path, r.inputs.name]);
    expect(roles).to.deep.equal([
      [PATH, "punkapi-consumer-deploy-test"],
      [PATH, "punkapi-consumer-preview-test"],
      [PATH, "punkapi-consumer-deploy-prod"],
      [PATH, "punkapi-consumer-preview-prod"],
    ]);
    const boundaries = ofType(run, "aws:iam/policy:Policy").map((r) => [r.inputs.path, r.inputs.name]);
    expect(boundaries).to.deep.equal([
      [PATH, "punkapi-consumer-test-boundary"],
      [PATH, "punkapi-consumer-prod-boundary"],
      [PATH, "punkapi-consumer-deploy-test-state"],
      [PATH, "punkapi-consumer-deploy-prod-state"],
    ]);
    // What each is for, as IAM shows it to whoever looks at the account.
    expect(ofType(run, "aws:iam/role:Role").map((r) => r.inputs.description)).to.deep.equal([
      "pulumi up of the test stack: its deploy workflow on main, in the test environment",
      "pulumi preview --refresh of the test stack from pull requests of this repository, once approved in preview-test: reads only",
      "pulumi up of the prod stack: its deploy workflow on main, in the prod environment",
      "pulumi preview --refresh of the prod stack from pull requests of this repository, once approved in preview-prod: reads only",
    ]);
    expect(ofType(run, "aws:iam/policy:Policy").map((r) => r.inputs.description)).to.deep.equal([
      "The most any role of the test stack may do: its function's and delivery's needs, on its own resources",
      "The most any role of the prod stack may do: its function's and delivery's needs, on its own resources",
      "What deploying test may do to its Pulumi state",
      "What deploying prod may do to its Pulumi state",
    ]);
    // Each state policy attached to its own deploy role, and to no other.
    expect(
      ofType(run, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").map((r) => [
        r.inputs.role,
        String(r.inputs.policyArn).split("/").pop(),
      ]),
    ).to.deep.equal([
      ["punkapi-consumer-deploy-test", "punkapi-consumer-deploy-test-state"],
      ["punkapi-consumer-deploy-prod", "punkapi-consumer-deploy-prod-state"],
    ]);
    // Sessions of an hour at most; the trust is GitHub's provider, for the repository by its id.
    for (const role of ofType(run, "aws:iam/role:Role")) {
      expect(role.inputs.maxSessionDuration).to.equal(3600);
      const trust = doc(role.inputs.assumeRolePolicy).Statement[0];
      expect(trust.Principal).to.deep.equal({ Federated: PROVIDER_ARN });
      expect(trust.Condition!.StringEquals["token.actions.githubusercontent.com:repository_id"]).to.equal(
        String(githubRepositoryId(REPO)),
      );
    }
    expect(one(run, "aws:iam/openIdConnectProvider:OpenIdConnectProvider").inputs).to.deep.include({
      url: "https://token.actions.githubusercontent.com",
      clientIdLists: ["sts.amazonaws.com"],
    });
  });

  it("every role a stack declares carries the boundary bootstrap creates for that stack", async () => {
    for (const stack of ["test", "prod"]) {
      const boundary = run.resources.find(
        (r) => r.type === "aws:iam/policy:Policy" && r.inputs.name === `punkapi-consumer-${stack}-boundary`,
      )!;
      const stackRoles = ofType(await runPipelineStack(stack), "aws:iam/role:Role");
      expect(stackRoles).to.have.length(2);
      for (const role of stackRoles)
        expect(role.inputs.permissionsBoundary, role.name).to.equal(boundary.state.arn);
    }
  });

  it("the boundary it declares for a stack lets that stack's roles at their stream, not at the other's, nor at IAM", async () => {
    const streams = Object.fromEntries(
      await Promise.all(
        ["test", "prod"].map(async (s) => [
          s,
          String(one(await runPipelineStack(s), "aws:kinesis/stream:Stream").state.arn),
        ]),
      ),
    ) as Record<string, string>;
    for (const [stack, other] of [
      ["test", "prod"],
      ["prod", "test"],
    ]) {
      const boundary = run.resources.find(
        (r) => r.type === "aws:iam/policy:Policy" && r.inputs.name === `punkapi-consumer-${stack}-boundary`,
      )!;
      // What the boundary alone lets through: the role's own policy here grants everything.
      const ask = (action: string, resource: string) =>
        decide(
          { principal: `arn:aws:sts::${ACCOUNT}:assumed-role/fn/s`, action, resource },
          {
            identity: [
              { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["*"], Resource: ["*"] }] },
            ],
            boundary: doc(String(boundary.inputs.policy)),
          },
        );
      expect(await ask("kinesis:PutRecords", streams[stack]), stack).to.equal("Allowed");
      expect(await ask("kinesis:PutRecords", streams[other]), stack).to.equal("ImplicitlyDenied");
      expect(await ask("iam:PutRolePolicy", `arn:aws:iam::${ACCOUNT}:role/fn`), stack).to.equal(
        "ImplicitlyDenied",
      );
    }
  });

  it("declares the GitHub side: an environment per stack that only main deploys to, approvers for prod, the variables", () => {
    const all = ofType(run, "github:index/repositoryEnvironment:RepositoryEnvironment");
    expect(all.map((e) => e.inputs.environment).sort()).to.deep.equal([
      "preview-prod",
      "preview-test",
      "prod",
      "test",
    ]);
    // The deploy environments, in the order of the stacks.
    const envs = ["test", "prod"].map((stack) => all.find((e) => e.inputs.environment === stack)!);
    // Every stack's preview waits for an approver, admins included: what keeps AWS credentials from any pull
    // request, a fork's too, that no approver let run (an approver may let their own run: a lone maintainer).
    for (const preview of all.filter((e) => e.inputs.environment.startsWith("preview-"))) {
      expect(preview.inputs, preview.inputs.environment).to.deep.include({
        repository: "punkapi-consumer",
        canAdminsBypass: false,
        preventSelfReview: false,
      });
      expect(preview.inputs.reviewers, preview.inputs.environment).to.have.length(1);
      expect(preview.inputs.reviewers[0].users, preview.inputs.environment).to.have.length(1);
      // A pull request runs on its merge ref: no branch policy could admit it.
      expect(preview.inputs.deploymentBranchPolicy, preview.inputs.environment).to.equal(undefined);
    }
    for (const e of envs) {
      expect(e.inputs).to.deep.include({ repository: "punkapi-consumer", canAdminsBypass: false });
      expect(e.inputs.deploymentBranchPolicy).to.deep.equal({
        protectedBranches: false,
        customBranchPolicies: true,
      });
    }
    expect(envs[0].inputs.reviewers).to.equal(undefined);
    expect(envs[0].inputs.preventSelfReview).to.equal(undefined);
    expect(envs[1].inputs.reviewers).to.have.length(1);
    // GitHub takes reviewers by their numeric user id, which the provider looks up by login.
    const [approver] = envs[1].inputs.reviewers[0].users;
    expect(envs[1].inputs.reviewers[0].users).to.have.length(1);
    expect(approver).to.be.a("number").above(0);
    expect(envs[1].inputs.preventSelfReview).to.equal(true);
    const branches = ofType(
      run,
      "github:index/repositoryEnvironmentDeploymentPolicy:RepositoryEnvironmentDeploymentPolicy",
    );
    expect(branches.map((b) => [b.inputs.environment, b.inputs.branchPattern])).to.deep.equal([
      ["test", "main"],
      ["prod", "main"],
    ]);
    const variables = Object.fromEntries(
      ofType(run, "github:index/actionsVariable:ActionsVariable").map((v) => [
        v.inputs.variableName,
        v.inputs.value,
      ]),
    );
    expect(variables).to.deep.equal({
      AWS_REGION: "us-east-1",
      PULUMI_BACKEND_URL: `s3://punkapi-consumer-state-${ACCOUNT}?region=us-east-1&awssdk=v2`,
    });
    const perEnvironment = ofType(
      run,
      "github:index/actionsEnvironmentVariable:ActionsEnvironmentVariable",
    ).map((v) => [v.inputs.environment, v.inputs.variableName, v.inputs.value]);
    expect(perEnvironment).to.deep.equal([
      ["test", "AWS_DEPLOY_ROLE_ARN", `arn:aws:iam::${ACCOUNT}:role${PATH}punkapi-consumer-deploy-test`],
      [
        "preview-test",
        "AWS_PREVIEW_ROLE_ARN",
        `arn:aws:iam::${ACCOUNT}:role${PATH}punkapi-consumer-preview-test`,
      ],
      ["prod", "AWS_DEPLOY_ROLE_ARN", `arn:aws:iam::${ACCOUNT}:role${PATH}punkapi-consumer-deploy-prod`],
      [
        "preview-prod",
        "AWS_PREVIEW_ROLE_ARN",
        `arn:aws:iam::${ACCOUNT}:role${PATH}punkapi-consumer-preview-prod`,
      ],
    ]);
    const provider = run.resources.find((r) => r.type === "pulumi:providers:github")!;
    expect(provider.inputs.owner).to.equal(REPO.split("/")[0]);
  });

  it("exports what the stacks need", () => {
    expect(run.outputs).to.deep.equal({
      backendUrl: `s3://punkapi-consumer-state-${ACCOUNT}?region=us-east-1&awssdk=v2`,
      secretsProviders: {
        test: "awskms://alias/punkapi-consumer-bootstrap/test-secrets?region=us-east-1",
        prod: "awskms://alias/punkapi-consumer-bootstrap/prod-secrets?region=us-east-1",
      },
      stateBucketName: `punkapi-consumer-state-${ACCOUNT}`,
      previewRoleArns: {
        test: `arn:aws:iam::${ACCOUNT}:role${PATH}punkapi-consumer-preview-test`,
        prod: `arn:aws:iam::${ACCOUNT}:role${PATH}punkapi-consumer-preview-prod`,
      },
      deployRoleArns: {
        test: `arn:aws:iam::${ACCOUNT}:role${PATH}punkapi-consumer-deploy-test`,
        prod: `arn:aws:iam::${ACCOUNT}:role${PATH}punkapi-consumer-deploy-prod`,
      },
    });
  });

  it("gives each stack a secrets key of its own, used by that stack's deploy and preview roles only", () => {
    for (const stack of ["test", "prod"]) {
      const key = one(run, "aws:kms/key:Key", `${stack}-secrets`);
      expect(key.protect).to.equal(true);
      expect(key.inputs.description).to.equal(`The ${stack} stack's Pulumi secrets provider`);
      const users = doc(key.inputs.policy)
        .Statement.filter((x) => x.Sid !== "Administer" && x.Sid !== "AccountRootForRecovery")
        .flatMap((x) => ([] as string[]).concat((x.Principal as { AWS: string | string[] }).AWS));
      expect(users).to.deep.equal([
        `arn:aws:iam::${ACCOUNT}:role${PATH}punkapi-consumer-deploy-${stack}`,
        `arn:aws:iam::${ACCOUNT}:role${PATH}punkapi-consumer-preview-${stack}`,
      ]);
    }
  });

  it("lets main change only through a reviewed pull request whose tests passed", () => {
    const ruleset = one(run, "github:index/repositoryRuleset:RepositoryRuleset");
    expect(ruleset.inputs).to.deep.include({
      name: "main: reviewed and tested",
      repository: "punkapi-consumer",
      target: "branch",
      enforcement: "active",
    });
    expect(ruleset.inputs.conditions).to.deep.equal({
      refName: { includes: ["~DEFAULT_BRANCH"], excludes: [] },
    });
    expect(ruleset.inputs.rules).to.deep.include({ deletion: true, nonFastForward: true });
    // One approval, given after the last push, by someone other than its author; a push dismisses it.
    expect(ruleset.inputs.rules.pullRequest).to.deep.equal({
      requiredApprovingReviewCount: 1,
      dismissStaleReviewsOnPush: true,
      requireLastPushApproval: true,
    });
    expect(ruleset.inputs.rules.requiredStatusChecks.requiredChecks).to.deep.equal([
      { context: "lint, typecheck, tests" },
    ]);
    expect(ruleset.inputs.bypassActors).to.equal(undefined);
  });

  it("reads each pipeline stack's own files: a stack whose region is not the bootstrap's, or that is missing, is refused", () => {
    const expected = {
      project: "punkapi-consumer",
      region: "us-east-1",
      configKey: "punkapi-consumer-bootstrap:stacks",
    };
    expect(readPipelineStacks(["test", "prod"], expected)).to.deep.equal({
      test: { lakeForceDestroy: true },
      prod: { lakeForceDestroy: false },
    });
    const refusal = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return isStackConfigError(e) ? `${e.key}: ${e.message}` : String(e);
      }
      return "accepted";
    };
    expect(refusal(() => readPipelineStacks(["test"], { ...expected, region: "eu-west-1" }))).to.match(
      /^aws:region: .*Pulumi\.test\.yaml is us-east-1, the bootstrap's is eu-west-1/,
    );
    expect(refusal(() => readPipelineStacks(["staging"], expected))).to.match(
      /^punkapi-consumer-bootstrap:stacks: .*lists "staging": no stack "staging"/,
    );
    expect(refusal(() => readPipelineStacks(["test"], { ...expected, project: "other" }))).to.match(
      /not the pipeline project "other"/,
    );
  });

  it("refuses to run for someone who is not among the admins (the state bucket's policy would lock them out)", async () => {
    const files = readStackFiles(BOOTSTRAP_DIR, "account");
    const error = await runProgram({
      programDir: BOOTSTRAP_DIR,
      project: files.project,
      stack: "account",
      config: {
        ...files.config,
        "punkapi-consumer-bootstrap:adminPrincipalArns": `arn:aws:iam::${ACCOUNT}:role/SomeoneElse`,
      },
    }).then(
      () => "ran",
      (e: Error) => e.message,
    );
    expect(error).to.match(/adminPrincipalArns must include you \(arn:aws:iam::123456789012:role\/Admin\)/);
  });

  it("reuses the account's GitHub OIDC provider when it has one (an account has at most one per URL)", async () => {
    const files = readStackFiles(BOOTSTRAP_DIR, "account");
    const existing = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
    const reused = await runProgram({
      programDir: BOOTSTRAP_DIR,
      project: files.project,
      stack: "account",
      config: { ...files.config, "punkapi-consumer-bootstrap:githubOidcProviderArn": existing },
    });
    expect(ofType(reused, "aws:iam/openIdConnectProvider:OpenIdConnectProvider")).to.deep.equal([]);
    for (const role of ofType(reused, "aws:iam/role:Role"))
      expect(doc(role.inputs.assumeRolePolicy).Statement[0].Principal, role.name).to.deep.equal({
        Federated: existing,
      });
  });

  it("names the key of a bad configuration", () => {
    const raw = readStackFiles(BOOTSTRAP_DIR, "account").config;
    const k = (name: string) => `punkapi-consumer-bootstrap:${name}`;
    const cases: [Record<string, string>, string][] = [
      [{ [k("githubRepository")]: "not a repo" }, k("githubRepository")],
      [{ [k("adminPrincipalArns")]: "" }, k("adminPrincipalArns")],
      [{ [k("adminPrincipalArns")]: "arn:aws:iam::123:root" }, k("adminPrincipalArns")],
      [{ [k("stateNoncurrentVersionDays")]: "0" }, k("stateNoncurrentVersionDays")],
      [{ [k("stacks")]: "test,pro-d" }, k("stacks")],
      [{ [k("approvalStacks")]: "staging" }, k("approvalStacks")],
      [{ [k("approvers")]: "" }, k("approvers")],
      [{ [k("approvers")]: "not a user!" }, k("approvers")],
      [{ [k("stacks")]: "test,state" }, k("stacks")],
      [{ [k("githubOidcProviderArn")]: "arn:aws:iam::123456789012:role/x" }, k("githubOidcProviderArn")],
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
