// Mocha as `npm run mutate` runs it (stryker.config.json): one process, no cache of program runs (the
// source changes from mutant to mutant), and the tests of the code mutated (handler/, config/,
// components/security/), in-process only: Stryker mutates the sources this process loads, not the archive
// a child process would run.
process.env.PUNKAPI_PROGRAM_CACHE = "off";

module.exports = {
  require: ["tsx/cjs", "test/setup.ts"],
  extension: ["ts"],
  timeout: 30000,
  spec: [
    "test/handler/*.test.ts",
    "test/handler/faults/in-process.*.test.ts",
    "test/config/*.test.ts",
    "test/model/*.test.ts",
    "test/local/render-prefix.test.ts",
    "test/components/security-roles.test.ts",
    "test/components/policies.test.ts",
    "test/docs.test.ts",
  ],
};
