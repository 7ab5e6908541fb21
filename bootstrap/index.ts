/**
 * The bootstrap: run once per AWS account by an administrator, before the pipeline's stacks, with a local
 * backend (`pulumi login file://...`) since the state bucket it creates does not exist yet, and with a
 * GITHUB_TOKEN that may administer the repository. See the README, "Deploy to AWS".
 *
 *   PipelineRoles   GitHub OIDC → a deploy role per stack (and its boundary), the preview role
 *   StateBackend    the state bucket and its KMS key, open to those roles and the admins only
 *   GithubSettings  an environment per stack that only main deploys to; the variables the workflows read
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { parseBootstrapConfig } from "./config";
import { bootstrapNames } from "../components/naming";
import { PipelineRoles } from "./pipeline-roles";
import { StateBackend } from "./state-backend";
import { GithubSettings } from "./github-settings";

const config = parseBootstrapConfig(pulumi.runtime.allConfig(), pulumi.getProject());
const env = pulumi.all([aws.getPartitionOutput(), aws.getCallerIdentityOutput()]).apply(([p, identity]) => ({
  partition: p.partition,
  region: config.region,
  accountId: identity.accountId,
}));
const names = bootstrapNames(config.pipelineProject);

const roles = new PipelineRoles("pipeline", {
  project: config.pipelineProject,
  githubRepository: config.githubRepository,
  stacks: config.stacks,
  env,
});

const state = new StateBackend(names.stateBase, {
  base: names.stateBase,
  partition: env.partition,
  accountId: env.accountId,
  adminPrincipalArns: config.adminPrincipalArns,
  deployRoleArns: roles.deployRoleArnList,
  previewRoleArn: roles.previewRole.arn,
  noncurrentVersionDays: config.stateNoncurrentVersionDays,
});

roles.grant(
  pulumi.all([env, state.bucket.arn, state.key.arn]).apply(([e, stateBucketArn, stateKeyArn]) => ({
    ...e,
    project: config.pipelineProject,
    stateBucketArn,
    stateKeyArn,
  })),
);

export const backendUrl = pulumi.interpolate`s3://${state.bucket.id}?region=${config.region}&awssdk=v2`;
/** For `pulumi stack init <stack> --secrets-provider <this>`. */
export const secretsProvider = pulumi.interpolate`awskms://${state.alias.name}?region=${config.region}`;
export const stateBucketName = state.bucket.id;
export const previewRoleArn = roles.previewRole.arn;
export const deployRoleArns = pulumi.output(roles.deployRoleArns);

new GithubSettings("github", {
  repository: config.githubRepository,
  stacks: config.stacks,
  approvalStacks: config.approvalStacks,
  approvers: config.approvers,
  variables: {
    AWS_REGION: config.region,
    AWS_PREVIEW_ROLE_ARN: previewRoleArn,
    PULUMI_BACKEND_URL: backendUrl,
  },
  environmentVariables: Object.fromEntries(
    config.stacks.map((stack) => [stack, { AWS_DEPLOY_ROLE_ARN: roles.deployRoles[stack].arn }]),
  ),
});
