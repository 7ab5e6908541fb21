/**
 * The Lambda entry: `createHandler` runs once per container (the CallbackFunction's factory requires this
 * module from the archive, see components/ingest/handler-package.ts). It reads the configuration (a bad
 * value fails the cold start, naming the variable) and builds the clients; the function it returns runs
 * each invocation.
 */
import type { Clock } from "./clock";
import { parseConfig } from "./config";
import { buildDeps } from "./deps";
import { ingest, IngestDeps, IngestSummary } from "./ingest";
import { DEADLINE_MARGIN_MS } from "./settings";

/** What Lambda passes; only the remaining time is used, so the invocation ends before the function times out. */
export interface InvocationContext {
  getRemainingTimeInMillis?: () => number;
}

export type Handler = (event: unknown, context?: InvocationContext) => Promise<IngestSummary>;

export function createHandler(
  env: Record<string, string | undefined> = process.env,
  log?: IngestDeps["log"],
  clock?: Clock,
): Handler {
  const config = parseConfig(env);
  const deps = buildDeps(config, log, clock);
  return async (_event, context) => {
    const lambdaLeft = context?.getRemainingTimeInMillis?.();
    const budgetMs =
      lambdaLeft === undefined
        ? config.deadlineMs
        : Math.min(config.deadlineMs, lambdaLeft - DEADLINE_MARGIN_MS);
    const request =
      config.mode === "catalogue"
        ? ({ mode: "catalogue" } as const)
        : ({ mode: "random", beers: config.beersPerInvocation } as const);
    return ingest(deps, request, budgetMs);
  };
}
