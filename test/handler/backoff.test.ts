import { expect } from "chai";
import FakeTimers from "@sinonjs/fake-timers";
import { backoffDelay, parseRetryAfter } from "../../handler/backoff";
import { systemClock } from "../../handler/clock";
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

  it("waits as long as asked before a retry, and not at all when the wait is negative", async () => {
    // The system clock's timers, faked: time moves only by tick, so "not yet" is certain.
    const fake = FakeTimers.install({ toFake: ["setTimeout", "Date"], now: 1_000_000 });
    try {
      expect(systemClock.now()).to.equal(1_000_000);
      let done = false;
      const waiting = systemClock.sleep(40).then(() => (done = true));
      await fake.tickAsync(39);
      expect(done, "after 39 ms").to.equal(false);
      await fake.tickAsync(1);
      await waiting;
      expect(systemClock.now()).to.equal(1_000_040);
      let negative = false;
      const none = systemClock.sleep(-1000).then(() => (negative = true));
      await fake.tickAsync(0);
      await none;
      expect(negative).to.equal(true);
      expect(systemClock.now()).to.equal(1_000_040);
    } finally {
      fake.uninstall();
    }
  });

  it("reads Retry-After trimmed, zero included", () => {
    const now = Date.parse("2026-11-27T12:00:00Z");
    expect(parseRetryAfter(" 120 ", now)).to.equal(120_000);
    // Seconds are digits and nothing else: a count with more around it is no delay, and no date either.
    expect(parseRetryAfter("120abc", now)).to.equal(undefined);
    expect(parseRetryAfter("abc120", now)).to.equal(undefined);
    expect(parseRetryAfter("0", now)).to.equal(0);
  });

  it("doubles the ceiling each attempt until the cap, which it reaches exactly", () => {
    const top = () => 0.9999999;
    expect([0, 1, 2, 3, 4].map((n) => backoffDelay(n, { baseMs: 125, capMs: 1000 }, top))).to.deep.equal([
      124, 249, 499, 999, 999,
    ]);
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

  it("reads X-RateLimit-Reset as epoch seconds when it is one, as seconds from now otherwise", () => {
    const now = Date.parse("2026-11-28T05:00:00Z");
    const epoch = new RateBudget();
    epoch.observe({ remaining: "0", reset: String(now / 1000 + 60) }, now);
    expect(epoch.resetsAt).to.equal(now + 60_000);
    expect(epoch.tryAcquire(now + 59_999)).to.equal(false);
    expect(epoch.tryAcquire(now + 60_000)).to.equal(true);
    const delta = new RateBudget();
    delta.observe({ remaining: "0", reset: "60" }, now);
    expect(delta.resetsAt).to.equal(now + 60_000);
    // 1e9 seconds (31 years) is the largest still read as seconds from now; past it, epoch seconds.
    const largestDelta = new RateBudget();
    largestDelta.observe({ remaining: "0", reset: "1000000000" }, now);
    expect(largestDelta.resetsAt).to.equal(now + 1e12);
    const none = new RateBudget();
    none.observe({ remaining: "3", reset: "0" }, now);
    none.observe({ reset: "soon" }, now);
    expect(none.resetsAt).to.equal(undefined);
  });

  it("keeps the smallest remaining reported, ignores what is not a count, and comes back whole after a reset", () => {
    const b = new RateBudget();
    b.observe({ remaining: "5" }, 0);
    b.observe({ remaining: "7" }, 0);
    expect(b.known).to.equal(5);
    b.observe({ remaining: "-1" }, 0);
    b.observe({ remaining: "many" }, 0);
    expect(b.known).to.equal(5);
    b.observe({ remaining: "0", reset: "10" }, 0);
    expect(b.tryAcquire(9_999)).to.equal(false);
    expect(b.tryAcquire(10_000)).to.equal(true);
    expect(b.known).to.equal(undefined);
    expect(b.resetsAt).to.equal(undefined);
  });

  it("releases no more than it reserved, and gives back what it did reserve", () => {
    const b = new RateBudget();
    b.release();
    b.observe({ remaining: "1" }, 0);
    expect(b.tryAcquire(0)).to.equal(true);
    expect(b.tryAcquire(0)).to.equal(false);
    b.release();
    expect(b.tryAcquire(0)).to.equal(true);
  });

  it("is spent by a 429 until Retry-After, or until the API says otherwise when none is given", () => {
    const unknown = new RateBudget();
    unknown.exhausted(undefined, 1000);
    expect(unknown.tryAcquire(10_000_000)).to.equal(false);
    expect(unknown.resetsAt).to.equal(undefined);
  });

  it("is spent by a 429 until Retry-After", () => {
    const b = new RateBudget();
    b.exhausted(5000, 1000);
    expect(b.tryAcquire(5999)).to.equal(false);
    expect(b.tryAcquire(6000)).to.equal(true);
  });
});
