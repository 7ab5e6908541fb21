#!/usr/bin/env node
// `npm run lint:format`: the formatter's check over the files git tracks, so what a user keeps in the
// checkout (a --work-dir lake, a stack file of their own) is theirs, not the project's. Without git (an
// unpacked tarball, say) it checks the whole folder, less what .oxfmtrc.json ignores. Exit 0 formatted,
// 1 not. oxfmt (Prettier's output, written in Rust) checks the tree in under a second where Prettier took
// nine seconds of CPU, a sixth of `npm test`'s budget.
import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

// The package exports no bin path; it sits in the project's node_modules, wherever the check runs from.
const oxfmt = fileURLToPath(new URL("../node_modules/oxfmt/bin/oxfmt", import.meta.url));

function trackedFiles() {
  try {
    return execFileSync("git", ["ls-files", "-z"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })
      .split("\0")
      .filter(Boolean);
  } catch {
    return undefined;
  }
}

const files = trackedFiles();
const args = ["--check", "--no-error-on-unmatched-pattern", ...(files ?? ["."])];
const result = spawnSync(process.execPath, [oxfmt, ...args], { stdio: "inherit" });
process.exit(result.status ?? 1);
