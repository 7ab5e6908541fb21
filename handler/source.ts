/**
 * The Punk API source: N random beers per invocation with bounded concurrency, per-request timeouts,
 * retries with backoff and jitter on network errors, 5xx and 429, and a rate-limit budget it never overspends.
 */
import type { Got } from "got";
import { BackoffPolicy, backoffDelay, parseRetryAfter, sleep } from "./backoff";
import { RANDOM_PATH } from "./contract";
import { RateBudget } from "./rate-budget";

export interface SourceOptions {
  http: Got;
  budget: RateBudget;
  concurrency: number;
  requestTimeoutMs: number;
  maxAttempts: number;
  backoff: BackoffPolicy;
  random?: () => number;
}

export type StopReason = "rate-limit" | "deadline";

export interface FetchOutcome {
  /** Successful (2xx) responses, each handed to `onBody` as it arrived. */
  fetched: number;
  /** One reason per requested beer that could not be fetched. */
  failures: string[];
  retries: number;
  /** Why each retry was made, in order (a retry that then succeeded included). */
  retryReasons: string[];
  stoppedBy: StopReason | undefined;
}

type Attempt =
  | { kind: "ok"; body: Uint8Array }
  | { kind: "retry"; reason: string; waitAtLeastMs?: number }
  | { kind: "rate-limited"; reason: string; retryAfterMs: number | undefined }
  | { kind: "fail"; reason: string };

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

async function attemptOnce(opts: SourceOptions, timeoutMs: number): Promise<Attempt> {
  let response;
  try {
    response = await opts.http.get(RANDOM_PATH, {
      responseType: "buffer",
      throwHttpErrors: false,
      retry: 0,
      timeout: { request: timeoutMs },
    });
  } catch (error) {
    const e = error as { code?: string; name?: string; message?: string };
    return { kind: "retry", reason: `network: ${e.code ?? e.name ?? "error"} ${e.message ?? ""}`.trim() };
  }
  const now = Date.now();
  opts.budget.observe(
    {
      remaining: header(response.headers["x-ratelimit-remaining"]),
      reset: header(response.headers["x-ratelimit-reset"]),
    },
    now,
  );
  const status = response.statusCode;
  if (status >= 200 && status < 300) return { kind: "ok", body: response.body };
  const retryAfterMs = parseRetryAfter(header(response.headers["retry-after"]), now);
  if (status === 429) return { kind: "rate-limited", reason: "http 429 Too Many Requests", retryAfterMs };
  if (status >= 500) return { kind: "retry", reason: `http ${status}`, waitAtLeastMs: retryAfterMs };
  return { kind: "fail", reason: `http ${status}: ${response.body.toString("utf8").slice(0, 120)}` };
}

/**
 * Fetches `count` random beers before `deadline` (epoch ms), handing each 2xx body to `onBody` as it
 * arrives. Never throws: what could not be fetched is reported in `failures`, and the caller decides what
 * a partial result means.
 */
export async function fetchRandomBeers(
  opts: SourceOptions,
  count: number,
  deadline: number,
  onBody: (body: Uint8Array) => void,
): Promise<FetchOutcome> {
  const outcome: FetchOutcome = {
    fetched: 0,
    failures: [],
    retries: 0,
    retryReasons: [],
    stoppedBy: undefined,
  };
  const random = opts.random ?? Math.random;
  let next = 0;
  const judged: Promise<void>[] = [];
  const stop = (reason: StopReason) => {
    outcome.stoppedBy ??= reason;
  };

  async function fetchOne(): Promise<void> {
    let lastReason = "not attempted";
    for (let attempt = 0; attempt < opts.maxAttempts; attempt++) {
      const remainingMs = deadline - Date.now();
      if (remainingMs <= 0 || outcome.stoppedBy) {
        if (remainingMs <= 0) stop("deadline");
        outcome.failures.push(`${outcome.stoppedBy}: ${lastReason}`);
        return;
      }
      if (!opts.budget.tryAcquire(Date.now())) {
        // The budget is spent. Wait for it to come back if that happens before the deadline, else stop.
        const resetsAt = opts.budget.resetsAt;
        if (resetsAt !== undefined && resetsAt < deadline) {
          await sleep(resetsAt - Date.now() + Math.floor(random() * opts.backoff.baseMs));
          attempt--;
          continue;
        }
        stop("rate-limit");
        outcome.failures.push(
          "rate-limit: budget spent (X-RateLimit-Remaining), it comes back after the deadline",
        );
        return;
      }
      let result: Attempt;
      try {
        result = await attemptOnce(opts, Math.min(opts.requestTimeoutMs, remainingMs));
      } finally {
        opts.budget.release();
      }
      if (result.kind === "ok") {
        outcome.fetched++;
        // Judged on a later turn of the event loop, so this worker's next request goes out first.
        const body = result.body;
        judged.push(
          new Promise<void>((resolve, reject) =>
            setImmediate(() => {
              try {
                onBody(body);
                resolve();
              } catch (error) {
                reject(error);
              }
            }),
          ),
        );
        return;
      }
      if (result.kind === "fail") {
        outcome.failures.push(result.reason);
        return;
      }
      lastReason = result.reason;
      // A 429 empties the budget for every worker and for the next invocations, whatever this one does.
      if (result.kind === "rate-limited") opts.budget.exhausted(result.retryAfterMs, Date.now());
      if (attempt + 1 >= opts.maxAttempts) break;
      let waitMs = backoffDelay(attempt, opts.backoff, random);
      if (result.kind === "rate-limited") {
        if (result.retryAfterMs !== undefined) waitMs = Math.max(waitMs, result.retryAfterMs);
      } else if (result.waitAtLeastMs !== undefined) {
        waitMs = Math.max(waitMs, result.waitAtLeastMs);
      }
      if (Date.now() + waitMs >= deadline) {
        stop(result.kind === "rate-limited" ? "rate-limit" : "deadline");
        outcome.failures.push(`${outcome.stoppedBy}: ${lastReason}, next try would pass the deadline`);
        return;
      }
      outcome.retries++;
      outcome.retryReasons.push(`source: ${lastReason}`);
      await sleep(waitMs);
    }
    outcome.failures.push(`gave up after ${opts.maxAttempts} attempts: ${lastReason}`);
  }

  async function worker(): Promise<void> {
    while (next < count) {
      next++;
      await fetchOne();
    }
  }

  await Promise.all(Array.from({ length: Math.min(opts.concurrency, count) }, worker));
  await Promise.all(judged);
  return outcome;
}
