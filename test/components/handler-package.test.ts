/**
 * The handler package: every handler source compiled to CommonJS under dist/handler, each file headed by
 * the hash of its source and compiler, so that an unchanged source is not compiled again and a stale or
 * damaged file is. The package is built here in a directory of its own, as a program directory.
 */
import { expect } from "chai";
import crypto from "crypto";
import fs from "fs";
import os from "os";
import path from "path";
import ts from "typescript";
import { buildHandlerPackage, HANDLER_DIST } from "../../components/ingest/handler-package";
import { ROOT } from "../helpers/program";

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

  it("compiles every handler source, each file its source's own CommonJS under a header", () => {
    expect(buildHandlerPackage(dir)).to.deep.equal({
      includePath: "dist/handler",
      entryModule: "./dist/handler/entry.js",
    });
    expect(out).to.equal(path.join(dir, "dist", "handler"));
    expect(fs.readdirSync(out).sort()).to.deep.equal(sources.map((f) => f.replace(/\.ts$/, ".js")).sort());
    for (const file of sources) {
      const text = fs.readFileSync(compiled(file), "utf8");
      const [header, ...rest] = text.split("\n");
      const source = fs.readFileSync(path.join(ROOT, "handler", file), "utf8");
      // The hash of the source with the compiler's version and options: a new compiler compiles again.
      const stamp = JSON.stringify([
        ts.version,
        { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, esModuleInterop: true },
      ]);
      const hash = crypto.createHash("sha256").update(source).update(stamp).digest("hex").slice(0, 32);
      expect(header).to.equal(`// handler/${file}, sha256 ${hash}`);
      const plain = ts.transpileModule(source, {
        compilerOptions: {
          target: ts.ScriptTarget.ES2022,
          module: ts.ModuleKind.CommonJS,
          esModuleInterop: true,
        },
        fileName: file,
      }).outputText;
      expect(rest.join("\n"), file).to.equal(plain);
    }
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

    it("compiles only its TypeScript sources: no declaration file, nothing else", () => {
      write("a.ts", "export const a: number = 1;\n");
      write("b.d.ts", "export declare const b: number;\n");
      write("notes.md", "# not code\n");
      // Only the extension is replaced, not an earlier ".ts" in the name.
      write("table.tsv.ts", "export const t = 2;\n");
      buildHandlerPackage(dir, sourceDir);
      expect(fs.readdirSync(out).sort()).to.deep.equal(["a.js", "table.tsv.js"]);
      expect(fs.readFileSync(path.join(out, "a.js"), "utf8")).to.contain("exports.a = 1;");
    });

    it("refuses a source that does not parse, naming it and the error, and ships nothing of it", () => {
      write("broken.ts", "export const x = ;\n");
      expect(() => buildHandlerPackage(dir, sourceDir)).to.throw("handler/broken.ts: Expression expected.");
      expect(fs.readdirSync(out)).to.deep.equal([]);
    });
  });
});
