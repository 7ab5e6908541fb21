/**
 * The function's environment, from its knobs. The handler reads it at cold start (handler/config.ts);
 * the tests parse it with the handler's own parser for every stack.
 */
import { ENV } from "../../handler/config";
import type { Contract, IngestMode } from "../../handler/contract";

/** Time the handler leaves itself inside Lambda's timeout, to log and return before it is cut off. */
export const DEADLINE_MARGIN_MS = 2000;

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
    // A request may take at most half the invocation, so a retry always fits.
    [ENV.requestTimeoutMs]: String(Math.min(5000, Math.floor(deadlineMs / 2))),
  };
}
