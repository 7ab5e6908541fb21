import { expect } from "chai";
import { backoffDelay, parseRetryAfter } from "../../handler/backoff";
import { RateBudget } from "../../handler/rate-budget";
import { phaseDeadlines } from "../../handler/ingest";

describe("backoff and Retry-After", () => {
  const policy = { baseMs: 100, capMs: 1000 };

  it("draws full jitter under an exponential ceiling, capped", () => {
    expect(backoffDelay(0, policy, () => 0.999)).to.equal(99);
    expect(backoffDelay(3, policy, () => 0.5)).to.equal(400);
    expect(backoffDelay(10, policy, () => 0.999)).to.equal(999);
    expect(backoffDelay(5, policy, () => 0)).to.equal(0);
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    const now = Date.parse("2026-11-27T12:00:00Z");
    expect(parseRetryAfter("3600", now)).to.equal(3_600_000);
    expect(parseRetryAfter("Fri, 27 Nov 2026 12:00:30 GMT", now)).to.equal(30_000);
    expect(parseRetryAfter("Fri, 27 Nov 2026 11:00:00 GMT", now)).to.equal(0);
    expect(parseRetryAfter("soon", now)).to.equal(undefined);
    expect(parseRetryAfter(undefined, now)).to.equal(undefined);
  });

  it("splits the invocation's time between fetching and writing", () => {
    expect(phaseDeadlines(0, 10_000)).to.deep.equal({ fetchBy: 7000, writeBy: 10_000 });
    expect(phaseDeadlines(0, 2000)).to.deep.equal({ fetchBy: 1000, writeBy: 2000 });
  });
});

describe("rate-limit budget", () => {
  it("is unlimited until the API says otherwise", () => {
    const b = new RateBudget();
    for (let i = 0; i < 100; i++) expect(b.tryAcquire(0)).to.equal(true);
  });

  it("reserves requests in flight against what is left", () => {
    const b = new RateBudget();
    b.observe({ remaining: "2" }, 0);
    expect(b.tryAcquire(0)).to.equal(true);
    expect(b.tryAcquire(0)).to.equal(true);
    expect(b.tryAcquire(0)).to.equal(false);
    b.release();
    b.observe({ remaining: "1" }, 0);
    expect(b.tryAcquire(0)).to.equal(false); // one still in flight uses the last one
  });

  it("comes back at X-RateLimit-Reset (epoch seconds)", () => {
    const b = new RateBudget();
    b.observe({ remaining: "0", reset: "2000" }, 0);
    expect(b.tryAcquire(1_999_999)).to.equal(false);
    expect(b.resetsAt).to.equal(2_000_000);
    expect(b.tryAcquire(2_000_000)).to.equal(true);
  });

  it("is spent by a 429 until Retry-After", () => {
    const b = new RateBudget();
    b.exhausted(5000, 1000);
    expect(b.tryAcquire(5999)).to.equal(false);
    expect(b.tryAcquire(6000)).to.equal(true);
  });
});
