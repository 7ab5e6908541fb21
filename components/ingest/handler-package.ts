/**
 * The function's code, as the archive ships it: handler/*.ts compiled to CommonJS into dist/handler/, and
 * the schema/ modules the handler imports (`../schema/beer-schema`: the lake's schema is declared once, there)
 * into dist/schema/, so that the compiled `require("../schema/…")` finds them; both are included in the
 * CallbackFunction's archive as files, and the entry is required from it by the factory. The closure
 * Pulumi serializes is then only `() => require("./dist/handler/entry.js").createHandler()`: it captures no
 * class, object or function of the handler by value, so nothing the serializer rewrites (class fields,
 * a Set's contents, Error subclasses, names shadowed by globals) can change what runs. The code that runs
 * in Lambda is the code the tests run, compiled by the same compiler.
 */
import crypto from "crypto";
import fs from "fs";
import path from "path";
import ts from "typescript";

/** Where the compiled handler goes, relative to the program's directory (the archive keeps this path). */
export const HANDLER_DIST = "dist/handler";

/** Where the schema modules the handler imports go: beside it, as `../schema/` is beside `handler/`. */
export const SCHEMA_DIST = "dist/schema";

const SOURCE = path.resolve(__dirname, "../../handler");
const SCHEMA = path.resolve(__dirname, "../../schema");

/**
 * The options of the project (tsconfig.json) that shape the emitted code, for a CommonJS module Node 22
 * runs as is. `strict` is left out: it only type-checks (tsc does that) and a module is emitted strict anyway.
 */
const COMPILER: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  esModuleInterop: true,
};

/** The compiler and its options, in each compiled file's header: a change of either compiles again. */
const STAMP = JSON.stringify([ts.version, COMPILER]);

/** The module names a source imports from `prefix` (type-only imports included: shipping those is harmless). */
function importsFrom(source: string, prefix: string): string[] {
  return ts
    .preProcessFile(source, true, true)
    .importedFiles.map((f) => f.fileName)
    .filter((name) => name.startsWith(prefix))
    .map((name) => name.slice(prefix.length));
}

/**
 * Compiles each source into `outDir` under a header naming it (`<label>/<file>`), skipping a file whose
 * header says it is current, and deletes the files of sources no longer compiled there.
 */
function compileInto(outDir: string, label: string, sources: { file: string; source: string }[]): void {
  fs.mkdirSync(outDir, { recursive: true });
  const written = new Set<string>();
  for (const { file, source } of sources) {
    const target = path.join(outDir, file.replace(/\.ts$/, ".js"));
    written.add(path.basename(target));
    // A compiled file names the source and compiler it came from: an unchanged one is not compiled again
    // (compiling every file took over half a second of CPU at each evaluation of the program).
    const header = `// ${label}/${file}, sha256 ${crypto.createHash("sha256").update(source).update(STAMP).digest("hex").slice(0, 32)}\n`;
    if (fs.existsSync(target) && fs.readFileSync(target, "utf8").startsWith(header)) continue;
    // transpileModule reports syntax errors only when asked to; unasked, it emits what it could parse.
    const { outputText, diagnostics } = ts.transpileModule(source, {
      compilerOptions: COMPILER,
      fileName: file,
      reportDiagnostics: true,
    });
    // Stryker disable next-line OptionalChaining: 1 equivalent mutant, asked to report, transpileModule always returns an array, so `diagnostics.length` reads the same
    if (diagnostics?.length)
      throw new Error(
        `${label}/${file}: ${ts.flattenDiagnosticMessageText(diagnostics[0].messageText, "\n")}`,
      );
    const temp = `${target}.${crypto.randomUUID()}.tmp`;
    fs.writeFileSync(temp, header + outputText);
    fs.renameSync(temp, target);
  }
  for (const file of fs.readdirSync(outDir)) {
    if (!written.has(file) && !file.endsWith(".tmp")) fs.rmSync(path.join(outDir, file), { force: true });
  }
}

/**
 * Compiles every handler source into `<programDir>/dist/handler/`, and the schema modules they import into
 * `<programDir>/dist/schema/`, and returns the archive paths to include and the module the factory
 * requires. Each file is written to a temporary name and renamed into place (atomic), so programs
 * evaluated at the same time (parallel tests) never read a half-written file; files of removed sources
 * are deleted. A source that does not parse stops the build (nothing half-compiled is shipped), and so
 * does a shipped schema module that imports another module of its own: only what the handler imports is
 * shipped, so that import would fail in Lambda. `sourceDir` and `schemaDir` are the handler's and the
 * schema's folders; tests give others.
 */
export function buildHandlerPackage(
  programDir = process.cwd(),
  sourceDir = SOURCE,
  schemaDir = SCHEMA,
): {
  includePaths: string[];
  entryModule: string;
} {
  const read = (dir: string, file: string) => ({
    file,
    source: fs.readFileSync(path.join(dir, file), "utf8"),
  });
  const handler = fs
    .readdirSync(sourceDir)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
    .map((f) => read(sourceDir, f));
  const shipped = [...new Set(handler.flatMap((h) => importsFrom(h.source, "../schema/")))]
    .sort()
    .map((name) => read(schemaDir, `${name}.ts`));
  for (const m of shipped) {
    const own = importsFrom(m.source, ".");
    if (own.length)
      throw new Error(
        `schema/${m.file}: the handler imports it, so it ships alone in the archive, but it imports .${own[0]}`,
      );
  }
  compileInto(path.join(programDir, HANDLER_DIST), "handler", handler);
  // No schema module imported: no folder to include (an include path must exist).
  if (shipped.length) compileInto(path.join(programDir, SCHEMA_DIST), "schema", shipped);
  else fs.rmSync(path.join(programDir, SCHEMA_DIST), { recursive: true, force: true });
  return {
    includePaths: shipped.length ? [HANDLER_DIST, SCHEMA_DIST] : [HANDLER_DIST],
    entryModule: `./${HANDLER_DIST}/entry.js`,
  };
}
