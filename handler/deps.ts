/**
 * The invocation's dependencies built from a configuration: the clients, the rate budget, the retry
 * timing, the log, the clock. The entry builds them once per container; tests and the benchmark build them
 * the same way, with their own timing (and a clock they drive).
 */
import type { BackoffPolicy } from "./backoff";
import { Clock, systemClock } from "./clock";
import { createHttpClient, createKinesisClient } from "./clients";
import type { HandlerConfig } from "./config";
import type { IngestDeps } from "./ingest";
import { RateBudget } from "./rate-budget";

export type DepsConfig = Pick<
  HandlerConfig,
  | "sourceUrl"
  | "contract"
  | "stack"
  | "streamName"
  | "concurrency"
  | "requestTimeoutMs"
  | "maxAttempts"
  | "region"
  | "kinesisEndpoint"
  | "credentials"
  | "socketIdleMs"
  | "backoffBaseMs"
  | "backoffCapMs"
>;

export function buildDeps(
  config: DepsConfig,
  // Straight to stdout: Lambda's console prefixes each line with a timestamp, request id and level, and
  // the line must be the JSON object itself to be read as EMF.
  log: IngestDeps["log"] = (line) => process.stdout.write(`${JSON.stringify(line)}\n`),
  clock: Clock = systemClock,
): IngestDeps {
  const backoff: BackoffPolicy = { baseMs: config.backoffBaseMs, capMs: config.backoffCapMs };
  return {
    contract: config.contract,
    stack: config.stack,
    source: {
      http: createHttpClient(config, clock),
      budget: new RateBudget(),
      concurrency: config.concurrency,
      requestTimeoutMs: config.requestTimeoutMs,
      maxAttempts: config.maxAttempts,
      backoff,
      clock,
    },
    sink: { kinesis: createKinesisClient(config), streamName: config.streamName, backoff, clock },
    log,
    clock,
  };
}
