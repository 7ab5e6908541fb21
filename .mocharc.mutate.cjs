// Mocha as `npm run mutate` runs it (stryker.config.json): one process, no cache of program runs (the
// source changes from mutant to mutant), in-process tests only: Stryker mutates the sources this process
// loads, not the archive a child process would run. The test files are each part's own
// (scripts/mutation/parts.ts), given to the runner as its `spec`.
process.env.PUNKAPI_PROGRAM_CACHE = "off";

module.exports = {
  require: ["tsx/cjs", "test/setup.ts"],
  extension: ["ts"],
  timeout: 30000,
};
