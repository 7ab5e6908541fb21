/**
 * The mutation-testing plan (scripts/mutation/parts.ts) and its report (scripts/mutation/scores.ts): every
 * folder of code is mutated or named as not mutated with a reason, each part's tests exist and run
 * in-process, scores are Stryker's formula per folder, and docs/testing.md shows the recorded scores.
 */
import { expect } from "chai";
import { execFileSync } from "child_process";
import fs from "fs";
import path from "path";
import { mutateGlobs, NOT_MUTATED, PARTS, partNamed } from "../../scripts/mutation/parts";
import {
  belowThreshold,
  folderOf,
  RecordedScore,
  scoresByFolder,
  scoresTable,
  StrykerReport,
  tableCells,
  TABLE_END,
  TABLE_START,
  withTable,
} from "../../scripts/mutation/scores";
import { ROOT } from "../helpers/program";

const tracked = execFileSync("git", ["ls-files"], { cwd: ROOT, encoding: "utf8" }).trim().split("\n");
const folders = PARTS.map((p) => p.folder);

/** Files matching a test glob of the simple forms the parts use (`dir/*.test.ts`, `dir/prefix-*.test.ts`). */
function matching(glob: string): string[] {
  const re = new RegExp(`^${glob.replace(/\./g, "\\.").replace(/\*/g, "[^/]*")}$`);
  return tracked.filter((f) => re.test(f));
}

describe("mutation testing, folder by folder", () => {
  it("mutates every folder the issue of record names: where behaviour and its proof live", () => {
    // Issue 20: bootstrap/, model/, iam/, cost/, policy/, every component, handler/ (its entry included),
    // config/, and local/'s iam, alarms, firehose, lake and the realisers.
    const components = fs
      .readdirSync(path.join(ROOT, "components"), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => `components/${e.name}`);
    expect(components).to.have.length.at.least(8);
    for (const folder of [
      "bootstrap",
      "model",
      "iam",
      "cost",
      "policy",
      "handler",
      "config",
      "local/stand-ins/iam",
      "local/stand-ins/alarms",
      "local/stand-ins/firehose",
      "local/stand-ins/lake",
      "local/runner/realisers",
      ...components,
    ])
      expect(folders, folder).to.include(folder);
    expect(mutateGlobs(partNamed("handler"))).to.not.include("!handler/entry.ts");
  });

  it("names every other folder of TypeScript as not mutated, with its reason, and none twice", () => {
    const codeFolders = new Set(
      tracked.filter((f) => f.endsWith(".ts") && !f.startsWith("test/")).map((f) => path.posix.dirname(f)),
    );
    for (const folder of codeFolders) {
      // A part mutates its folder and every folder below it.
      const inParts = folders.some((f) => folder === f || folder.startsWith(`${f}/`));
      const named = folder in NOT_MUTATED;
      expect(inParts !== named, `${folder}: in a part ${inParts}, named as not mutated ${named}`).to.equal(
        true,
      );
    }
    for (const [folder, why] of Object.entries(NOT_MUTATED)) {
      expect(codeFolders.has(folder), `${folder} holds no TypeScript`).to.equal(true);
      expect(why.length, folder).to.be.greaterThan(20);
    }
  });

  it("gives each part test files that exist and run in-process (no child process, no packaged archive)", () => {
    for (const part of PARTS) {
      const files = part.tests.flatMap(matching);
      expect(files, part.folder).to.have.length.greaterThan(0);
      for (const glob of part.tests)
        expect(matching(glob), `${part.folder}: ${glob}`).to.have.length.greaterThan(0);
      for (const file of files) {
        const text = fs.readFileSync(path.join(ROOT, file), "utf8");
        expect(text, `${part.folder}: ${file} runs a command`).to.not.match(/helpers\/cli"|spawnCli|runCli/);
        expect(file, part.folder).to.not.match(/artifact\./);
      }
      for (const excluded of Object.keys(part.excluded ?? {})) {
        expect(tracked, excluded).to.include(excluded);
        expect(folderOf(excluded, folders)).to.equal(part.folder);
      }
    }
  });

  it("runs in CI one job per part, from the list the command prints", () => {
    const workflow = fs.readFileSync(path.join(ROOT, ".github", "workflows", "mutation.yml"), "utf8");
    expect(workflow).to.contain("npm run --silent mutate -- --list");
    expect(workflow).to.contain("folder: ${{ fromJSON(needs.parts.outputs.folders) }}");
    expect(workflow).to.contain('npm run mutate -- --part "$FOLDER"');
  });

  it("refuses an unknown part, naming the choices", () => {
    expect(() => partNamed("handlers")).to.throw(/no mutation part "handlers"; parts: handler, config/);
    expect(partNamed("local/stand-ins/iam/").folder).to.equal("local/stand-ins/iam");
  });

  it("files a mutant under the deepest folder that holds it", () => {
    const all = ["components", "components/security", "local/runner", "local/runner/realisers"];
    expect(folderOf("components/security/policies.ts", all)).to.equal("components/security");
    expect(folderOf("components/alerting.ts", all)).to.equal("components");
    expect(folderOf("local/runner/realisers/queue.ts", all)).to.equal("local/runner/realisers");
    expect(folderOf("local/runner.ts", all)).to.equal(undefined);
    expect(folderOf("handlerx/a.ts", ["handler"])).to.equal(undefined);
  });

  it("scores a folder as Stryker does: (killed + timeout) / (those + survived + no coverage)", () => {
    const m = (status: string, n: number) => Array.from({ length: n }, () => ({ status }));
    const report = {
      files: {
        "model/a.ts": { mutants: [...m("Killed", 5), ...m("Survived", 1), ...m("Ignored", 2)] },
        "model/b.ts": {
          mutants: [...m("Killed", 2), ...m("Timeout", 1), ...m("NoCoverage", 1), ...m("CompileError", 3)],
        },
        "cost/c.ts": { mutants: [...m("Killed", 2), ...m("Survived", 1)] },
        "bench/d.ts": { mutants: m("Survived", 4) },
        "iam/e.ts": { mutants: m("RuntimeError", 2) },
      },
    } as StrykerReport;
    const scores = scoresByFolder(report, ["model", "cost", "iam"]);
    // model: 8 detected of 10 that count; cost: 2 of 3 = 66.67; iam: none counts.
    expect(scores.get("model")).to.deep.equal({
      killed: 7,
      timeout: 1,
      survived: 1,
      noCoverage: 1,
      ignored: 2,
      score: 80,
    });
    expect(scores.get("cost")?.score).to.equal(66.67);
    expect(scores.get("iam")?.score).to.equal(null);
    expect(scores.has("bench")).to.equal(false);
    expect(belowThreshold(scores, 80)).to.deep.equal(["cost", "iam"]);
  });

  it("shows in docs/testing.md the scores recorded in docs/mutation-scores.json, one row per part", () => {
    const recorded = JSON.parse(
      fs.readFileSync(path.join(ROOT, "docs", "mutation-scores.json"), "utf8"),
    ) as Record<string, RecordedScore>;
    for (const folder of Object.keys(recorded)) expect(folders, folder).to.include(folder);
    for (const r of Object.values(recorded)) {
      expect(r.commit).to.match(/^[0-9a-f]{40}$/);
      expect(r.date).to.match(/^\d{4}-\d{2}-\d{2}$/);
    }
    const doc = fs.readFileSync(path.join(ROOT, "docs", "testing.md"), "utf8");
    const inDoc = doc.slice(doc.indexOf(TABLE_START), doc.indexOf(TABLE_END));
    expect(tableCells(inDoc)).to.deep.equal(tableCells(scoresTable(folders, recorded)));
    expect(tableCells(inDoc)).to.have.length(folders.length + 1);
  });

  it("writes a table between its markers, and rows a formatter may realign compare equal", () => {
    const table = scoresTable(["model", "cost"], {
      model: {
        killed: 9,
        timeout: 0,
        survived: 1,
        noCoverage: 0,
        ignored: 0,
        score: 90,
        commit: "0123456789abcdef0123456789abcdef01234567",
        date: "2026-12-05",
      },
    });
    expect(tableCells(table)).to.deep.equal([
      ["folder", "score", "killed", "timeout", "survived", "no coverage", "ignored", "measured at"],
      ["`model/`", "90.00 %", "9", "0", "1", "0", "0", "0123456, 2026-12-05"],
      ["`cost/`", "not measured yet", "", "", "", "", "", ""],
    ]);
    const doc = `before\n${TABLE_START}\nold\n${TABLE_END}\nafter\n`;
    expect(withTable(doc, "| a |")).to.equal(`before\n${TABLE_START}\n\n| a |\n\n${TABLE_END}\nafter\n`);
    expect(() => withTable("no markers", "| a |")).to.throw(/markers/);
    expect(tableCells("|  a |   b|\n| :-- | --: |\n|c|d|")).to.deep.equal([
      ["a", "b"],
      ["c", "d"],
    ]);
  });
});
