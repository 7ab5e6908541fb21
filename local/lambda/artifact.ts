/**
 * A function's code archive laid out on disk exactly as Lambda would unpack it: `__index.js` (the
 * serialized closure) and the `node_modules/<package>` folders Pulumi chose to ship. The directory is
 * outside the project, so Node cannot quietly fall back on the project's node_modules.
 */
import fs from "fs";
import os from "os";
import path from "path";
import * as pulumi from "@pulumi/pulumi";

export type ArchiveEntries = Record<string, pulumi.asset.Asset | pulumi.asset.Archive>;

/** Writes the archive's entries under a new temporary directory and returns it. */
export async function layOutArchive(entries: ArchiveEntries, prefix = "punkapi-lambda-"): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const [name, entry] of Object.entries(entries)) {
    const target = path.join(dir, name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const asset = entry as { text?: Promise<string>; path?: Promise<string> };
    if (entry instanceof pulumi.asset.StringAsset || asset.text !== undefined) {
      fs.writeFileSync(target, await asset.text!);
    } else if (asset.path !== undefined) {
      fs.cpSync(await asset.path, target, { recursive: true, dereference: true });
    } else {
      throw new Error(`archive entry ${name}: unsupported asset kind`);
    }
  }
  return dir;
}

/** The archive Pulumi's CallbackFunction would build for a factory, without a Pulumi engine. */
export async function archiveFor(
  factory: () => unknown,
  extraExcludePackages: string[],
): Promise<ArchiveEntries> {
  const closure = await pulumi.runtime.serializeFunction(factory, {
    exportName: "handler",
    isFactoryFunction: true,
  });
  const packages = await pulumi.runtime.computeCodePaths({ extraExcludePackages });
  return { "__index.js": new pulumi.asset.StringAsset(closure.text), ...Object.fromEntries(packages) };
}

let sdkDir: string | undefined;

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
 */
export function runtimeSdkNodePath(root = "@aws-sdk/client-kinesis"): string {
  if (sdkDir) return sdkDir;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "punkapi-lambda-runtime-"));
  const modules = path.join(dir, "node_modules");
  const seen = new Map<string, string>();
  const visit = (name: string, from: string) => {
    if (seen.has(name)) return;
    const pkgDir = findPackageDir(name, from);
    const manifest = path.join(pkgDir, "package.json");
    seen.set(name, pkgDir);
    const deps = (JSON.parse(fs.readFileSync(manifest, "utf8")) as { dependencies?: Record<string, string> })
      .dependencies;
    for (const dep of Object.keys(deps ?? {})) visit(dep, pkgDir);
  };
  visit(root, process.cwd());
  for (const [name, pkgDir] of seen) {
    const link = path.join(modules, name);
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(pkgDir, link, "dir");
  }
  sdkDir = modules;
  return modules;
}
