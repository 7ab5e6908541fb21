/**
 * `npm test`'s format check (scripts/check-format.mjs) judges the project's files, those git tracks: a
 * lake written by `npm start -- --work-dir myrun` or a stack file of one's own does not fail it; a tracked
 * file that is not formatted does. Run in a scratch git repository.
 */
import { expect } from "chai";
import { execFileSync, spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { ROOT } from "../helpers/program";

describe("the format check", function () {
  this.timeout(30_000);
  let repo: string;
  before(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), "punkapi-format-"));
    execFileSync("git", ["init", "-q"], { cwd: repo });
    fs.writeFileSync(path.join(repo, "a.json"), '{ "a": 1 }\n');
    execFileSync("git", ["add", "a.json"], { cwd: repo });
  });
  after(() => fs.rmSync(repo, { recursive: true, force: true }));
  const check = () =>
    spawnSync(process.execPath, [path.join(ROOT, "scripts", "check-format.mjs")], {
      cwd: repo,
      encoding: "utf8",
    });

  it("passes beside an untracked stack file and a work directory, and fails on a tracked unformatted file", () => {
    fs.writeFileSync(path.join(repo, "Pulumi.dev.yaml"), "config:    {a:   1}\n");
    fs.mkdirSync(path.join(repo, "myrun"));
    fs.writeFileSync(path.join(repo, "myrun", ".gitignore"), "*\n");
    fs.writeFileSync(path.join(repo, "myrun", "summary.json"), '{"a":1,   "b":2}');
    const clean = check();
    expect(clean.status, clean.stdout + clean.stderr).to.equal(0);
    execFileSync("git", ["add", "Pulumi.dev.yaml"], { cwd: repo });
    const dirty = check();
    expect(dirty.status).to.equal(1);
    expect(dirty.stdout + dirty.stderr).to.contain("Pulumi.dev.yaml");
  });
});
