/**
 * The function's code, as the archive ships it: handler/*.ts compiled to CommonJS into dist/handler/,
 * included in the CallbackFunction's archive as files, and required from it by the factory. The closure
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

const SOURCE = path.resolve(__dirname, "../../handler");

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

/**
 * Compiles every handler source into `<programDir>/dist/handler/` and returns the archive path to include
 * and the module the factory requires. Each file is written to a temporary name and renamed into place
 * (atomic), so programs evaluated at the same time (parallel tests) never read a half-written file; files
 * of removed sources are deleted. A source that does not parse stops the build (nothing half-compiled is
 * shipped). `sourceDir` is the handler's folder; tests give another.
 */
export function buildHandlerPackage(
  programDir = process.cwd(),
  sourceDir = SOURCE,
): {
  includePath: string;
  entryModule: string;
} {
  const outDir = path.join(programDir, HANDLER_DIST);
  fs.mkdirSync(outDir, { recursive: true });
  const written = new Set<string>();
  for (const file of fs.readdirSync(sourceDir).filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))) {
    const source = fs.readFileSync(path.join(sourceDir, file), "utf8");
    const target = path.join(outDir, file.replace(/\.ts$/, ".js"));
    written.add(path.basename(target));
    // A compiled file names the source and compiler it came from: an unchanged one is not compiled again
    // (compiling every file took over half a second of CPU at each evaluation of the program).
    const header = `// handler/${file}, sha256 ${crypto.createHash("sha256").update(source).update(STAMP).digest("hex").slice(0, 32)}\n`;
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
        `handler/${file}: ${ts.flattenDiagnosticMessageText(diagnostics[0].messageText, "\n")}`,
      );
    const temp = `${target}.${crypto.randomUUID()}.tmp`;
    fs.writeFileSync(temp, header + outputText);
    fs.renameSync(temp, target);
  }
  for (const file of fs.readdirSync(outDir)) {
    if (!written.has(file) && !file.endsWith(".tmp")) fs.rmSync(path.join(outDir, file), { force: true });
  }
  return { includePath: HANDLER_DIST, entryModule: `./${HANDLER_DIST}/entry.js` };
}
