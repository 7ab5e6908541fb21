/**
 * The function's environment, from its knobs, in the variables the handler declares (handler/settings.ts)
 * and reads at cold start (handler/config.ts); the tests parse it with the handler's own parser for every
 * stack.
 */
import type { Contract, IngestMode } from "../../handler/contract";
import { DEADLINE_MARGIN_MS, ENV, SETTINGS } from "../../handler/settings";

export interface FunctionSettings {
  /** The Pulumi stack: the dimension of the function's metrics. */
  stack: string;
  streamName: string;
  sourceUrl: string;
  sourceContract: Contract;
  ingestMode: IngestMode;
  beersPerInvocation: number;
  fetchConcurrency: number;
  timeoutSeconds: number;
}

export function functionEnvironment(s: FunctionSettings): Record<string, string> {
  const deadlineMs = s.timeoutSeconds * 1000 - DEADLINE_MARGIN_MS;
  return {
    [ENV.stack]: s.stack,
    [ENV.streamName]: s.streamName,
    [ENV.sourceUrl]: s.sourceUrl,
    [ENV.contract]: s.sourceContract,
    [ENV.mode]: s.ingestMode,
    [ENV.beersPerInvocation]: String(s.beersPerInvocation),
    [ENV.concurrency]: String(s.fetchConcurrency),
    [ENV.deadlineMs]: String(deadlineMs),
    // The handler's default request timeout, or half the invocation if that is shorter, so a retry always fits.
    [ENV.requestTimeoutMs]: String(Math.min(SETTINGS.requestTimeoutMs.default, Math.floor(deadlineMs / 2))),
  };
}
