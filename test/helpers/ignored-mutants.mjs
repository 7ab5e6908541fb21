// Which mutants Stryker's own instrumenter marks as ignored, and why: the files come as JSON
// ([{ name, content }]) on stdin, the ignored mutants go as JSON to stdout. A separate program because the
// instrumenter (StrykerJS 10) needs Node 22 and is ESM-only; the tests run it on the local Lambda Node.
// Run with Stryker's default mutators, as stryker.config.json does (it excludes none).
import { Instrumenter } from "@stryker-mutator/instrumenter";

const quiet = () => undefined;
const logger = {
  ...Object.fromEntries(["trace", "debug", "info", "warn", "error", "fatal"].map((l) => [l, quiet])),
  ...Object.fromEntries(
    ["Trace", "Debug", "Info", "Warn", "Error", "Fatal"].map((l) => [`is${l}Enabled`, () => false]),
  ),
};

let input = "";
for await (const chunk of process.stdin) input += chunk;
const files = JSON.parse(input).map((f) => ({ ...f, mutate: true }));
const { mutants } = await new Instrumenter(logger).instrument(files, {
  plugins: null,
  ignorers: [],
  excludedMutations: [],
});
const ignored = mutants
  .filter((m) => m.status === "Ignored")
  .map((m) => ({
    fileName: m.fileName,
    // Stryker's locations are 0-based lines.
    line: m.location.start.line + 1,
    mutatorName: m.mutatorName,
    replacement: m.replacement,
    reason: m.statusReason,
  }));
process.stdout.write(JSON.stringify(ignored));
