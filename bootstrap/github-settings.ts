/**
 * GithubSettings: the repository side of the deploy path, declared rather than clicked. `main` accepts
 * changes only through a reviewed pull request whose tests passed (what the deploy roles' trust relies on:
 * code on main is reviewed code); one environment per stack that only `main` may deploy to, with required
 * approvers where configured; per stack a preview environment whose jobs wait for an approver, so that no
 * pull request, from a branch or a fork, gets AWS credentials unless someone who may approve lets it (the
 * preview roles trust only those environments' tokens); the variables the workflows read - the region and
 * the state backend for every job, each environment's own deploy or preview role.
 */
import * as pulumi from "@pulumi/pulumi";
import * as github from "@pulumi/github";

/** The job whose success a pull request needs before it can merge (the workflows' test job). */
export const REQUIRED_CHECK = "lint, typecheck, tests";

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
  /** Per stack: the variables of its preview environment. */
  previewEnvironmentVariables: Record<string, Record<string, pulumi.Input<string>>>;
  /** The name of a stack's preview environment (model/names.ts, which the preview role's trust reads too). */
  previewEnvironment: (stack: string) => string;
}

export class GithubSettings extends pulumi.ComponentResource {
  readonly environments: Record<string, github.RepositoryEnvironment> = {};
  readonly previewEnvironments: Record<string, github.RepositoryEnvironment> = {};

  /** `opts.provider`: the GitHub provider for the repository's owner. */
  constructor(
    name: string,
    args: GithubSettingsArgs,
    opts: pulumi.ComponentResourceOptions & { provider: github.Provider },
  ) {
    super("punkapi:bootstrap:GithubSettings", name, {}, opts);
    const repository = args.repository.split("/")[1];
    const parent = { parent: this, provider: opts.provider };
    const approverIds = args.approvers.map((username) =>
      github.getUserOutput({ username }, parent).id.apply(Number),
    );

    new github.RepositoryRuleset(
      `${name}-main`,
      {
        repository,
        name: "main: reviewed and tested",
        target: "branch",
        enforcement: "active",
        conditions: { refName: { includes: ["~DEFAULT_BRANCH"], excludes: [] } },
        rules: {
          deletion: true,
          nonFastForward: true,
          pullRequest: {
            requiredApprovingReviewCount: 1,
            dismissStaleReviewsOnPush: true,
            requireLastPushApproval: true,
          },
          requiredStatusChecks: { requiredChecks: [{ context: REQUIRED_CHECK }] },
        },
      },
      parent,
    );

    for (const stack of args.stacks) {
      const approval = args.approvalStacks.includes(stack);
      const environment = new github.RepositoryEnvironment(
        `${name}-${stack}`,
        {
          repository,
          environment: stack,
          canAdminsBypass: false,
          preventSelfReview: approval ? true : undefined,
          reviewers: approval ? [{ users: approverIds }] : undefined,
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
      // The preview's environment: every job waits for an approver, whoever opened the pull request (no
      // admin bypass), and no branch policy, as a pull request runs on its merge ref. An approver may
      // approve the preview of their own pull request: the gate keeps out whoever is no approver (a fork's
      // author among them), and a lone maintainer must still get previews.
      const preview = new github.RepositoryEnvironment(
        `${name}-${stack}-preview`,
        {
          repository,
          environment: args.previewEnvironment(stack),
          canAdminsBypass: false,
          preventSelfReview: false,
          reviewers: [{ users: approverIds }],
        },
        parent,
      );
      this.previewEnvironments[stack] = preview;
      for (const [variableName, value] of Object.entries(args.previewEnvironmentVariables[stack] ?? {})) {
        new github.ActionsEnvironmentVariable(
          `${name}-${stack}-preview-${variableName}`,
          { repository, environment: preview.environment, variableName, value },
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
