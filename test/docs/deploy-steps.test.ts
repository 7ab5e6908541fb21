/**
 * The deploy steps (docs/deploy.md, the README's "Deploy to AWS") as a new user runs them, in the order
 * written: the bootstrap's keys and outputs they name exist, its outputs are read while logged in to the
 * bootstrap's own backend (where its state is), the stacks are made in the state bucket with the secrets
 * provider of each, the tools used are listed, and the workflow jobs named are the workflows' own.
 */
import { expect } from "chai";
import fs from "fs";
import path from "path";
import { parse } from "yaml";
import type { ProgramRun } from "../../local/harness/run-program";
import { runBootstrap } from "../helpers/deploy-path";
import { codeSpans, readDoc } from "../helpers/markdown";
import { ROOT } from "../helpers/program";

const deploy = readDoc("docs/deploy.md");
const readme = readDoc("README.md");
const bootstrapConfig = (
  parse(fs.readFileSync(path.join(ROOT, "bootstrap", "Pulumi.yaml"), "utf8")) as {
    config: Record<string, { default?: unknown }>;
  }
).config;
/** The shell lines of a page's code blocks, in order, each command of a `&&` chain on its own. */
const shell = (doc: typeof deploy) =>
  doc.blocks
    .filter((b) => b.lang === "sh")
    .flatMap((b) => b.lines)
    .map((l) => l.replace(/#.*$/, "").trim())
    .flatMap((l) => l.split(/\s+&&\s+/))
    .filter(Boolean);

describe("the deploy steps", function () {
  this.timeout(60_000);
  let bootstrap: ProgramRun;
  before(async () => {
    bootstrap = await runBootstrap();
  });

  it("set every bootstrap key that has no default, and only keys the bootstrap declares", () => {
    const set = shell(deploy).flatMap((l) => /pulumi config set (\w+)/.exec(l)?.[1] ?? []);
    const required = Object.entries(bootstrapConfig)
      .filter(([, k]) => k.default === undefined || k.default === "")
      .map(([name]) => name)
      .filter((name) => name !== "githubOidcProviderArn"); // optional: only when the account has one
    expect(set).to.include.members(required);
    for (const key of set) expect(Object.keys(bootstrapConfig), key).to.include(key);
    const step1 = readme.paragraphs.find((p) => p.startsWith("1. **Bootstrap the account**"))!;
    expect(codeSpans(step1)).to.include.members(required);
  });

  it("read only outputs the bootstrap exports, while logged in to its own backend in bootstrap/", () => {
    let backend = "";
    let dir = ".";
    const reads: string[] = [];
    const inits: { stack: string; backend: string }[] = [];
    for (const line of shell(deploy)) {
      const login = /^pulumi login (\S+)/.exec(line);
      if (login) backend = login[1];
      if (/^cd bootstrap$/.test(line)) dir = "bootstrap";
      if (/^cd \.\.$/.test(line)) dir = ".";
      const output = /pulumi stack output (\w+)/.exec(line);
      if (output) {
        reads.push(output[1]);
        expect(backend, line).to.match(/^file:\/\//);
        expect(dir, line).to.equal("bootstrap");
      }
      const init = /pulumi stack init (\S+)/.exec(line);
      if (init) inits.push({ stack: init[1], backend });
    }
    expect(reads).to.deep.equal(["backendUrl", "secretsProviders"]);
    for (const name of reads) expect(Object.keys(bootstrap.outputs)).to.include(name);
    // The bootstrap's stack in the local backend; the pipeline's in the state bucket, from backendUrl.
    expect(inits).to.deep.equal([
      { stack: "account", backend: "file://~/.pulumi-bootstrap" },
      { stack: '"$s"', backend: '"$BACKEND_URL"' },
    ]);
    const readmeStep1 = readme.paragraphs.find((p) => p.startsWith("1. **Bootstrap the account**"))!;
    expect(readmeStep1).to.contain("`pulumi login file://~/.pulumi-bootstrap`");
    expect(readmeStep1).to.contain("keep its outputs `backendUrl` and `secretsProviders`");
  });

  it("make a stack for each of the bootstrap's, with that stack's secrets provider", () => {
    const loop = shell(deploy).find((l) => l.startsWith("for s in "))!;
    const stacks = Object.keys(bootstrap.outputs.secretsProviders as Record<string, string>);
    expect(loop.replace(/^for s in |; do$/g, "").split(" ")).to.deep.equal(stacks);
    expect(shell(deploy)).to.include(
      `pulumi stack init "$s" --secrets-provider "$(jq -r --arg s "$s" '.[$s]' <<<"$SECRETS_PROVIDERS")"`,
    );
    expect(shell(deploy)).to.include('SECRETS_PROVIDERS="$(pulumi stack output secretsProviders --json)"');
  });

  it("list the tools the steps use beside the Pulumi CLI", () => {
    const used = new Set(shell(deploy).flatMap((l) => l.match(/\bjq\b/g) ?? []));
    expect([...used]).to.deep.equal(["jq"]);
    for (const doc of [deploy, readme]) {
      const prerequisites = doc.paragraphs.find((p) => p.startsWith("Prerequisites:"))!;
      for (const tool of used) expect(prerequisites, doc.file).to.contain(`\`${tool}\``);
    }
  });

  it("name the workflows' jobs as they are named, one per stack", () => {
    const jobs: string[] = [];
    for (const file of ["pull-request.yml", "deploy.yml"]) {
      const wf = parse(fs.readFileSync(path.join(ROOT, ".github", "workflows", file), "utf8")) as {
        jobs: Record<string, { name: string; strategy?: { matrix: { stack: string[] } } }>;
      };
      for (const job of Object.values(wf.jobs)) {
        const stacks = job.strategy?.matrix.stack;
        if (stacks) jobs.push(...stacks.map((s) => job.name.replace("${{ matrix.stack }}", s)));
        else jobs.push(job.name);
      }
    }
    const named = deploy.paragraphs
      .filter((p) => /^[34]\. /.test(p))
      .flatMap(codeSpans)
      .filter((s) => /^(preview|up|lint)\b/.test(s));
    expect(named.length).to.be.greaterThan(0);
    for (const job of named) expect(jobs, job).to.include(job);
    for (const job of jobs.filter((j) => !j.startsWith("preview skipped")))
      expect(named, `deploy.md does not name the job "${job}"`).to.include(job);
  });
});
