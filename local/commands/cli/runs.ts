/**
 * The runs an operator command works on (local/commands/cli/work-dir.ts has the layout): which stack, its
 * current and last failed runs, and a copy of a run to change, so a command that fails part-way leaves
 * the run it started from as it was.
 */
import fs from "fs";
import path from "path";
import { Refusal } from "./command";
import { latestStack, newRunFolder } from "./work-dir";
import type { LakeOnDisk } from "../../stand-ins/lake/layout";
import type { LocalRunSummary } from "../../runner/summary";

const shown = (dir: string) => path.relative(process.cwd(), dir) || ".";

/** The stack named, or the one that last ran well; refused when there is none. */
export function chosenStack(workDir: string, stack: string | undefined): string {
  const chosen = stack ?? latestStack(workDir);
  if (!chosen)
    throw new Refusal(
      `no lake yet in ${shown(workDir)}: run \`npm start\` first (with the same --work-dir), or name --stack.`,
    );
  return chosen;
}

/** A copy of a run's folder, as a new run of the stack: what the command changes. */
export function copyOfRun(workDir: string, stack: string, run: string | undefined): string {
  const folder = newRunFolder(workDir, stack);
  if (run) fs.cpSync(run, folder, { recursive: true });
  return folder;
}

/** The run's summary, and its lake with the lake's folder made absolute. */
export function runLake(runFolder: string): { summary: LocalRunSummary; lake: LakeOnDisk } {
  const file = path.join(runFolder, "summary.json");
  if (!fs.existsSync(file))
    throw new Refusal(`${shown(runFolder)} holds no run: ${shown(file)} does not exist`);
  const summary = JSON.parse(fs.readFileSync(file, "utf8")) as LocalRunSummary;
  return { summary, lake: { ...summary.lake, directory: path.resolve(runFolder, summary.lake.directory) } };
}
