/**
 * Temporary folders of this process (laid-out artifacts, Parquet scratch space, the benchmark's
 * kinesalite store): made under the OS temp dir with the project's prefix, removed by their owner when
 * done, and in any case when the process exits, however it ends short of being killed.
 */
import fs from "fs";
import os from "os";
import path from "path";

const made = new Set<string>();

export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.add(dir);
  return dir;
}

export function removeTempDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  made.delete(dir);
}

process.on("exit", () => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});
