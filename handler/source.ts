/**
 * The Punk API source: N random beers per invocation with bounded concurrency, or the whole catalogue page
 * by page; per-request timeouts, retries with backoff and jitter on network errors, 5xx and 429, and a
 * rate-limit budget it never overspends, the same for both.
 */
import type { Got } from "got";
import { BackoffPolicy, backoffDelay, parseRetryAfter } from "./backoff";
import { Clock, systemClock } from "./clock";
import { CATALOGUE_PATH, PAGE_SIZE, RANDOM_PATH } from "./contract";
import { RateBudget } from "./rate-budget";

export interface SourceOptions {
  http: Got;
  budget: RateBudget;
  concurrency: number;
  requestTimeoutMs: number;
  maxAttempts: number;
  backoff: BackoffPolicy;
  random?: () => number;
  /** The time it reads and waits by: the system's unless a test drives it. */
  clock?: Clock;
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

/** One GET of the API: a path relative to the base URL, and its query. */
export interface SourceRequest {
  path: string;
  searchParams?: Record<string, string | number>;
}

async function attemptOnce(opts: SourceOptions, request: SourceRequest, timeoutMs: number): Promise<Attempt> {
  let response;
  try {
    response = await opts.http.get(request.path, {
      searchParams: request.searchParams,
      responseType: "buffer",
      throwHttpErrors: false,
      retry: 0,
      timeout: { request: timeoutMs },
    });
  } catch (error) {
    const e = error as { code?: string; name?: string; message?: string };
    return { kind: "retry", reason: `network: ${e.code ?? e.name ?? "error"} ${e.message ?? ""}`.trim() };
  }
  const now = (opts.clock ?? systemClock).now();
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

type Fetched = { ok: true; body: Uint8Array } | { ok: false; reason: string };

/**
 * One request with its retries, under the budget and before the deadline: the 2xx body, or why there is
 * none. Retries and a stop (rate limit, deadline) are counted in `outcome`.
 */
async function fetchWithRetries(
  opts: SourceOptions,
  request: SourceRequest,
  deadline: number,
  outcome: FetchOutcome,
): Promise<Fetched> {
  const random = opts.random ?? Math.random;
  const clock = opts.clock ?? systemClock;
  const stop = (reason: StopReason) => {
    outcome.stoppedBy ??= reason;
  };
  let lastReason = "not attempted";
  for (let attempt = 0; attempt < opts.maxAttempts; attempt++) {
    const remainingMs = deadline - clock.now();
    if (remainingMs <= 0 || outcome.stoppedBy) {
      if (remainingMs <= 0) stop("deadline");
      return { ok: false, reason: `${outcome.stoppedBy}: ${lastReason}` };
    }
    if (!opts.budget.tryAcquire(clock.now())) {
      // The budget is spent. Wait for it to come back if that happens before the deadline, else stop.
      const resetsAt = opts.budget.resetsAt;
      if (resetsAt !== undefined && resetsAt < deadline) {
        await clock.sleep(resetsAt - clock.now() + Math.floor(random() * opts.backoff.baseMs));
        attempt--;
        continue;
      }
      stop("rate-limit");
      return {
        ok: false,
        reason: "rate-limit: budget spent (X-RateLimit-Remaining), it comes back after the deadline",
      };
    }
    let result: Attempt;
    try {
      result = await attemptOnce(opts, request, Math.min(opts.requestTimeoutMs, remainingMs));
    } finally {
      opts.budget.release();
    }
    if (result.kind === "ok") return { ok: true, body: result.body };
    if (result.kind === "fail") return { ok: false, reason: result.reason };
    lastReason = result.reason;
    // A 429 empties the budget for every worker and for the next invocations, whatever this one does.
    if (result.kind === "rate-limited") opts.budget.exhausted(result.retryAfterMs, clock.now());
    if (attempt + 1 >= opts.maxAttempts) break;
    let waitMs = backoffDelay(attempt, opts.backoff, random);
    if (result.kind === "rate-limited") {
      if (result.retryAfterMs !== undefined) waitMs = Math.max(waitMs, result.retryAfterMs);
    } else if (result.waitAtLeastMs !== undefined) {
      waitMs = Math.max(waitMs, result.waitAtLeastMs);
    }
    if (clock.now() + waitMs >= deadline) {
      stop(result.kind === "rate-limited" ? "rate-limit" : "deadline");
      return { ok: false, reason: `${outcome.stoppedBy}: ${lastReason}, next try would pass the deadline` };
    }
    outcome.retries++;
    outcome.retryReasons.push(`source: ${lastReason}`);
    await clock.sleep(waitMs);
  }
  return { ok: false, reason: `gave up after ${opts.maxAttempts} attempts: ${lastReason}` };
}

const newOutcome = (): FetchOutcome => ({
  fetched: 0,
  failures: [],
  retries: 0,
  retryReasons: [],
  stoppedBy: undefined,
});

/** Hands a body to `onBody` on a later turn of the event loop, so the worker's next request goes out first. */
function judgeLater(body: Uint8Array, onBody: (body: Uint8Array) => void): Promise<void> {
  return new Promise<void>((resolve, reject) =>
    setImmediate(() => {
      try {
        onBody(body);
        resolve();
      } catch (error) {
        reject(error);
      }
    }),
  );
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
  const outcome = newOutcome();
  let next = 0;
  const judged: Promise<void>[] = [];
  async function worker(): Promise<void> {
    while (next < count) {
      next++;
      const result = await fetchWithRetries(opts, { path: RANDOM_PATH }, deadline, outcome);
      if (result.ok) {
        outcome.fetched++;
        judged.push(judgeLater(result.body, onBody));
      } else outcome.failures.push(result.reason);
    }
  }
  await Promise.all(Array.from({ length: Math.min(opts.concurrency, count) }, worker));
  await Promise.all(judged);
  return outcome;
}

/** What a catalogue page held: its beers' count, or why it is not a page. */
export type PageVerdict = { ok: true; items: number } | { ok: false; reason: string };

/**
 * A catalogue snapshot: `GET beers?page=N&per_page=80` from page 1 until a page holds fewer than 80 beers
 * (an empty page included), one page at a time (the count of pages is unknown until the end), each handed
 * to `onPage`. The first page that cannot be fetched, or is not a page, ends the snapshot: it is reported
 * in `failures` naming the page, and the caller fails the invocation. `fetched` counts the pages received.
 * `maxPages` bounds a server that ignores `page` and repeats a full page for ever.
 */
export async function fetchCatalogue(
  opts: SourceOptions,
  deadline: number,
  onPage: (body: Uint8Array, page: number) => PageVerdict,
  maxPages = 1000,
): Promise<FetchOutcome & { complete: boolean }> {
  const outcome = newOutcome();
  for (let page = 1; page <= maxPages; page++) {
    const request = { path: CATALOGUE_PATH, searchParams: { page, per_page: PAGE_SIZE } };
    const result = await fetchWithRetries(opts, request, deadline, outcome);
    if (!result.ok) {
      outcome.failures.push(`page ${page}: ${result.reason}`);
      return { ...outcome, complete: false };
    }
    outcome.fetched++;
    const verdict = onPage(result.body, page);
    if (!verdict.ok) {
      outcome.failures.push(`page ${page}: ${verdict.reason}`);
      return { ...outcome, complete: false };
    }
    if (verdict.items < PAGE_SIZE) return { ...outcome, complete: true };
  }
  outcome.failures.push(
    `page ${maxPages + 1}: still full pages after ${maxPages}; the API may ignore "page"`,
  );
  return { ...outcome, complete: false };
}
