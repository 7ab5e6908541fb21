/**
 * The project's own commands: every npm script that runs one of its entry points (`node -r tsx/cjs <file>`),
 * by script name. Read from package.json, so that a command added there is held to what every command
 * does (test/local/cli.test.ts) and to what the README says of them (test/docs/claims.test.ts).
 */
import fs from "fs";
import path from "path";
import { ROOT } from "./program";

export function projectCommands(): Record<string, string> {
  const { scripts } = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  const out: Record<string, string> = {};
  for (const [name, line] of Object.entries(scripts)) {
    const entry = /^node -r tsx\/cjs (\S+)$/.exec(line);
    if (entry) out[name] = entry[1];
  }
  return out;
}

/** How a user types a script: `npm start`, `npm test`, or `npm run <name>`. */
export function npmCommand(script: string): string {
  return ["start", "test"].includes(script) ? `npm ${script}` : `npm run ${script}`;
}
