/**
 * The source's rate-limit budget, as the API last reported it (X-RateLimit-Remaining / -Reset, or a 429's
 * Retry-After). It lives as long as the container, so a warm invocation does not spend a budget that an
 * earlier one already used up. Requests in flight are reserved against it, so concurrent workers never
 * spend more than what is left.
 */
export class RateBudget {
  private remaining: number | undefined;
  private resetAt: number | undefined;
  private inFlight = 0;

  /** Reserve one request; false when the known budget is spent. */
  tryAcquire(now: number): boolean {
    // An unknown reset never comes; written without a separate `!== undefined` test, whose mutant to
    // `true` would be equivalent (`now >= undefined` is false) and hide the real ones on the same line.
    if (now >= (this.resetAt ?? Infinity)) {
      this.remaining = undefined;
      this.resetAt = undefined;
    }
    // An unknown budget is unlimited (same reason as above for not testing `!== undefined`).
    if ((this.remaining ?? Infinity) - this.inFlight <= 0) return false;
    this.inFlight++;
    return true;
  }

  release(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
  }

  /** Record what a response said. Headers are per request, so the smallest recent value wins within a window. */
  observe(headers: { remaining?: string; reset?: string }, now: number): void {
    // A missing header reads as NaN (Number(undefined)), which the finiteness test below refuses.
    const remaining = Number(headers.remaining);
    if (Number.isFinite(remaining) && remaining >= 0) {
      this.remaining = this.remaining === undefined ? remaining : Math.min(this.remaining, remaining);
    }
    const reset = Number(headers.reset);
    // X-RateLimit-Reset is epoch seconds in v2; a small number would be delta seconds.
    if (Number.isFinite(reset) && reset > 0) this.resetAt = reset > 1e9 ? reset * 1000 : now + reset * 1000;
  }

  /** A 429: nothing is left until `retryAfterMs` from now. */
  exhausted(retryAfterMs: number | undefined, now: number): void {
    this.remaining = 0;
    if (retryAfterMs !== undefined) this.resetAt = now + retryAfterMs;
  }

  /** The time at which the budget is expected to come back, if known. */
  get resetsAt(): number | undefined {
    return this.resetAt;
  }

  get known(): number | undefined {
    return this.remaining;
  }
}
