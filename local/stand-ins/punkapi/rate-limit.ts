/**
 * The original v2 server's rate limit (express-rate-limit 3.5.1): a fixed window per client, with
 * X-RateLimit-Limit, -Remaining and -Reset on every response; over the limit, 429.
 */
import type http from "http";

export class FixedWindow {
  private windowStart = Date.now();
  private used = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one request: its rate-limit headers, and whether it is over the limit. */
  take(): { headers: http.OutgoingHttpHeaders; limited: boolean } {
    const now = Date.now();
    if (now - this.windowStart >= this.windowMs) {
      this.windowStart = now;
      this.used = 0;
    }
    this.used++;
    return {
      limited: this.used > this.limit,
      headers: {
        "x-ratelimit-limit": this.limit,
        "x-ratelimit-remaining": Math.max(0, this.limit - this.used),
        "x-ratelimit-reset": Math.ceil((this.windowStart + this.windowMs) / 1000),
      },
    };
  }
}
