// Mocha runs the test files over three workers (on two cores a fourth loads the same modules once more for
// no gain in overlapped waits), in the order given here. The files that run whole stacks, the CLIs or the
// packaged function for many seconds go first, so that none of them starts last and ends the run alone;
// the rest follow by name. Mocha adds the files named on its command line to a configured
// list, so the list is given only when none is named: `npx mocha test/docs.test.ts` runs that file alone.
/* eslint-disable typescript/no-require-imports -- Mocha reads its configuration as CommonJS */
const fs = require("fs");
const path = require("path");

const LONGEST_FIRST = [
  "test/local/start.test.ts",
  "test/handler/faults/artifact.source.test.ts",
  "test/handler/faults/artifact.budget.test.ts",
  "test/handler/faults/in-process.budget.test.ts",
  "test/local/redrive.test.ts",
  "test/local/cli.test.ts",
  "test/local/quality.test.ts",
  "test/local/alarms.test.ts",
  "test/local/catalogue.test.ts",
];

const all = fs
  .readdirSync("test", { recursive: true })
  .filter((f) => f.endsWith(".test.ts"))
  .map((f) => path.join("test", f))
  .sort();
for (const f of LONGEST_FIRST) if (!all.includes(f)) throw new Error(`.mocharc.cjs: no test file ${f}`);

module.exports = {
  require: ["tsx/cjs", "test/setup.ts"],
  extension: ["ts"],
  timeout: 20000,
  exit: true,
  parallel: true,
  jobs: 3,
  // A left-over `.only` or `.skip` would pass the suite while running less of it.
  forbidOnly: true,
  forbidPending: true,
};
const named = process.argv.slice(2).some((a) => a.endsWith(".ts"));
if (!named) module.exports.spec = [...LONGEST_FIRST, ...all.filter((f) => !LONGEST_FIRST.includes(f))];
