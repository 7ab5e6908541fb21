/**
 * The Lambda entry, shaped for Pulumi's closure serializer: `createHandler` is the CallbackFunction's
 * `callbackFactory`, run once per container. It reads the configuration (a bad value fails the cold start,
 * naming the variable) and builds the clients; the function it returns runs each invocation.
 */
import { parseConfig } from "./config";
import { buildDeps } from "./deps";
import { ingest, IngestSummary } from "./ingest";

/** What Lambda passes; only the remaining time is used, so the invocation ends before the function times out. */
export interface InvocationContext {
  getRemainingTimeInMillis?: () => number;
}

/** Time kept back from Lambda's own timeout for logging and returning. */
const SAFETY_MS = 1000;

export function createHandler(): (event: unknown, context?: InvocationContext) => Promise<IngestSummary> {
  const config = parseConfig(process.env);
  const deps = buildDeps(config);
  return async (_event, context) => {
    const lambdaLeft = context?.getRemainingTimeInMillis?.();
    const budgetMs =
      lambdaLeft === undefined ? config.deadlineMs : Math.min(config.deadlineMs, lambdaLeft - SAFETY_MS);
    return ingest(deps, config.beersPerInvocation, budgetMs);
  };
}
