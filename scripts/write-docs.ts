/**
 * `npm run docs`: writes the files generated from the code they describe: the configuration reference
 * (docs/configuration.md) and the project file (Pulumi.yaml: every key's type, default and description).
 * Through the commands' one CLI wrapper, so that it answers `--help` and exits like every other command.
 */
import fs from "fs";
import path from "path";
import { configurationReference } from "../config/reference";
import { projectFile } from "../config/project-file";
import { CommandSpec, EXIT, parseCommand, runCommand } from "../local/commands/cli/command";

const SPEC = {
  name: "npm run docs",
  summary: "writes docs/configuration.md and Pulumi.yaml from config/spec.ts and config/rules.ts",
  options: {},
} satisfies CommandSpec;

runCommand(SPEC, async () => {
  parseCommand(SPEC);
  const root = path.join(__dirname, "..");
  for (const [file, text] of [
    [path.join(root, "docs", "configuration.md"), configurationReference()],
    [path.join(root, "Pulumi.yaml"), projectFile()],
  ]) {
    fs.writeFileSync(file, text);
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
  return EXIT.ok;
});
