/**
 * A work directory's layout, and the rules that keep its lakes safe:
 *
 *   <work-dir>/run.lock              the process running now (one run per work directory)
 *   <work-dir>/latest                the stack of the last run that ended well (`npm run query`'s default)
 *   <work-dir>/<stack>/current/      the last good run: lake/, logs/, queues/, summary.json
 *   <work-dir>/<stack>/runs/<id>/    a run in progress
 *   <work-dir>/<stack>/last-failed/  the last run that failed or was interrupted, kept to look at
 *
 * A run writes only into its own folder; it replaces `current` when it ends well, so a failed or interrupted
 * run never destroys the last good lake. Paths in a summary are relative to its run folder, so a work
 * directory can be moved or copied.
 */
import fs from "fs";
import path from "path";
import { Refusal } from "./command";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the work directory for this process; returns the release. A lock left by a dead process is taken over. */
export function lockWorkDir(workDir: string, what: string): () => void {
  const lock = path.join(workDir, "run.lock");
  for (;;) {
    try {
      fs.writeFileSync(lock, JSON.stringify({ pid: process.pid, what, since: new Date().toISOString() }), {
        flag: "wx",
      });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      let holder: { pid: number; what: string; since: string } | undefined;
      try {
        holder = JSON.parse(fs.readFileSync(lock, "utf8"));
      } catch {
        holder = undefined; // being written, or unreadable: treat as held
      }
      if (holder && !alive(holder.pid)) {
        fs.rmSync(lock, { force: true });
        continue;
      }
      throw new Refusal(
        `${workDir} is in use by ${holder ? `process ${holder.pid} (${holder.what}, since ${holder.since})` : "another run"}: one run per work directory. Wait for it, stop it, or use another --work-dir.`,
      );
    }
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    fs.rmSync(lock, { force: true });
  };
}

export const stackDir = (workDir: string, stack: string) => path.join(workDir, stack);
export const currentRun = (workDir: string, stack: string) => path.join(workDir, stack, "current");
export const lastFailedRun = (workDir: string, stack: string) => path.join(workDir, stack, "last-failed");

/** A fresh folder for a run of the stack. */
export function newRunFolder(workDir: string, stack: string): string {
  const id = `${new Date().toISOString().replace(/[:.]/g, "-")}-${process.pid}`;
  const dir = path.join(workDir, stack, "runs", id);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Moves a folder to `target`, replacing what is there only once the new one is in place. */
function replace(folder: string, target: string): void {
  const old = `${target}.old-${process.pid}`;
  if (fs.existsSync(target)) fs.renameSync(target, old);
  fs.renameSync(folder, target);
  fs.rmSync(old, { recursive: true, force: true });
}

/** The run ended well: it becomes the stack's current run, and the stack the work directory's latest. */
export function promote(workDir: string, stack: string, runFolder: string): string {
  const target = currentRun(workDir, stack);
  replace(runFolder, target);
  fs.writeFileSync(path.join(workDir, "latest"), `${stack}\n`);
  fs.rmSync(path.join(workDir, stack, "runs"), { recursive: true, force: true });
  return target;
}

/** The run failed or was interrupted: kept as the stack's last failed run; `current` is untouched. */
export function keepFailed(workDir: string, stack: string, runFolder: string): string {
  const target = lastFailedRun(workDir, stack);
  replace(runFolder, target);
  fs.rmSync(path.join(workDir, stack, "runs"), { recursive: true, force: true });
  return target;
}

/** The stack `npm run query` reads when none is named: the last one that ran well. */
export function latestStack(workDir: string): string | undefined {
  const file = path.join(workDir, "latest");
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim() || undefined : undefined;
}
