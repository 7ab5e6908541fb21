/**
 * `npm run docs`: writes the generated documentation (docs/configuration.md) from the code it describes.
 * Through the commands' one CLI wrapper, so that it answers `--help` and exits like every other command.
 */
import fs from "fs";
import path from "path";
import { configurationReference } from "../config/reference";
import { CommandSpec, EXIT, parseCommand, runCommand } from "../local/cli/command";

const SPEC = {
  name: "npm run docs",
  summary: "writes docs/configuration.md from config/spec.ts and config/rules.ts",
  options: {},
} satisfies CommandSpec;

runCommand(SPEC, async () => {
  parseCommand(SPEC);
  const file = path.join(__dirname, "..", "docs", "configuration.md");
  fs.writeFileSync(file, configurationReference());
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
  return EXIT.ok;
});
