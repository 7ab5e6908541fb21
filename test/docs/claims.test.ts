/**
 * What the documentation names exists: files in git, npm scripts in package.json, each flag in the parser
 * of the command it is given to (with the default it is said to have), the stack outputs index.ts exports,
 * the handler's settings and the stand-in's faults as the code has them, and every command the README
 * says takes `--help` does.
 */
import { expect } from "chai";
import { execFileSync } from "child_process";
import fs from "fs";
import path from "path";
import { parseConfig } from "../../handler/config";
import { ENV, Setting, SETTINGS } from "../../handler/settings";
import { FAULTS } from "../../local/stand-ins/punkapi/faults";
import { CliResult, runCli } from "../helpers/cli";
import { npmCommand, projectCommands } from "../helpers/commands";
import { codeSpans, docFiles, readDoc } from "../helpers/markdown";
import { one, ROOT, runStack } from "../helpers/program";

/** Names the docs give to what a run or a build makes, or to another package's files: not in git. */
const NOT_OURS = [
  /^\.local(\/|$)/,
  /^node_modules\//,
  /^dist\/(handler|schema)$/,
  /^reports\/mutation\//,
  /^(summary\.json|run\.lock|lake\/|logs\/|queues\/|mutation\.json)$/,
  // mocha's own file, which the mutation runner looks for.
  /^run-helpers\.cjs$/,
];

const docs = docFiles().map(readDoc);

describe("what the documentation names", function () {
  this.timeout(120_000);

  it("names only files and folders that git tracks", () => {
    const tracked = execFileSync("git", ["ls-files"], { cwd: ROOT, encoding: "utf8" }).split("\n");
    const folders = [
      ...new Set(
        tracked.flatMap((f) =>
          f
            .split("/")
            .slice(0, -1)
            .map((_, i, a) => `${a.slice(0, i + 1).join("/")}/`),
        ),
      ),
    ];
    // A name may be relative to the folder its page is about (`config.ts` in docs/handler.md).
    const has = (list: string[], name: string) => list.some((f) => f === name || f.endsWith(`/${name}`));
    const checked: string[] = [];
    for (const doc of docs) {
      const names = [
        ...doc.paragraphs.flatMap(codeSpans),
        ...[...doc.text.matchAll(/\]\(([^)#\s]+)/g)].map((m) =>
          path.relative(ROOT, path.resolve(path.dirname(path.join(ROOT, doc.file)), m[1])),
        ),
      ];
      for (const name of names) {
        // A path: word characters and dots in folders, a file with an extension or a folder ending in /.
        if (!/^\.?[\w.-]+(\/[\w.-]+)*\/?$/.test(name)) continue;
        if (!name.includes("/") && !/\.(ts|js|cjs|mjs|json|ya?ml|md)$/.test(name)) continue;
        if (/^[\w-]+(\.[\w-]+)+\.(com|io|org)\//.test(name)) continue; // a host
        if (NOT_OURS.some((r) => r.test(name))) continue;
        const exists = name.endsWith("/")
          ? has(folders, name)
          : has(tracked, name) || has(folders, `${name}/`);
        expect(exists, `${doc.file} names \`${name}\`, which git does not track`).to.equal(true);
        checked.push(name);
      }
    }
    // The walk does find the names (a regexp that matched nothing would pass everything).
    expect(checked).to.include.members([
      "config/spec.ts",
      "docs/configuration.md",
      "local/stand-ins/punkapi/faults.ts",
    ]);
  });

  it("names only npm scripts package.json has", () => {
    const scripts = Object.keys(JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts);
    const named = new Set<string>();
    for (const doc of docs)
      for (const m of doc.text.matchAll(/\bnpm (start|test|run ([\w:-]+))/g)) named.add(m[2] ?? m[1]);
    for (const script of named) expect(scripts, `npm script "${script}"`).to.include(script);
    expect([...named]).to.include.members(["start", "test", "query", "plan", "docs", "bench:ingest"]);
  });

  describe("the commands", () => {
    const commands = projectCommands();
    const help: Record<string, CliResult> = {};
    /** Per command, its flags as its --help lists them, with the default shown. */
    const flags: Record<string, Map<string, string | undefined>> = {};
    before(async () => {
      await Promise.all(
        Object.entries(commands).map(async ([name, script]) => {
          help[name] = await runCli(script, ["--help"]);
          flags[name] = new Map(
            help[name].stdout.split("\n").flatMap((line) => {
              const m = /^\s+(?:-\w, )?(--[\w-]+)(?: \S+)?\s{2,}.*?(?:\(default ([^)]*)\))?$/.exec(line);
              return m ? [[m[1], m[2]] as [string, string | undefined]] : [];
            }),
          );
        }),
      );
    });

    it("the README's list of commands that take --help is every command, and each does", () => {
      const readme = docs.find((d) => d.file === "README.md")!;
      const sentence = readme.paragraphs
        .map((p) => /Every command \(([^)]*)\) takes `--help`/.exec(p))
        .find(Boolean);
      expect(sentence, "README: Every command (...) takes `--help`").to.not.equal(undefined);
      const listed = codeSpans(sentence![1]);
      expect([...listed].sort()).to.deep.equal(Object.keys(commands).sort());
      for (const name of listed) {
        expect(help[name].code, `${name} --help: ${help[name].stderr}`).to.equal(0);
        expect(help[name].stdout).to.match(new RegExp(`^usage: ${npmCommand(name)} -- \\[options\\]`));
      }
    });

    it("gives each command only flags its parser accepts, with the defaults it has", () => {
      const seen: string[] = [];
      /** The flag `text` starts with, and the default said right after it. */
      const check = (file: string, owner: string | undefined, text: string) => {
        const m = /^(--[a-z][\w-]*)(?:`? \(default ([^)]*)\))?/.exec(text);
        if (m) {
          const [, flag, said] = m;
          if (flag === "--help") return;
          const owners = owner ? [owner] : Object.keys(flags).filter((c) => flags[c].has(flag));
          expect(owners.length, `${file}: ${flag} is no command's option`).to.be.greaterThan(0);
          for (const c of owners) {
            expect(flags[c].has(flag), `${file}: ${npmCommand(c)} has no ${flag}`).to.equal(true);
            if (said !== undefined) expect(flags[c].get(flag), `${file}: ${flag}'s default`).to.equal(said);
          }
          seen.push(`${owner ?? "*"} ${flag}${said !== undefined ? `=${said}` : ""}`);
        }
      };
      const ownerOf = (text: string) => {
        const all = [...text.matchAll(/\bnpm (start|run ([\w:-]+))/g)];
        const last = all[all.length - 1];
        return last && (last[2] ?? last[1]);
      };
      for (const doc of docs) {
        if (doc.file === "docs/configuration.md") continue;
        for (const paragraph of doc.paragraphs) {
          // Another program's flags (pulumi, git, jq) are not ours to check.
          const ours = paragraph.replace(/`[^`]*\b(pulumi|git|jq|aws) [^`]*`/g, "");
          // A flag belongs to the last command named before it in its paragraph, if any.
          for (const m of ours.matchAll(/(?<![\w-])--[a-z][\w-]*/g))
            check(doc.file, ownerOf(ours.slice(0, m.index)), ours.slice(m.index));
        }
        for (const block of doc.blocks)
          for (const line of block.lines) {
            const npm = /\bnpm (start|run ([\w:-]+))(.*)$/.exec(line);
            if (npm)
              for (const m of npm[3].matchAll(/(?<![\w-])--[a-z][\w-]*/g))
                check(doc.file, npm[2] ?? npm[1], npm[3].slice(m.index));
          }
      }
      // The walk reads the flags the docs give (a walk that found none would pass everything).
      expect(seen).to.include.members(["start --work-dir", "bench:ingest --runs=3", "punkapi --faults"]);
    });
  });

  it("lists every output index.ts exports, and no other, in the README's outputs table", async () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const table = readme.split("**Outputs**")[1].split("\n\n")[1];
    const listed = table
      .split("\n")
      .slice(2)
      .flatMap((row) => codeSpans(row.split("|")[1]));
    const exported = Object.keys((await runStack("test")).outputs);
    expect([...listed].sort()).to.deep.equal([...exported].sort());
  });

  describe("docs/handler.md", () => {
    const handler = readDoc("docs/handler.md");

    it("lists every variable the handler reads, with its default and range", () => {
      const rows = handler.text
        .split("## Configuration (environment variables)")[1]
        .split("\n## ")[0]
        .split("\n")
        .filter((l) => l.startsWith("| `"))
        .map((l) => l.split("|").map((c) => c.trim()));
      const listed = rows.flatMap((r) => codeSpans(r[1]));
      expect([...listed].sort()).to.deep.equal(Object.values(ENV).sort());
      const base = { [ENV.streamName]: "s", [ENV.sourceUrl]: "https://example.org/v3", [ENV.contract]: "v3" };
      const key = (variable: string) =>
        (Object.keys(ENV) as (keyof typeof ENV)[]).find((k) => ENV[k] === variable)!;
      for (const [, cell, def, meaning] of rows) {
        const variable = codeSpans(cell)[0];
        const setting: Setting = SETTINGS[key(variable)];
        if (setting.default !== undefined) expect(def, variable).to.equal(String(setting.default));
        else expect(["required", "unset"], variable).to.include(def);
        if (def === "required")
          expect(() => parseConfig({ ...base, [variable]: "" }), variable).to.throw(variable);
        // A range: both ends accepted, one past either refused, naming the variable (other settings at
        // the values that let each end through: the backoff base at most its cap, timeouts under the deadline).
        const range = /\((\d+)–(\d+)/.exec(meaning);
        if (!range) continue;
        const [lo, hi] = [Number(range[1]), Number(range[2])];
        const room = {
          [ENV.backoffCapMs]: "60000",
          [ENV.deadlineMs]: "900000",
          [ENV.requestTimeoutMs]: "100",
        };
        const at = (v: number) =>
          parseConfig({ ...base, ...room, [ENV.backoffBaseMs]: "1", [variable]: String(v) });
        expect(() => at(lo), `${variable}=${lo}`).to.not.throw();
        expect(() => at(hi), `${variable}=${hi}`).to.not.throw();
        expect(() => at(lo - 1), `${variable}=${lo - 1}`).to.throw(variable);
        expect(() => at(hi + 1), `${variable}=${hi + 1}`).to.throw(variable);
      }
    });

    it("names the variables the program sets, as the function declares them", async () => {
      const sentence = handler.paragraphs.find((p) => p.includes("The program sets `"))!;
      const named = codeSpans(sentence.split("The program sets ")[1].split(" from the stack's")[0]);
      const fn = one(await runStack("test"), "aws:lambda/function:Function");
      expect([...named].sort()).to.deep.equal(Object.keys(fn.inputs.environment.variables).sort());
    });

    it("lists the stand-in's faults, all of them", () => {
      const paragraph = handler.paragraphs.find((p) => p.startsWith("Faults (`--faults"))!;
      const named = codeSpans(paragraph).filter(
        (s) => !s.startsWith("-") && !s.includes("/") && !s.includes(":") && !s.includes("-After"),
      );
      expect(named).to.deep.equal([...FAULTS]);
    });
  });
});
