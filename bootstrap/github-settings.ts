/**
 * GithubSettings: the repository side of the deploy path, declared rather than clicked. One environment
 * per stack that only `main` may deploy to (with required approvers where configured), and the variables
 * the workflows read: the region, the state backend and the preview role for every job, each
 * environment's own deploy role. The AWS trust policies enforce the same rules on their own.
 */
import * as pulumi from "@pulumi/pulumi";
import * as github from "@pulumi/github";

export interface GithubSettingsArgs {
  /** owner/name */
  repository: string;
  stacks: string[];
  approvalStacks: string[];
  /** GitHub usernames. */
  approvers: string[];
  /** Repository-wide variables. */
  variables: Record<string, pulumi.Input<string>>;
  /** Per stack (environment): its variables. */
  environmentVariables: Record<string, Record<string, pulumi.Input<string>>>;
}

export class GithubSettings extends pulumi.ComponentResource {
  readonly environments: Record<string, github.RepositoryEnvironment> = {};

  constructor(name: string, args: GithubSettingsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("punkapi:bootstrap:GithubSettings", name, {}, opts);
    const [owner, repository] = args.repository.split("/");
    const provider = new github.Provider(`${name}-provider`, { owner }, { parent: this });
    const parent = { parent: this, provider };
    const approverIds = args.approvers.map((username) =>
      github.getUserOutput({ username }, { parent: this, provider }).id.apply(Number),
    );

    for (const stack of args.stacks) {
      const environment = new github.RepositoryEnvironment(
        `${name}-${stack}`,
        {
          repository,
          environment: stack,
          canAdminsBypass: false,
          preventSelfReview: args.approvalStacks.includes(stack) ? true : undefined,
          reviewers: args.approvalStacks.includes(stack) ? [{ users: approverIds }] : undefined,
          // Only the branches listed below (main) may deploy to the environment.
          deploymentBranchPolicy: { protectedBranches: false, customBranchPolicies: true },
        },
        parent,
      );
      this.environments[stack] = environment;
      new github.RepositoryEnvironmentDeploymentPolicy(
        `${name}-${stack}-main`,
        { repository, environment: environment.environment, branchPattern: "main" },
        parent,
      );
      for (const [variableName, value] of Object.entries(args.environmentVariables[stack] ?? {})) {
        new github.ActionsEnvironmentVariable(
          `${name}-${stack}-${variableName}`,
          { repository, environment: environment.environment, variableName, value },
          parent,
        );
      }
    }
    for (const [variableName, value] of Object.entries(args.variables)) {
      new github.ActionsVariable(`${name}-${variableName}`, { repository, variableName, value }, parent);
    }
    this.registerOutputs({ environments: args.stacks });
  }
}
