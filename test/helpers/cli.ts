/** Runs one of the project's command-line entry points as a child process, as a user would. */
import { ChildProcessWithoutNullStreams, spawn } from "child_process";
import path from "path";
import { ROOT } from "./program";

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Starts an entry point as its npm script does (`node -r tsx/cjs <script>`), from the project's root unless
 * told otherwise, output piped. tsx's hook by its own path: a command run from another folder must find it.
 */
const TSX_CJS = require.resolve("tsx/cjs", { paths: [ROOT] });

export function spawnCli(script: string, args: string[], cwd = ROOT): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ["-r", TSX_CJS, path.resolve(ROOT, script), ...args], {
    cwd,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  });
}

export function runCli(script: string, args: string[], timeoutMs = 90_000, cwd = ROOT): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawnCli(script, args, cwd);
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
