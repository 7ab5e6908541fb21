/**
 * The bootstrap: run once per AWS account, before the pipeline's stacks, with a local backend
 * (`pulumi login file://...`) since the state bucket it creates does not exist yet. See the README,
 * "Delivery". Its outputs are the repository variables and the stacks' backend and secrets provider.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { parseBootstrapConfig } from "./config";
import { secureBucket } from "../components/storage/secure-bucket";
import type { PolicyDocument } from "../components/security/policies";
import {
  deployPolicy,
  deploySubjects,
  GITHUB_OIDC_HOST,
  githubTrustPolicy,
  previewPolicy,
  previewSubjects,
  Scope,
  stateBucketPolicy,
  stateKeyPolicy,
} from "./policies";

const config = parseBootstrapConfig(pulumi.runtime.allConfig(), pulumi.getProject());
const identity = aws.getCallerIdentityOutput();
const partition = aws.getPartitionOutput().partition;
const accountId = identity.accountId;
const base = `${config.pipelineProject}-state`;
const roleNames = {
  preview: `${config.pipelineProject}-github-preview`,
  deploy: `${config.pipelineProject}-github-deploy`,
};
const roleArns = pulumi
  .all([partition, accountId])
  .apply(([p, a]) => [
    `arn:${p}:iam::${a}:role/${roleNames.preview}`,
    `arn:${p}:iam::${a}:role/${roleNames.deploy}`,
  ]);

const key = new aws.kms.Key(
  base,
  {
    description: "Encrypts the Pulumi state of the punkapi-consumer stacks, and is their secrets provider",
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: pulumi
      .all([accountId, partition, roleArns])
      .apply(([a, p, roles]) => JSON.stringify(stateKeyPolicy(a, p, config.adminPrincipalArns, roles))),
  },
  { protect: true },
);
const alias = new aws.kms.Alias(base, { name: `alias/${base}`, targetKeyId: key.keyId });

const bucket = secureBucket(base, {
  bucketName: pulumi.interpolate`${base}-${accountId}`,
  forceDestroy: false,
  keep: true,
  kmsKeyArn: key.arn,
  lifecycleRules: [
    {
      id: "noncurrent-state",
      status: "Enabled",
      filter: { prefix: "" },
      noncurrentVersionExpiration: { noncurrentDays: config.stateNoncurrentVersionDays },
      abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
    },
  ],
  // TLS only, and nobody but the two roles and the admins.
  policy: (arn) =>
    roleArns.apply((roles) => stateBucketPolicy(arn, [...roles, ...config.adminPrincipalArns])),
});

const github = new aws.iam.OpenIdConnectProvider("github", {
  url: `https://${GITHUB_OIDC_HOST}`,
  clientIdLists: ["sts.amazonaws.com"],
});

const scope = pulumi
  .all([partition, accountId, bucket.arn, key.arn])
  .apply(([p, a, stateBucketArn, stateKeyArn]) => ({
    partition: p,
    region: config.region,
    accountId: a,
    project: config.pipelineProject,
    stateBucketArn,
    stateKeyArn,
  }));

/** A role only this repository's GitHub workflows can assume (for the given OIDC subjects), with its policy. */
function githubRole(
  id: string,
  name: string,
  description: string,
  subjects: string[],
  policy: (s: Scope) => PolicyDocument,
): aws.iam.Role {
  const role = new aws.iam.Role(id, {
    name,
    description,
    assumeRolePolicy: github.arn.apply((arn) => JSON.stringify(githubTrustPolicy(arn, subjects))),
    maxSessionDuration: 3600,
  });
  new aws.iam.RolePolicy(id, { role: role.id, policy: scope.apply((s) => JSON.stringify(policy(s))) });
  return role;
}

const previewRole = githubRole(
  "github-preview",
  roleNames.preview,
  "pulumi preview from pull requests of this repository: read-only, plus the state",
  previewSubjects(config.githubRepository),
  previewPolicy,
);
const deployRole = githubRole(
  "github-deploy",
  roleNames.deploy,
  "pulumi up from main and the test / prod environments of this repository",
  deploySubjects(config.githubRepository),
  deployPolicy,
);

/** Repository variables for the workflows. */
export const AWS_REGION = config.region;
export const AWS_PREVIEW_ROLE_ARN = previewRole.arn;
export const AWS_DEPLOY_ROLE_ARN = deployRole.arn;
export const PULUMI_BACKEND_URL = pulumi.interpolate`s3://${bucket.id}?region=${config.region}&awssdk=v2`;
/** For `pulumi stack init <stack> --secrets-provider <this>`. */
export const secretsProvider = pulumi.interpolate`awskms://${alias.name}?region=${config.region}`;
export const stateBucketName = bucket.id;
