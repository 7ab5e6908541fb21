// Preloaded in Stryker's processes (scripts/mutate.ts, stryker.config.json testRunnerNodeArgs). The mocha
// runner (@stryker-mutator/mocha-runner 10.0.0) requires mocha's `lib/cli/run-helpers` without an
// extension, but mocha 12 ships it as `run-helpers.cjs`; letting extensionless requires find `.cjs` files
// (Node's private extension table, the only way to say so for a require we do not write) is enough.
/* eslint-disable typescript/no-require-imports, no-underscore-dangle */
const Module = require("module");
Module._extensions[".cjs"] ??= Module._extensions[".js"];
