/**
 * A function's code archive laid out on disk exactly as Lambda would unpack it: `__index.js` (the
 * serialized closure), the compiled handler and the `node_modules/<package>` folders Pulumi chose to ship.
 * The directory is outside the project, so Node cannot quietly fall back on the project's node_modules.
 */
import fs from "fs";
import path from "path";
import type * as asset from "@pulumi/pulumi/asset";
import { tempDir } from "../../support/temp-dirs";

export type ArchiveEntries = Record<string, asset.Asset | asset.Archive>;

/** Writes the archive's entries under a new temporary directory and returns it (see ../../support/temp-dirs.ts). */
export async function layOutArchive(entries: ArchiveEntries, prefix = "punkapi-lambda-"): Promise<string> {
  const dir = tempDir(prefix);
  for (const [name, entry] of Object.entries(entries)) {
    const target = path.join(dir, name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    // A StringAsset has text; a FileAsset or FileArchive (a package folder) has a path.
    const content = entry as { text?: Promise<string>; path?: Promise<string> };
    if (content.text !== undefined) {
      fs.writeFileSync(target, await content.text);
    } else if (content.path !== undefined) {
      fs.cpSync(await content.path, target, { recursive: true, dereference: true });
    } else {
      throw new Error(`archive entry ${name}: unsupported asset kind`);
    }
  }
  return dir;
}

/** Node's lookup of a package folder (node_modules up the tree), without `exports`, which may hide package.json. */
function findPackageDir(name: string, from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if (fs.existsSync(path.join(candidate, "package.json"))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`package ${name} not found from ${from}`);
  }
}

/**
 * A directory standing in for the Lambda runtime's own node_modules: the AWS SDK v3 (the Kinesis client
 * and everything it depends on, found by walking package.json files), linked from this project's install.
 * It lives in node_modules/.cache (made once, reused, never in the OS temp dir); it is built under a
 * temporary name and renamed into place, so processes building it at once all end with the same folder.
 */
export function runtimeSdkNodePath(root = "@aws-sdk/client-kinesis", projectDir = process.cwd()): string {
  const target = path.join(projectDir, "node_modules", ".cache", "punkapi-consumer", "lambda-runtime");
  const modules = path.join(target, "node_modules");
  if (fs.existsSync(path.join(modules, root, "package.json"))) return modules;
  const seen = new Map<string, string>();
  const visit = (name: string, from: string) => {
    if (seen.has(name)) return;
    const pkgDir = findPackageDir(name, from);
    seen.set(name, pkgDir);
    const deps = (
      JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8")) as {
        dependencies?: Record<string, string>;
      }
    ).dependencies;
    for (const dep of Object.keys(deps ?? {})) visit(dep, pkgDir);
  };
  visit(root, projectDir);
  const building = `${target}.${process.pid}.tmp`;
  fs.rmSync(building, { recursive: true, force: true });
  for (const [name, pkgDir] of seen) {
    const link = path.join(building, "node_modules", name);
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(pkgDir, link, "dir");
  }
  try {
    fs.renameSync(building, target);
  } catch {
    // Another process put it in place first: theirs is the same.
    fs.rmSync(building, { recursive: true, force: true });
  }
  return modules;
}
