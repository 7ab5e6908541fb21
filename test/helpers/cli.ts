/** Runs one of the project's command-line entry points as a child process, as a user would. */
import { ChildProcessWithoutNullStreams, spawn } from "child_process";
import { ROOT } from "./program";

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts an entry point (TypeScript, through tsx) from the project's root, output piped. */
export function spawnCli(script: string, args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: ROOT,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  });
}

export function runCli(script: string, args: string[], timeoutMs = 90_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawnCli(script, args);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(
        new Error(`${script} ${args.join(" ")} did not end within ${timeoutMs} ms\n${stdout}\n${stderr}`),
      );
    }, timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
