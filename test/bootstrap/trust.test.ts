/**
 * Who can become a pipeline role: each trust policy the bootstrap declares, evaluated with the claims
 * GitHub puts in the OIDC token of each kind of run (GitHub's documented formats). Only the deploy
 * workflow on main, in a stack's environment, gets that stack's deploy role; only a pull request of this
 * repository, in a stack's preview environment (whose jobs wait for an approver), gets that stack's
 * preview role. A pull request's job outside those environments, which is all a fork's pull request could
 * get a token for without an approver, gets nothing.
 */
import { expect } from "chai";
import { decide } from "../../iam/simulate";
import type { ProgramRun } from "../../local/harness/run-program";
import { githubRepositoryId } from "../../resource-types/github/get-repository";
import { ACCOUNT, doc, REPO, runBootstrap } from "../helpers/deploy-path";

const PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
const claim = (name: string) => `token.actions.githubusercontent.com:${name}`;

/** The claims of one run, keyed as AWS exposes them to a trust policy. */
function token(c: {
  repo?: string;
  /** GitHub's id of the repository (a re-created repository of the same name has another). */
  repoId?: number;
  sub: string;
  ref: string;
  workflow: string;
  /** The called workflow's ref, when it differs from the run's (a reusable workflow pinned to a ref). */
  workflowRef?: string;
  environment?: string;
  event: string;
}): Record<string, string> {
  const repo = c.repo ?? REPO;
  return {
    [claim("aud")]: "sts.amazonaws.com",
    [claim("sub")]: c.sub,
    [claim("repository")]: repo,
    [claim("repository_id")]: String(c.repoId ?? githubRepositoryId(repo)),
    [claim("ref")]: c.ref,
    [claim("job_workflow_ref")]: `${repo}/.github/workflows/${c.workflow}@${c.workflowRef ?? c.ref}`,
    [claim("event_name")]: c.event,
    ...(c.environment ? { [claim("environment")]: c.environment } : {}),
  };
}

const RUNS: Record<string, Record<string, string>> = {
  "push to main, deploy job in environment test": token({
    sub: `repo:${REPO}:environment:test`,
    ref: "refs/heads/main",
    workflow: "deploy.yml",
    environment: "test",
    event: "push",
  }),
  "push to main, deploy job in environment prod": token({
    sub: `repo:${REPO}:environment:prod`,
    ref: "refs/heads/main",
    workflow: "deploy.yml",
    environment: "prod",
    event: "push",
  }),
  "push to main, deploy job in environment test, repository created after 2026-07-15 (ids in sub)": token({
    sub: "repo:example-org@9912345/punkapi-consumer@70012345:environment:test",
    ref: "refs/heads/main",
    workflow: "deploy.yml",
    environment: "test",
    event: "push",
  }),
  "a repository of the same name re-created (another id), deploy job on main in environment test": token({
    repoId: 123,
    sub: `repo:${REPO}:environment:test`,
    ref: "refs/heads/main",
    workflow: "deploy.yml",
    environment: "test",
    event: "push",
  }),
  "a repository of the same name re-created (another id), pull request": token({
    repoId: 123,
    sub: `repo:example-org@9912345/punkapi-consumer@123:pull_request`,
    ref: "refs/pull/3/merge",
    workflow: "pull-request.yml",
    event: "pull_request",
  }),
  "workflow_dispatch on main, deploy job in environment prod": token({
    sub: `repo:${REPO}:environment:prod`,
    ref: "refs/heads/main",
    workflow: "deploy.yml",
    environment: "prod",
    event: "workflow_dispatch",
  }),
  "pull request, preview job approved in environment preview-test": token({
    sub: `repo:${REPO}:environment:preview-test`,
    ref: "refs/pull/42/merge",
    workflow: "pull-request.yml",
    environment: "preview-test",
    event: "pull_request",
  }),
  "pull request, preview job approved in environment preview-prod": token({
    sub: `repo:${REPO}:environment:preview-prod`,
    ref: "refs/pull/42/merge",
    workflow: "pull-request.yml",
    environment: "preview-prod",
    event: "pull_request",
  }),
  "pull request, a job in no environment (all a fork's pull request could get a token for unapproved)": token(
    {
      sub: `repo:${REPO}:pull_request`,
      ref: "refs/pull/42/merge",
      workflow: "pull-request.yml",
      event: "pull_request",
    },
  ),
  "a push to a feature branch whose workflow names environment preview-prod": token({
    sub: `repo:${REPO}:environment:preview-prod`,
    ref: "refs/heads/feature/x",
    workflow: "pull-request.yml",
    environment: "preview-prod",
    event: "push",
  }),
  "a fork's own workflows (the fork's token)": token({
    repo: "attacker/punkapi-consumer",
    sub: "repo:attacker/punkapi-consumer:pull_request",
    ref: "refs/pull/1/merge",
    workflow: "pull-request.yml",
    event: "pull_request",
  }),
  "pull_request_target from a fork (runs main's workflows)": token({
    sub: `repo:${REPO}:pull_request`,
    ref: "refs/heads/main",
    workflow: "pull-request.yml",
    event: "pull_request_target",
  }),
  "a feature branch whose edited deploy workflow names environment prod": token({
    sub: `repo:${REPO}:environment:prod`,
    ref: "refs/heads/feature/x",
    workflow: "deploy.yml",
    environment: "prod",
    event: "push",
  }),
  "a feature branch's workflow calling main's deploy workflow as a reusable one, in environment prod": token({
    sub: `repo:${REPO}:environment:prod`,
    ref: "refs/heads/feature/x",
    workflow: "deploy.yml",
    workflowRef: "refs/heads/main",
    environment: "prod",
    event: "push",
  }),
  "workflow_dispatch of the deploy workflow on a feature branch": token({
    sub: `repo:${REPO}:environment:test`,
    ref: "refs/heads/feature/x",
    workflow: "deploy.yml",
    environment: "test",
    event: "workflow_dispatch",
  }),
  "another workflow on main naming environment prod": token({
    sub: `repo:${REPO}:environment:prod`,
    ref: "refs/heads/main",
    workflow: "release.yml",
    environment: "prod",
    event: "push",
  }),
  "a push to main with no environment": token({
    sub: `repo:${REPO}:ref:refs/heads/main`,
    ref: "refs/heads/main",
    workflow: "deploy.yml",
    event: "push",
  }),
};

/** Which role each run may assume; every other pairing is denied. */
const ALLOWED: Record<string, string[]> = {
  "push to main, deploy job in environment test": ["deploy test"],
  "push to main, deploy job in environment prod": ["deploy prod"],
  "push to main, deploy job in environment test, repository created after 2026-07-15 (ids in sub)": [
    "deploy test",
  ],
  "workflow_dispatch on main, deploy job in environment prod": ["deploy prod"],
  "pull request, preview job approved in environment preview-test": ["preview test"],
  "pull request, preview job approved in environment preview-prod": ["preview prod"],
};

describe("who can assume the pipeline's roles (trust policies, with GitHub's token claims)", () => {
  let run: ProgramRun;
  let roles: Record<string, { arn: string; trust: ReturnType<typeof doc> }>;
  before(async () => {
    run = await runBootstrap();
    const deploy = run.outputs.deployRoleArns as Record<string, string>;
    const preview = run.outputs.previewRoleArns as Record<string, string>;
    const trustOf = (arn: string) =>
      doc(
        run.resources.find((r) => r.type === "aws:iam/role:Role" && r.state.arn === arn)!.inputs
          .assumeRolePolicy,
      );
    roles = {
      "deploy test": { arn: deploy.test, trust: trustOf(deploy.test) },
      "deploy prod": { arn: deploy.prod, trust: trustOf(deploy.prod) },
      "preview test": { arn: preview.test, trust: trustOf(preview.test) },
      "preview prod": { arn: preview.prod, trust: trustOf(preview.prod) },
    };
  });

  for (const [name, claims] of Object.entries(RUNS)) {
    it(`${name}: ${ALLOWED[name]?.join(", ") ?? "no role"}`, async () => {
      const got: string[] = [];
      for (const [roleName, r] of Object.entries(roles)) {
        const decision = await decide(
          { principal: PROVIDER, action: "sts:AssumeRoleWithWebIdentity", resource: r.arn, context: claims },
          { identity: [], resource: r.trust },
        );
        if (decision === "Allowed") got.push(roleName);
      }
      expect(got).to.deep.equal(ALLOWED[name] ?? []);
    });
  }

  it("a token for another audience gets nothing", async () => {
    const claims = {
      ...RUNS["push to main, deploy job in environment test"],
      [claim("aud")]: "https://github.com/example-org",
    };
    const decision = await decide(
      {
        principal: PROVIDER,
        action: "sts:AssumeRoleWithWebIdentity",
        resource: roles["deploy test"].arn,
        context: claims,
      },
      { identity: [], resource: roles["deploy test"].trust },
    );
    expect(decision).to.equal("ImplicitlyDenied");
  });
});
