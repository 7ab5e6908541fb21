/**
 * Runs a function artifact the way Lambda does, as far as a process can: the archive laid out in a
 * directory outside the project, the runtime's AWS SDK on NODE_PATH, the function's environment, a heap
 * capped at its memory size, and its timeout enforced by killing the process, as Lambda ends a container.
 */
import { ChildProcess, fork } from "child_process";
import path from "path";
import { systemTimers, Timers } from "../../support/timers";

export interface LambdaProcessOptions {
  /** The laid-out artifact (see artifact.ts). */
  dir: string;
  /** "<file>.<export>", as in the function's `handler` property. */
  handler: string;
  env: Record<string, string>;
  /** Directories standing in for the runtime's own modules (the AWS SDK v3). */
  nodePath: string[];
  memoryMb?: number;
  timeoutMs: number;
  /** The Node.js binary that runs it (the runtime's major version, see runtime.ts); this one by default. */
  nodeExecutable?: string;
  onOutput?: (line: string, stream: "stdout" | "stderr") => void;
  /**
   * The timers that end an invocation at its timeout and measure its duration: the system's unless a test
   * drives them. The deadline the function reads (getRemainingTimeInMillis) is on the real clock it shares.
   */
  timers?: Timers;
}

export type InvokeResult =
  | { ok: true; result: unknown; durationMs: number }
  | { ok: false; error: { name: string; message: string }; durationMs: number; timedOut: boolean };

export class LambdaProcess {
  private child: ChildProcess | undefined;
  private next = 0;
  private readonly pending = new Map<number, (r: InvokeResult) => void>();

  constructor(private readonly opts: LambdaProcessOptions) {}

  /** The cold start: loads the module; rejects with the init error (a bad environment, a missing package). */
  async start(): Promise<void> {
    const { opts } = this;
    const child = fork(path.join(__dirname, "bootstrap.js"), [opts.dir, opts.handler], {
      cwd: opts.dir,
      // Only what the function was given, plus what the runtime itself sets; nothing of this shell.
      env: {
        ...opts.env,
        NODE_PATH: opts.nodePath.join(path.delimiter),
        PATH: process.env.PATH ?? "",
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      },
      execPath: opts.nodeExecutable ?? process.execPath,
      execArgv: opts.memoryMb ? [`--max-old-space-size=${opts.memoryMb}`] : [],
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    this.child = child;
    for (const stream of ["stdout", "stderr"] as const) {
      let buffer = "";
      child[stream]?.on("data", (chunk: Buffer) => {
        buffer += chunk.toString("utf8");
        const lines = buffer.split("\n");
        buffer = lines.pop() ?? "";
        for (const line of lines) opts.onOutput?.(line, stream);
      });
    }
    child.on("exit", () => {
      for (const [id, resolve] of this.pending) {
        this.pending.delete(id);
        resolve({
          ok: false,
          error: { name: "Runtime.Exit", message: "the function process exited" },
          durationMs: 0,
          timedOut: false,
        });
      }
      if (this.child === child) this.child = undefined;
    });
    await new Promise<void>((resolve, reject) => {
      child.once("message", (m: { type: string; error?: { name: string; message: string } }) => {
        if (m.type === "ready") resolve();
        else reject(new Error(`init error: ${m.error?.name}: ${m.error?.message}`));
      });
      child.once("exit", (code) =>
        reject(new Error(`the function process exited during init (code ${code})`)),
      );
    });
    child.on("message", (m: { type: string; id: number } & InvokeResult) => {
      if (m.type !== "result") return;
      const resolve = this.pending.get(m.id);
      this.pending.delete(m.id);
      resolve?.(m);
    });
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  /** One invocation. On timeout the process is killed, as Lambda ends the container; the next call restarts it. */
  async invoke(event: unknown): Promise<InvokeResult> {
    if (!this.child) {
      const started = Date.now();
      try {
        await this.start();
      } catch (error) {
        // As Lambda reports a function that cannot start: the invocation fails, the caller decides.
        return {
          ok: false,
          error: { name: "Runtime.InitError", message: (error as Error).message },
          durationMs: Date.now() - started,
          timedOut: false,
        };
      }
    }
    const child = this.child!;
    const id = ++this.next;
    const timers = this.opts.timers ?? systemTimers;
    const start = timers.now();
    const deadline = Date.now() + this.opts.timeoutMs;
    return new Promise<InvokeResult>((resolve) => {
      const timer = timers.setTimeout(() => {
        this.pending.delete(id);
        child.kill("SIGKILL");
        resolve({
          ok: false,
          error: { name: "Sandbox.Timedout", message: `Task timed out after ${this.opts.timeoutMs} ms` },
          durationMs: timers.now() - start,
          timedOut: true,
        });
      }, this.opts.timeoutMs);
      this.pending.set(id, (r) => {
        timers.clearTimeout(timer);
        resolve({ ...r, durationMs: timers.now() - start } as InvokeResult);
      });
      child.send({ id, event, deadline });
    });
  }

  async close(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  }
}
