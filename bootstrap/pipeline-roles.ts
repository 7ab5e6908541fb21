/**
 * PipelineRoles: the identities GitHub's workflows assume through OIDC. Per stack, a deploy role and the
 * permissions boundary every role of that stack must carry; one preview role that reads every stack.
 * All of them live under the bootstrap's own IAM path, which no stack's grants can reach.
 *
 * The roles are created first and granted later (`grant`): their policies name the state keys, whose own
 * policies name them, and KMS refuses a policy naming a principal that does not exist yet.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { BootstrapNames, bootstrapNames, stackNames } from "../model/names";
import { stackRoleBoundary } from "../components/security/policies";
import type { PolicyDocument } from "../iam/policy-document";
import {
  deployPolicyParts,
  deployTrustPolicy,
  GITHUB_OIDC_HOST,
  GithubRepository,
  previewPolicy,
  previewTrustPolicy,
  Scope,
} from "./policies";

export interface PipelineRolesArgs {
  project: string;
  /** The repository whose workflows may assume the roles, by name and id. */
  githubRepository: pulumi.Input<GithubRepository>;
  stacks: string[];
  env: pulumi.Input<{ partition: string; region: string; accountId: string }>;
  /** GitHub's OIDC provider, if the account has one already; created otherwise. */
  existingOidcProviderArn?: string;
}

type Trust = (oidcProviderArn: string, repo: GithubRepository) => PolicyDocument;

export class PipelineRoles extends pulumi.ComponentResource {
  readonly oidcProviderArn: pulumi.Output<string>;
  /** By stack: `pulumi preview` of that stack from a pull request, in its preview environment. */
  readonly previewRoles: Record<string, aws.iam.Role> = {};
  readonly deployRoles: Record<string, aws.iam.Role> = {};
  readonly boundaries: Record<string, aws.iam.Policy> = {};
  private readonly name: string;
  private readonly names: BootstrapNames;

  constructor(name: string, args: PipelineRolesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("punkapi:bootstrap:PipelineRoles", name, {}, opts);
    this.name = name;
    const parent = { parent: this };
    const names = bootstrapNames(args.project);
    this.names = names;
    const env = pulumi.output(args.env);
    const repo = pulumi.output(args.githubRepository);

    // An account has at most one provider per URL: reuse the one there is, or create it.
    this.oidcProviderArn = args.existingOidcProviderArn
      ? pulumi.output(args.existingOidcProviderArn)
      : new aws.iam.OpenIdConnectProvider(
          `${name}-github`,
          { url: `https://${GITHUB_OIDC_HOST}`, clientIdLists: ["sts.amazonaws.com"] },
          parent,
        ).arn;
    const role = (id: string, roleName: string, description: string, trust: Trust) =>
      new aws.iam.Role(
        `${name}-${id}`,
        {
          name: roleName,
          path: names.path,
          description,
          assumeRolePolicy: pulumi
            .all([this.oidcProviderArn, repo])
            .apply(([arn, r]) => JSON.stringify(trust(arn, r))),
          maxSessionDuration: 3600,
        },
        parent,
      );

    for (const stack of args.stacks) {
      this.boundaries[stack] = new aws.iam.Policy(
        `${name}-${stack}-boundary`,
        {
          name: names.boundaryPolicy(stack),
          path: names.path,
          description: `The most any role of the ${stack} stack may do: its function's and delivery's needs, on its own resources`,
          policy: env.apply((e) => JSON.stringify(stackRoleBoundary(stackNames(args.project, stack), e))),
        },
        parent,
      );
      this.deployRoles[stack] = role(
        `deploy-${stack}`,
        names.deployRole(stack),
        `pulumi up of the ${stack} stack: its deploy workflow on main, in the ${stack} environment`,
        (oidc, r) => deployTrustPolicy(oidc, r, stack),
      );
      this.previewRoles[stack] = role(
        `preview-${stack}`,
        names.previewRole(stack),
        `pulumi preview --refresh of the ${stack} stack from pull requests of this repository, once approved in ${names.previewEnvironment(stack)}: reads only`,
        (oidc, r) => previewTrustPolicy(oidc, r, stack, args.project),
      );
    }
    this.registerOutputs({ previewRoleArns: this.previewRoleArns, deployRoleArns: this.deployRoleArns });
  }

  get deployRoleArns(): Record<string, pulumi.Output<string>> {
    return Object.fromEntries(Object.entries(this.deployRoles).map(([s, r]) => [s, r.arn]));
  }

  get previewRoleArns(): Record<string, pulumi.Output<string>> {
    return Object.fromEntries(Object.entries(this.previewRoles).map(([s, r]) => [s, r.arn]));
  }

  /** Gives each role its policy, once the state bucket and keys exist. */
  grant(scope: pulumi.Input<Scope>): void {
    const s = pulumi.output(scope);
    const attach = (id: string, role: aws.iam.Role, policy: (s: Scope) => PolicyDocument) =>
      new aws.iam.RolePolicy(
        `${this.name}-${id}`,
        { role: role.id, policy: s.apply((x) => JSON.stringify(policy(x))) },
        { parent: this },
      );
    for (const [stack, role] of Object.entries(this.deployRoles)) {
      attach(`deploy-${stack}`, role, (x) => deployPolicyParts(x, stack).inline);
      // The grants on the stack's state, in a managed policy of the bootstrap's path (see deployPolicyParts).
      const state = new aws.iam.Policy(
        `${this.name}-deploy-${stack}-state`,
        {
          name: this.names.deployStatePolicy(stack),
          path: this.names.path,
          description: `What deploying ${stack} may do to its Pulumi state`,
          policy: s.apply((x) => JSON.stringify(deployPolicyParts(x, stack).state)),
        },
        { parent: this },
      );
      new aws.iam.RolePolicyAttachment(
        `${this.name}-deploy-${stack}-state`,
        { role: role.id, policyArn: state.arn },
        { parent: this },
      );
    }
    for (const [stack, role] of Object.entries(this.previewRoles))
      attach(`preview-${stack}`, role, (x) => previewPolicy(x, stack));
  }
}
