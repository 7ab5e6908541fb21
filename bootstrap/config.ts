/** The bootstrap's configuration, checked before any resource is declared; errors name the key. */
import { stackConfigError } from "../config/errors";
import { isStackName, STACK_NAME_RULE } from "../config/stack-name";
import { integer, list, readRegion } from "../config/readers";

export interface BootstrapConfig {
  project: string;
  region: string;
  /** owner/name of the GitHub repository whose workflows deploy the stacks. */
  githubRepository: string;
  adminPrincipalArns: string[];
  /** The pipeline's Pulumi project (its resources are named `<project>-<stack>-...`). */
  pipelineProject: string;
  /** The pipeline's stacks: one deploy role, boundary and GitHub environment each. */
  stacks: string[];
  /** Stacks whose GitHub environment requires an approval before a deploy. */
  approvalStacks: string[];
  /** GitHub usernames who may approve those deploys. */
  approvers: string[];
  stateNoncurrentVersionDays: number;
  /** GitHub's OIDC provider when the account has one already (an account has at most one per URL). */
  githubOidcProviderArn: string | undefined;
}

export function parseBootstrapConfig(raw: Record<string, string>, project: string): BootstrapConfig {
  const key = (k: string) => `${project}:${k}`;
  const get = (k: string) => {
    const v = raw[key(k)];
    if (v === undefined || v.trim() === "") throw stackConfigError(key(k), "is required");
    return v.trim();
  };
  const region = readRegion(raw);
  const githubRepository = get("githubRepository");
  if (!/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/.test(githubRepository)) {
    throw stackConfigError(key("githubRepository"), `must be owner/name, got "${githubRepository}"`);
  }
  const adminPrincipalArns = list(get("adminPrincipalArns"));
  for (const arn of adminPrincipalArns) {
    if (!/^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/.test(arn)) {
      throw stackConfigError(key("adminPrincipalArns"), `must list IAM role or user ARNs, got "${arn}"`);
    }
  }
  const pipelineProject = get("pipelineProject");
  if (!/^[a-z0-9-]+$/.test(pipelineProject))
    throw stackConfigError(
      key("pipelineProject"),
      `must be lower-case letters, digits and -, got "${pipelineProject}"`,
    );
  const stacks = list(get("stacks"));
  for (const stack of stacks) {
    if (!isStackName(stack))
      throw stackConfigError(key("stacks"), `"${stack}": a stack name is ${STACK_NAME_RULE}`);
  }
  const approvalStacks = list(raw[key("approvalStacks")]);
  for (const stack of approvalStacks) {
    if (!stacks.includes(stack))
      throw stackConfigError(
        key("approvalStacks"),
        `"${stack}" is not one of the stacks (${stacks.join(", ")})`,
      );
  }
  const approvers = list(raw[key("approvers")]);
  for (const user of approvers) {
    if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$/.test(user))
      throw stackConfigError(key("approvers"), `must list GitHub usernames, got "${user}"`);
  }
  // Every stack's preview waits for one of them (bootstrap/github-settings.ts), its deploy too where listed.
  if (!approvers.length)
    throw stackConfigError(
      key("approvers"),
      "is required: every pull request's preview waits for one of them before it gets AWS credentials",
    );
  const existingProvider = raw[key("githubOidcProviderArn")]?.trim() || undefined;
  if (
    existingProvider &&
    !/^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/token\.actions\.githubusercontent\.com$/.test(
      existingProvider,
    )
  )
    throw stackConfigError(
      key("githubOidcProviderArn"),
      `must be the ARN of GitHub's OIDC provider (arn:aws:iam::<account>:oidc-provider/token.actions.githubusercontent.com) or empty, got "${existingProvider}"`,
    );
  const days = integer(1, 3650).read(get("stateNoncurrentVersionDays"), key("stateNoncurrentVersionDays"));
  return {
    project,
    region,
    githubRepository,
    adminPrincipalArns,
    pipelineProject,
    stacks,
    approvalStacks,
    approvers,
    stateNoncurrentVersionDays: days,
    githubOidcProviderArn: existingProvider,
  };
}
