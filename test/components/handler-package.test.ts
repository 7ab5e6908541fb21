/**
 * The handler package: every handler source compiled to CommonJS under dist/handler, run by Node 22 as the
 * sources behave (not compared with a second compile by the same compiler), each file headed by
 * the hash of its source and compiler, so that an unchanged source is not compiled again and a stale or
 * damaged file is. The package is built here in a directory of its own, as a program directory.
 */
import { expect } from "chai";
import fs from "fs";
import os from "os";
import path from "path";
import { execFileSync } from "child_process";
import { buildHandlerPackage, HANDLER_DIST, SCHEMA_DIST } from "../../components/ingest/handler-package";
import { lambdaNode } from "../../local/stand-ins/lambda/runtime";
import { ROOT } from "../helpers/program";

/** Run by Node 22 in the compiled package's directory: each module's exports, and two behaviours. */
const RUN_COMPILED = `
const fs = require("fs");
const path = require("path");
const dir = process.argv[1];
const exports = {};
for (const f of fs.readdirSync(dir).filter((f) => f.endsWith(".js")).sort()) {
  const m = require(path.join(dir, f));
  exports[f] = Object.keys(m).sort().map((k) => k + ":" + typeof m[k]);
}
const budget = new (require(path.join(dir, "rate-budget.js")).RateBudget)();
budget.observe({ remaining: "1" }, 0);
const acquired = [budget.tryAcquire(0), budget.tryAcquire(0)];
budget.release();
acquired.push(budget.tryAcquire(0));
const elements = require(path.join(dir, "json-array.js")).arrayElementTexts('[1, {"a":[2,"]"]}]');
// The lake's schema, from the schema module shipped beside the handler.
const unknown = require(path.join(dir, "unknown-fields.js")).unknownFields({ id: 1, method: { twist_notes: "x" } });
process.stdout.write(JSON.stringify({ exports, budget: acquired, elements, unknown }));
`;

describe("the handler package", () => {
  let dir: string;
  let out: string;
  const sources = fs
    .readdirSync(path.join(ROOT, "handler"))
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"));
  const compiled = (file: string) => path.join(out, file.replace(/\.ts$/, ".js"));

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "punkapi-handler-package-"));
    out = path.join(dir, HANDLER_DIST);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("compiles every handler source under a header, into CommonJS that Node 22 runs as the source behaves", () => {
    expect(buildHandlerPackage(dir)).to.deep.equal({
      includePaths: ["dist/handler", "dist/schema"],
      entryModule: "./dist/handler/entry.js",
    });
    expect(out).to.equal(path.join(dir, "dist", "handler"));
    expect(fs.readdirSync(out).sort()).to.deep.equal(sources.map((f) => f.replace(/\.ts$/, ".js")).sort());
    // Only the schema module the handler imports, under its own header.
    expect(fs.readdirSync(path.join(dir, SCHEMA_DIST))).to.deep.equal(["beer-schema.js"]);
    expect(fs.readFileSync(path.join(dir, SCHEMA_DIST, "beer-schema.js"), "utf8")).to.match(
      /^\/\/ schema\/beer-schema\.ts, sha256 [0-9a-f]{32}\n"use strict";/,
    );
    for (const file of sources) {
      const [header] = fs.readFileSync(compiled(file), "utf8").split("\n");
      expect(header).to.match(new RegExp(`^// handler/${file.replace(".", "\\.")}, sha256 [0-9a-f]{32}$`));
    }
    // The compiled files, required by plain Node 22 (no TypeScript loader), against the sources as tsx
    // (esbuild, another compiler) loads them here: the same exports, and the same behaviour where a
    // compiler's choice shows (an ES2022 class field's initializer, a string scan).
    const node = lambdaNode("nodejs22.x");
    const shipped = JSON.parse(
      execFileSync(node.path, ["-e", RUN_COMPILED, out], {
        encoding: "utf8",
        env: { ...process.env, NODE_PATH: path.join(ROOT, "node_modules") },
        cwd: dir,
      }),
    ) as { exports: Record<string, string[]>; budget: boolean[]; elements: string[]; unknown: string[] };
    const own: Record<string, string[]> = {};
    for (const file of sources) {
      // eslint-disable-next-line typescript/no-require-imports -- each handler module, by its file name
      const m = require(path.join(ROOT, "handler", file)) as Record<string, unknown>;
      own[file.replace(/\.ts$/, ".js")] = Object.keys(m)
        .sort()
        .map((k) => `${k}:${typeof m[k]}`);
    }
    expect(shipped.exports).to.deep.equal(own);
    expect(shipped.budget).to.deep.equal([true, false, true]);
    expect(shipped.elements).to.deep.equal(["1", '{"a":[2,"]"]}']);
    expect(shipped.unknown).to.deep.equal(["method.twist_notes"]);
  });

  it("keeps a file whose header matches its source, and compiles again one that is stale or damaged", () => {
    buildHandlerPackage(dir);
    const kept = compiled("batch.ts");
    const stale = compiled("entry.ts");
    const damaged = compiled("sink.ts");
    const good = { kept: fs.readFileSync(kept, "utf8"), stale: fs.readFileSync(stale, "utf8") };
    // The same header over other code: the header is what says the file is current, so it is kept.
    const [keptHeader] = good.kept.split("\n");
    fs.writeFileSync(kept, `${keptHeader}\n// kept as it is\n`);
    // A header from another version of the source, and a file cut short with no header at all.
    fs.writeFileSync(stale, good.stale.replace(/sha256 [0-9a-f]{32}/, `sha256 ${"0".repeat(32)}`));
    fs.writeFileSync(damaged, "exports.truncated =");
    buildHandlerPackage(dir);
    expect(fs.readFileSync(kept, "utf8")).to.equal(`${keptHeader}\n// kept as it is\n`);
    expect(fs.readFileSync(stale, "utf8")).to.equal(good.stale);
    expect(fs.readFileSync(damaged, "utf8")).to.match(
      /^\/\/ handler\/sink\.ts, sha256 [0-9a-f]{32}\n"use strict";/,
    );
  });

  it("removes the compiled file of a source that no longer exists, not another writer's file in flight", () => {
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, "removed.js"), "// handler/removed.ts, sha256 0\n");
    const inFlight = path.join(out, "entry.js.0123.tmp");
    fs.writeFileSync(inFlight, "// being written by another evaluation\n");
    buildHandlerPackage(dir);
    expect(fs.existsSync(path.join(out, "removed.js"))).to.equal(false);
    expect(fs.readdirSync(out).filter((f) => f.endsWith(".tmp"))).to.deep.equal(["entry.js.0123.tmp"]);
  });

  describe("from a folder of sources of its own", () => {
    let sourceDir: string;
    beforeEach(() => (sourceDir = fs.mkdtempSync(path.join(os.tmpdir(), "punkapi-handler-sources-"))));
    afterEach(() => fs.rmSync(sourceDir, { recursive: true, force: true }));
    const write = (file: string, text: string) => fs.writeFileSync(path.join(sourceDir, file), text);

    it("compiles only its TypeScript sources: no declaration file, nothing else, and no schema module unasked", () => {
      write("a.ts", "export const a: number = 1;\n");
      write("b.d.ts", "export declare const b: number;\n");
      write("notes.md", "# not code\n");
      // Only the extension is replaced, not an earlier ".ts" in the name.
      write("table.tsv.ts", "export const t = 2;\n");
      // A schema folder left by an earlier build that imported one: gone, and not included.
      fs.mkdirSync(path.join(dir, SCHEMA_DIST), { recursive: true });
      fs.writeFileSync(path.join(dir, SCHEMA_DIST, "beer-schema.js"), "// schema/beer-schema.ts, sha256 0\n");
      expect(buildHandlerPackage(dir, sourceDir)).to.deep.equal({
        includePaths: ["dist/handler"],
        entryModule: "./dist/handler/entry.js",
      });
      expect(fs.readdirSync(out).sort()).to.deep.equal(["a.js", "table.tsv.js"]);
      expect(fs.readFileSync(path.join(out, "a.js"), "utf8")).to.contain("exports.a = 1;");
      expect(fs.existsSync(path.join(dir, SCHEMA_DIST))).to.equal(false);
    });

    describe("and a schema folder of its own", () => {
      let schemaDir: string;
      beforeEach(() => (schemaDir = fs.mkdtempSync(path.join(os.tmpdir(), "punkapi-schema-sources-"))));
      afterEach(() => fs.rmSync(schemaDir, { recursive: true, force: true }));

      it("ships each schema module the handler imports once, and no other", () => {
        write("a.ts", 'import { s } from "../schema/schema";\nexport const a = s;\n');
        write("b.ts", 'import type { S } from "../schema/schema";\nexport const b: S = 1;\n');
        fs.writeFileSync(path.join(schemaDir, "schema.ts"), "export type S = number;\nexport const s = 1;\n");
        fs.writeFileSync(path.join(schemaDir, "names.ts"), "export const n = 2;\n");
        buildHandlerPackage(dir, sourceDir, schemaDir);
        expect(fs.readdirSync(path.join(dir, SCHEMA_DIST))).to.deep.equal(["schema.js"]);
      });

      it("refuses a schema module that imports another: it would ship without it", () => {
        write("a.ts", 'import { s } from "../schema/schema";\nexport const a = s;\n');
        fs.writeFileSync(
          path.join(schemaDir, "schema.ts"),
          'import { n } from "./names";\nexport const s = n;\n',
        );
        fs.writeFileSync(path.join(schemaDir, "names.ts"), "export const n = 2;\n");
        expect(() => buildHandlerPackage(dir, sourceDir, schemaDir)).to.throw(
          "schema/schema.ts: the handler imports it, so it ships alone in the archive, but it imports ./names",
        );
      });
    });

    it("refuses a source that does not parse, naming it and the error, and ships nothing of it", () => {
      write("broken.ts", "export const x = ;\n");
      expect(() => buildHandlerPackage(dir, sourceDir)).to.throw("handler/broken.ts: Expression expected.");
      expect(fs.readdirSync(out)).to.deep.equal([]);
    });
  });
});
