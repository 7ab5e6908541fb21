/**
 * The function's environment, derived from the stack configuration. The handler reads it at cold start
 * (handler/config.ts); the tests parse it with the handler's own parser for every stack.
 */
import { ENV } from "../../handler/config";
import type { StackConfig } from "../../config/stack-config";

/** Time the handler leaves itself inside Lambda's timeout, to log and return before it is cut off. */
export const DEADLINE_MARGIN_MS = 2000;

export function functionEnvironment(config: StackConfig, streamName: string): Record<string, string> {
  const deadlineMs = config.functionTimeoutSeconds * 1000 - DEADLINE_MARGIN_MS;
  return {
    [ENV.streamName]: streamName,
    [ENV.sourceUrl]: config.sourceUrl,
    [ENV.contract]: config.sourceContract,
    [ENV.beersPerInvocation]: String(config.beersPerInvocation),
    [ENV.concurrency]: String(config.fetchConcurrency),
    [ENV.deadlineMs]: String(deadlineMs),
    // A request may take at most half the invocation, so a retry always fits.
    [ENV.requestTimeoutMs]: String(Math.min(5000, Math.floor(deadlineMs / 2))),
  };
}
