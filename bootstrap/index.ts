/**
 * The bootstrap: run once per AWS account by an administrator, before the pipeline's stacks, with a local
 * backend (`pulumi login file://...`) since the state bucket it creates does not exist yet, and with a
 * GITHUB_TOKEN that may administer the repository. See the README, "Deploy to AWS".
 *
 *   PipelineRoles   GitHub OIDC → a deploy role per stack (and its boundary), a preview role per stack
 *   StateBackend    the state bucket and its key, a secrets key per stack; usable by those roles only
 *   GithubSettings  main only through reviewed, tested pull requests; an environment per stack that only
 *                   main deploys to, and one its previews wait in for an approver; the variables the
 *                   workflows read
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as github from "@pulumi/github";
import { parseBootstrapConfig } from "./config";
import { readPipelineStacks } from "./pipeline-stacks";
import { PipelineRoles } from "./pipeline-roles";
import { StateBackend } from "./state-backend";
import { GithubSettings } from "./github-settings";
import { bootstrapNames } from "../model/names";

const config = parseBootstrapConfig(pulumi.runtime.allConfig(), pulumi.getProject());
const stacks = readPipelineStacks(config.stacks, {
  project: config.pipelineProject,
  region: config.region,
  configKey: `${pulumi.getProject()}:stacks`,
});
const identity = aws.getCallerIdentityOutput();
const env = pulumi
  .all([aws.getPartitionOutput(), identity])
  .apply(([p, id]) => ({ partition: p.partition, region: config.region, accountId: id.accountId }));

const githubProvider = new github.Provider("github", { owner: config.githubRepository.split("/")[0] });
const repository = github
  .getRepositoryOutput({ fullName: config.githubRepository }, { provider: githubProvider })
  .repoId.apply((id) => ({ name: config.githubRepository, id: String(id) }));

const roles = new PipelineRoles("pipeline", {
  project: config.pipelineProject,
  githubRepository: repository,
  stacks: config.stacks,
  env,
  existingOidcProviderArn: config.githubOidcProviderArn,
});

// The state bucket's policy lets in the admins and the roles only: whoever runs this must be an admin, or the
// first `pulumi up` would lock them out of their own bucket.
const callerIsAdmin = aws.iam.getSessionContextOutput({ arn: identity.arn }).issuerArn.apply((issuer) => {
  if (!config.adminPrincipalArns.includes(issuer))
    throw new Error(
      `${pulumi.getProject()}:adminPrincipalArns must include you (${issuer}), who run the bootstrap: the state bucket's policy would lock you out`,
    );
  return true;
});

const state = new StateBackend("state", {
  project: config.pipelineProject,
  partition: env.partition,
  accountId: env.accountId,
  adminPrincipalArns: config.adminPrincipalArns,
  deployRoleArns: roles.deployRoleArns,
  previewRoleArns: roles.previewRoleArns,
  noncurrentVersionDays: config.stateNoncurrentVersionDays,
  callerIsAdmin,
});

roles.grant(
  pulumi
    .all([
      env,
      state.bucket.arn,
      state.key.arn,
      pulumi.output(Object.fromEntries(Object.entries(state.secretsKeys).map(([s, k]) => [s, k.arn]))),
    ])
    .apply(([e, stateBucketArn, stateKeyArn, secretsKeyArns]) => ({
      ...e,
      project: config.pipelineProject,
      stateBucketArn,
      stateKeyArn,
      stacks: Object.fromEntries(
        config.stacks.map((s) => [
          s,
          { ...stacks[s], secretsKeyArn: (secretsKeyArns as Record<string, string>)[s] },
        ]),
      ),
    })),
);

export const backendUrl = pulumi.interpolate`s3://${state.bucket.id}?region=${config.region}&awssdk=v2`;
/** Per stack, for `pulumi stack init <stack> --secrets-provider <this>`. */
export const secretsProviders = pulumi.output(
  Object.fromEntries(
    Object.entries(state.secretsAliases).map(([s, alias]) => [
      s,
      pulumi.interpolate`awskms://${alias.name}?region=${config.region}`,
    ]),
  ),
);
export const stateBucketName = state.bucket.id;
export const previewRoleArns = pulumi.output(roles.previewRoleArns);
export const deployRoleArns = pulumi.output(roles.deployRoleArns);

new GithubSettings(
  "github",
  {
    repository: config.githubRepository,
    stacks: config.stacks,
    approvalStacks: config.approvalStacks,
    approvers: config.approvers,
    variables: {
      AWS_REGION: config.region,
      PULUMI_BACKEND_URL: backendUrl,
    },
    environmentVariables: Object.fromEntries(
      config.stacks.map((stack) => [stack, { AWS_DEPLOY_ROLE_ARN: roles.deployRoles[stack].arn }]),
    ),
    previewEnvironmentVariables: Object.fromEntries(
      config.stacks.map((stack) => [stack, { AWS_PREVIEW_ROLE_ARN: roles.previewRoles[stack].arn }]),
    ),
    previewEnvironment: bootstrapNames(config.pipelineProject).previewEnvironment,
  },
  { provider: githubProvider },
);
