/**
 * The runs an operator command works on (local/commands/cli/work-dir.ts has the layout): which stack, its
 * current and last failed runs, and a copy of a run to change, so a command that fails part-way leaves
 * the run it started from as it was.
 */
import fs from "fs";
import path from "path";
import { Refusal } from "./command";
import { currentRun, latestStack, newRunFolder } from "./work-dir";
import { readRunFolder } from "../../stand-ins/lake/layout";
import type { LocalRunSummary } from "../../runner/summary";

const shown = (dir: string) => path.relative(process.cwd(), dir) || ".";

/** The stack named, or the one that last ran well; refused when there is none. */
export function chosenStack(workDir: string, stack: string | undefined): string {
  const chosen = stack ?? latestStack(workDir);
  if (!chosen)
    throw new Refusal(
      `no lake yet in ${shown(workDir)}: run \`npm start\` first (with the same --work-dir).`,
    );
  return chosen;
}

/** The stack's current (last good) run; refused when the stack has none. */
export function currentRunOf(workDir: string, stack: string): string {
  const folder = currentRun(workDir, stack);
  if (!fs.existsSync(folder))
    throw new Refusal(
      `no lake yet for stack "${stack}" in ${shown(workDir)}: run \`npm start -- --stack ${stack}\` first.`,
    );
  return folder;
}

/** A copy of a run's folder, as a new run of the stack: what the command changes. */
export function copyOfRun(workDir: string, stack: string, run: string | undefined): string {
  const folder = newRunFolder(workDir, stack);
  if (run) fs.cpSync(run, folder, { recursive: true });
  return folder;
}

/** The run's summary, and its lake with the lake's folder made absolute. */
export const runLake = (runFolder: string) => readRunFolder<LocalRunSummary>(runFolder);
