/**
 * Every command behaves alike, run as a user runs it (child processes): `--help`, exit 2 on a bad option or
 * configuration naming the option, or the file and key, before anything is written; a mistyped stack
 * leaves the work directory as it was.
 */
import { expect } from "chai";
import fs from "fs";
import os from "os";
import path from "path";
import { CliResult, runCli } from "../helpers/cli";
import { projectCommands } from "../helpers/commands";
import { ROOT } from "../helpers/program";

// Every command package.json runs (`npm run docs` too), so that a new one is held to the same behaviour.
const COMMANDS = projectCommands();

describe("the commands", function () {
  this.timeout(60_000);
  let tmp: string;
  const results: Record<string, CliResult> = {};

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "punkapi-cli-"));
    // A work directory with a good run in it, as a user would have: it must come out untouched.
    const work = path.join(tmp, "work");
    fs.mkdirSync(path.join(work, "test", "current"), { recursive: true });
    fs.writeFileSync(path.join(work, "latest"), "test\n");
    fs.writeFileSync(path.join(work, "test", "current", "summary.json"), "{}");
    // A project whose stack file is not YAML.
    const broken = path.join(tmp, "project");
    fs.mkdirSync(broken);
    fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(broken, "Pulumi.yaml"));
    fs.writeFileSync(path.join(broken, "Pulumi.test.yaml"), "config: [unclosed\n");
    const runs: Record<string, Promise<CliResult>> = {};
    for (const [name, script] of Object.entries(COMMANDS))
      runs[`${name} --help`] = runCli(script, ["--help"]);
    // (Every command parses with local/commands/cli/command.ts, whose refusals test/local/command.test.ts checks.)
    for (const name of ["start", "query", "recurate", "redrive"] as const)
      runs[`${name} --bogus`] = runCli(COMMANDS[name], ["--bogus"]);
    runs["typo'd stack"] = runCli(COMMANDS.start, ["--stack", "prdo", "--work-dir", work]);
    runs["cron schedule"] = runCli(COMMANDS.start, [
      "--config",
      "scheduleExpression=cron(0 12 * * ? *)",
      "--work-dir",
      work,
    ]);
    runs["ftp source"] = runCli(COMMANDS.start, ["--source-url", "ftp://example.org/v2", "--work-dir", work]);
    fs.writeFileSync(path.join(tmp, "a-file"), "");
    runs["work dir is a file"] = runCli(COMMANDS.start, ["--work-dir", path.join(tmp, "a-file")]);
    runs["plan --config"] = runCli(COMMANDS.plan, ["--config", "streamShardCount=0"]);
    runs["query --stack unknown"] = runCli(COMMANDS.query, ["--stack", "staging", "--work-dir", work]);
    const days = (from: string, to: string) => ["--from", from, "--to", to, "--work-dir", work];
    runs["recurate without --from"] = runCli(COMMANDS.recurate, ["--to", "2026-11-01", "--work-dir", work]);
    runs["recurate 30 February"] = runCli(COMMANDS.recurate, days("2026-02-30", "2026-03-01"));
    runs["recurate backwards"] = runCli(COMMANDS.recurate, days("2026-11-02", "2026-11-01"));
    runs["recurate --stack unknown"] = runCli(COMMANDS.recurate, [
      ...days("2026-11-01", "2026-11-01"),
      "--stack",
      "staging",
    ]);
    runs["redrive of nothing"] = runCli(COMMANDS.redrive, ["--work-dir", work]);
    runs["redrive --aws without --stack"] = runCli(COMMANDS.redrive, ["--errors", "--aws"]);
    runs["redrive ftp source"] = runCli(COMMANDS.redrive, [
      "--queue",
      "--source-url",
      "ftp://x/",
      "--work-dir",
      work,
    ]);
    runs["broken YAML"] = runCli(path.join(ROOT, COMMANDS.plan), ["--stack", "test"], 60_000, broken);
    const entries = await Promise.all(Object.entries(runs).map(async ([k, p]) => [k, await p] as const));
    for (const [k, r] of entries) results[k] = r;
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  for (const name of Object.keys(COMMANDS)) {
    it(`${name}: --help prints the usage and exits 0, doing nothing else`, () => {
      const help = results[`${name} --help`];
      expect(help.code, help.stderr).to.equal(0);
      expect(help.stdout).to.match(/^usage: npm (start|run [a-z:]+) -- \[options\]/);
      expect(help.stdout).to.contain("-h, --help");
    });
  }

  it("start, query, recurate, redrive: an unknown option exits 2 naming it, with the usage", () => {
    for (const name of ["start", "query", "recurate", "redrive"]) {
      const bogus = results[`${name} --bogus`];
      expect(bogus.code, bogus.stdout).to.equal(2);
      expect(bogus.stderr).to.contain("Unknown option '--bogus'");
      expect(bogus.stderr).to.contain("usage: ");
    }
  });

  it("start: a mistyped stack exits 2 naming the stack files there are, and the work directory is untouched", () => {
    const r = results["typo'd stack"];
    expect(r.code).to.equal(2);
    expect(r.stderr).to.match(/no stack "prdo": Pulumi.prdo.yaml does not exist \(stacks here: .*prod, test/);
    const work = path.join(tmp, "work");
    expect(fs.readdirSync(work).sort()).to.deep.equal(["latest", "test"]);
    expect(fs.readFileSync(path.join(work, "test", "current", "summary.json"), "utf8")).to.equal("{}");
  });

  it("start: a cron schedule, an ftp source and a work directory that is a file each exit 2, named", () => {
    expect(results["cron schedule"].code).to.equal(2);
    expect(results["cron schedule"].stderr).to.match(
      /punkapi-consumer:scheduleExpression is a cron\(\.\.\.\) schedule, which a local run does not follow/,
    );
    expect(results["ftp source"].code).to.equal(2);
    expect(results["ftp source"].stderr).to.contain(
      '--source-url must be an http or https URL, got "ftp://example.org/v2"',
    );
    expect(results["work dir is a file"].code).to.equal(2);
    expect(results["work dir is a file"].stderr).to.match(
      /--work-dir .*a-file: exists and is not a directory/,
    );
  });

  it("plan: a stack file that is not YAML exits 2 naming the file; a bad --config value names the key", () => {
    expect(results["broken YAML"].code).to.equal(2);
    expect(results["broken YAML"].stderr).to.match(/Pulumi\.test\.yaml: not valid YAML/);
    expect(results["plan --config"].code).to.equal(2);
    expect(results["plan --config"].stderr).to.contain(
      "punkapi-consumer:streamShardCount must be between 1 and 500, got 0",
    );
  });

  it("query: a stack with no lake exits 2 saying how to make one", () => {
    const r = results["query --stack unknown"];
    expect(r.code).to.equal(2);
    expect(r.stderr).to.contain('no lake yet for stack "staging"');
  });

  it("recurate, redrive: a missing, impossible or backward day, nothing to redrive, --aws without a stack and a bad source each exit 2, named", () => {
    const expectations: [string, string][] = [
      ["recurate without --from", "--from is required"],
      ["recurate 30 February", '--from must be a day as yyyy-MM-dd, got "2026-02-30"'],
      ["recurate backwards", "--from 2026-11-02 is after --to 2026-11-01"],
      ["recurate --stack unknown", 'no lake yet for stack "staging"'],
      ["redrive of nothing", "say what to redrive: --errors, --queue or both"],
      ["redrive --aws without --stack", "--aws needs --stack"],
      ["redrive ftp source", "--source-url"],
    ];
    for (const [run, message] of expectations) {
      expect(results[run].code, `${run}: ${results[run].stdout}`).to.equal(2);
      expect(results[run].stderr, run).to.contain(message);
    }
  });
});
