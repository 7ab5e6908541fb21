/**
 * Program runs kept on disk (node_modules/.cache/punkapi-consumer/program-runs): the real program evaluated
 * once per stack, configuration and version of its sources, then read back by the next `npm start`,
 * `npm run plan` or test process instead of evaluated again. A run is written with its assets (the
 * function's archive) described by content or path, and read back as the same Pulumi asset objects. The
 * key hashes the configuration and every source file the program reads, and the lockfile: any change of
 * them is a new evaluation. A failed evaluation is never kept.
 */
import crypto from "crypto";
import fs from "fs";
import path from "path";
// The asset classes alone (a few ms), not the Pulumi runtime (over a second of CPU), so that a process
// that finds its run here never loads the runtime; ./run-program is required only to evaluate.
import * as asset from "@pulumi/pulumi/asset";
import type { ProgramRun, RunProgramOptions } from "./run-program";

const SOURCES = [
  "index.ts",
  "Pulumi.yaml",
  "components",
  "config",
  "handler",
  "iam",
  "bootstrap",
  "local/harness",
  "model",
  "resource-types",
  "package-lock.json",
];

function files(root: string, entry: string): string[] {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [full];
  return fs
    .readdirSync(full, { withFileTypes: true })
    .flatMap((e) => files(root, path.join(entry, e.name)))
    .filter((f) => !f.includes(`${path.sep}node_modules${path.sep}`));
}

let sourcesHash: string | undefined;

/** The cache file of one evaluation: program, stack and configuration, and the sources as they are now. */
export function cacheFile(
  root: string,
  programDir: string,
  stack: string,
  config: Record<string, string>,
): string {
  if (!sourcesHash) {
    const hash = crypto.createHash("sha256");
    const all = SOURCES.flatMap((s) => files(root, s))
      .concat(
        fs
          .readdirSync(root)
          .filter((f) => /^Pulumi\..+\.yaml$/.test(f))
          .map((f) => path.join(root, f)),
      )
      .sort();
    for (const f of all) hash.update(f).update(fs.readFileSync(f));
    sourcesHash = hash.digest("hex").slice(0, 16);
  }
  const key = crypto
    .createHash("sha256")
    .update(JSON.stringify([programDir, stack, config]))
    .digest("hex")
    .slice(0, 16);
  return path.join(
    root,
    "node_modules",
    ".cache",
    "punkapi-consumer",
    "program-runs",
    `${sourcesHash}-${key}.json`,
  );
}

type Json = unknown;

async function write(value: unknown): Promise<Json> {
  if (value instanceof asset.AssetArchive) {
    const entries = await value.assets;
    const out: Record<string, Json> = {};
    for (const [name, entry] of Object.entries(entries)) out[name] = await write(entry);
    return { $archive: out };
  }
  if (value instanceof asset.StringAsset) return { $string: await value.text };
  if (value instanceof asset.FileArchive) {
    const where = await value.path;
    return { $fileArchive: where, $files: filesSignature(where) };
  }
  if (value instanceof asset.FileAsset) {
    const where = await value.path;
    return { $file: where, $files: filesSignature(where) };
  }
  if (Array.isArray(value)) return Promise.all(value.map(write));
  if (value !== null && typeof value === "object") {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await write(v);
    return out;
  }
  return value;
}

function read(value: Json): unknown {
  if (Array.isArray(value)) return value.map(read);
  if (value !== null && typeof value === "object") {
    const v = value as Record<string, Json>;
    if ("$archive" in v)
      return new asset.AssetArchive(
        Object.fromEntries(
          Object.entries(v.$archive as Record<string, Json>).map(([k, e]) => [k, read(e)]),
        ) as Record<string, asset.Asset | asset.Archive>,
      );
    if ("$string" in v) return new asset.StringAsset(String(v.$string));
    if ("$fileArchive" in v) return new asset.FileArchive(String(v.$fileArchive));
    if ("$file" in v) return new asset.FileAsset(String(v.$file));
    return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, read(e)]));
  }
  return value;
}

/**
 * What the files under a path are now: each file's relative path, size and modification time, or "missing".
 * An archive's folders (dist/handler, node_modules/...) are read where the run found them, so a cached run
 * holds only while they are as they were: dist/handler is rewritten when an evaluation of other sources
 * compiles it (a change tried, then undone), and the run kept for the undone sources must not ship that.
 */
function filesSignature(where: string): string {
  if (!fs.existsSync(where)) return "missing";
  const hash = crypto.createHash("sha256");
  const walk = (p: string) => {
    const stat = fs.statSync(p);
    if (stat.isDirectory()) for (const e of fs.readdirSync(p).sort()) walk(path.join(p, e));
    else hash.update(`${path.relative(where, p)} ${stat.size} ${stat.mtimeMs}\n`);
  };
  walk(where);
  return hash.digest("hex");
}

/** A cached run, if there is one whose files are all still there, unchanged. */
export function readCachedRun(file: string): ProgramRun | undefined {
  if (!fs.existsSync(file)) return undefined;
  const text = fs.readFileSync(file, "utf8");
  const json = JSON.parse(text) as Json;
  let current = true;
  const check = (value: Json): void => {
    if (Array.isArray(value)) value.forEach(check);
    else if (value !== null && typeof value === "object") {
      const v = value as Record<string, Json>;
      const where = v.$fileArchive ?? v.$file;
      if (typeof where === "string") current &&= v.$files === filesSignature(where);
      else Object.values(v).forEach(check);
    }
  };
  check(json);
  return current ? (read(json) as ProgramRun) : undefined;
}

export async function writeCachedRun(file: string, run: ProgramRun): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(await write(run)));
  fs.renameSync(temp, file);
}

/** The program evaluated now; ./run-program (and with it the Pulumi runtime) is loaded only for this. */
function evaluate(opts: RunProgramOptions): Promise<ProgramRun> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runProgram } = require("./run-program") as typeof import("./run-program");
  return runProgram(opts);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether the process that wrote this lock file has ended (its evaluation will never finish). */
function holderGone(lock: string): boolean {
  const pid = Number(fs.readFileSync(lock, "utf8"));
  if (!pid) return false; // being written
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * Evaluates once across processes: the first process to need a run takes `<file>.lock` and evaluates;
 * the others (parallel test workers, a second `npm start`) wait for its file instead of evaluating the
 * same program again. A lock whose process has ended is taken over; a failed evaluation writes no file,
 * so each waiter then evaluates and fails with its own error.
 */
async function evaluateOnce(file: string, opts: RunProgramOptions): Promise<ProgramRun> {
  const lock = `${file}.lock`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (;;) {
    const cached = readCachedRun(file);
    if (cached) return cached;
    let fd: number;
    try {
      fd = fs.openSync(lock, "wx");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (fs.existsSync(lock) && holderGone(lock)) fs.rmSync(lock, { force: true });
      else await sleep(50);
      continue;
    }
    try {
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      const fresh = await evaluate(opts);
      await writeCachedRun(file, fresh);
      return fresh;
    } finally {
      fs.rmSync(lock, { force: true });
    }
  }
}

const inProcess = new Map<string, Promise<ProgramRun>>();

/**
 * The program's run, from the cache or evaluated now (and kept). Evaluations in one process are chained:
 * the Pulumi mocks are process-wide, so two programs must not register at the same time.
 */
export function cachedRun(root: string, opts: RunProgramOptions): Promise<ProgramRun> {
  // Under mutation testing (npm run mutate) the source changes from one test run to the next while its
  // files stay the same: nothing may be kept, on disk or in the process.
  if (opts.program || process.env.PUNKAPI_PROGRAM_CACHE === "off") {
    // An inline program (a component on its own) is not kept: it is evaluated, after the others.
    const previous = [...inProcess.values()].pop() ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => evaluate(opts));
    inProcess.set(`inline-${inProcess.size}`, run);
    return run;
  }
  const file = cacheFile(root, opts.programDir, opts.stack, opts.config);
  if (!inProcess.has(file)) {
    const previous = [...inProcess.values()].pop() ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => evaluateOnce(file, opts));
    inProcess.set(file, run);
    // A failed evaluation is not remembered: the next caller evaluates again (and fails with its error).
    run.catch(() => inProcess.delete(file));
  }
  return inProcess.get(file)!;
}
