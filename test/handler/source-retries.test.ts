/**
 * The source's retries, one request at a time against a local server scripted response by response: how
 * many attempts, how long between them (backoff, Retry-After on a 5xx and on a 429), when it stops for the
 * deadline or the rate limit and what it says, what a non-2xx answer reads as, and a catalogue that never
 * ends. The source's time is a virtual clock: its waits are the ones it asked for, exactly, and pass at
 * once; the server is real. The same behaviours against the stand-in, in both targets, are the fault suite's.
 */
import { expect } from "chai";
import http from "http";
import type { AddressInfo } from "net";
import { createHttpClient } from "../../handler/clients";
import { RateBudget } from "../../handler/rate-budget";
import { fetchCatalogue, fetchRandomBeers, SourceOptions } from "../../handler/source";
import { VirtualClock, virtualClock } from "../helpers/virtual-clock";

type Reply = { status: number; headers?: Record<string, string>; body?: string } | "reset";

/** Answers the n-th request with replies[n] (the last one again once they run out), noting each one. */
async function scriptedServer(...replies: Reply[]) {
  const requests: { url: string }[] = [];
  const s = http.createServer((req, res) => {
    requests.push({ url: req.url ?? "" });
    const reply = replies[Math.min(requests.length - 1, replies.length - 1)];
    if (reply === "reset") req.socket.destroy();
    else res.writeHead(reply.status, reply.headers).end(reply.body ?? "{}");
  });
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => (s.closeAllConnections(), s.close(() => resolve()))),
  };
}

const source = (
  url: string,
  more: Partial<Omit<SourceOptions, "clock">> = {},
): SourceOptions & { clock: VirtualClock } => ({
  http: createHttpClient({ sourceUrl: url, socketIdleMs: 4000 }),
  budget: new RateBudget(),
  concurrency: 1,
  requestTimeoutMs: 1000,
  maxAttempts: 3,
  backoff: { baseMs: 10, capMs: 10 },
  random: () => 0,
  clock: virtualClock(),
  ...more,
});

describe("the source's retries", function () {
  this.timeout(10_000);
  const servers: { close(): Promise<void> }[] = [];
  const serve = async (...replies: Reply[]) => {
    const s = await scriptedServer(...replies);
    servers.push(s);
    return s;
  };
  afterEach(async () => Promise.all(servers.splice(0).map((s) => s.close())));
  const one = (opts: SourceOptions & { clock: VirtualClock }, deadlineMs = 5000) => {
    const bodies: string[] = [];
    return fetchRandomBeers(opts, 1, opts.clock.now() + deadlineMs, (b) =>
      bodies.push(Buffer.from(b).toString()),
    ).then((outcome) => ({ ...outcome, bodies }));
  };

  it("makes exactly its attempts on a source that keeps failing, and says it gave up and why", async () => {
    const api = await serve({ status: 503 });
    const opts = source(api.url, { random: () => 0.999999 });
    const out = await one(opts);
    expect(api.requests).to.have.length(3);
    // Backoff's full jitter at its largest draw, below each ceiling (10 ms, capped): one wait per retry.
    expect(opts.clock.waits).to.deep.equal([9, 9]);
    expect(out).to.deep.include({ fetched: 0, retries: 2, stoppedBy: undefined });
    expect(out.failures).to.deep.equal(["gave up after 3 attempts: http 503"]);
    expect(out.retryReasons).to.deep.equal(["source: http 503", "source: http 503"]);
  });

  it("waits at least a 5xx's Retry-After before the next attempt", async () => {
    const api = await serve(
      { status: 503, headers: { "retry-after": "1" } },
      { status: 200, body: '{"id":1}' },
    );
    const opts = source(api.url);
    const out = await one(opts);
    expect(out.bodies).to.deep.equal(['{"id":1}']);
    expect(opts.clock.waits).to.deep.equal([1000]);
  });

  it("waits a 429's Retry-After; after a 429 that names none, stops: the budget is spent for an unknown time", async () => {
    const api = await serve({ status: 429, headers: { "retry-after": "1" } }, { status: 200 });
    const opts = source(api.url);
    expect((await one(opts)).fetched).to.equal(1);
    expect(opts.clock.waits).to.deep.equal([1000]);
    const bare = await serve({ status: 429 }, { status: 200 });
    const out = await one(source(bare.url));
    expect(bare.requests).to.have.length(1);
    expect(out.stoppedBy).to.equal("rate-limit");
    expect(out.failures).to.deep.equal([
      "rate-limit: budget spent (X-RateLimit-Remaining), it comes back after the deadline",
    ]);
  });

  it("stops when the next try would pass the deadline, naming why: the deadline, or the rate limit", async () => {
    const busy = await serve({ status: 503, headers: { "retry-after": "60" } });
    const a = await one(source(busy.url), 2000);
    expect(busy.requests).to.have.length(1);
    expect(a.stoppedBy).to.equal("deadline");
    expect(a.failures).to.deep.equal(["deadline: http 503, next try would pass the deadline"]);
    const limited = await serve({ status: 429, headers: { "retry-after": "60" } });
    const b = await one(source(limited.url), 2000);
    expect(b.stoppedBy).to.equal("rate-limit");
    expect(b.failures).to.deep.equal([
      "rate-limit: http 429 Too Many Requests, next try would pass the deadline",
    ]);
  });

  it("does not start once the deadline has passed", async () => {
    const api = await serve({ status: 200 });
    const out = await one(source(api.url), -1);
    expect(api.requests).to.have.length(0);
    expect(out).to.deep.include({ fetched: 0, stoppedBy: "deadline" });
    expect(out.failures).to.deep.equal(["deadline: not attempted"]);
  });

  it("reads 2xx as a body, and any other non-5xx, non-429 status as a failure with the start of its body", async () => {
    const created = await serve({ status: 299, body: '{"id":2}' });
    expect((await one(source(created.url))).bodies).to.deep.equal(['{"id":2}']);
    const redirect = await serve({ status: 300, body: "elsewhere" });
    const r = await one(source(redirect.url));
    expect(redirect.requests).to.have.length(1);
    expect(r.failures).to.deep.equal(["http 300: elsewhere"]);
    const long = await serve({ status: 404, body: "x".repeat(200) });
    expect((await one(source(long.url))).failures).to.deep.equal([`http 404: ${"x".repeat(120)}`]);
  });

  it("retries a dropped connection, naming the network error", async () => {
    const api = await serve("reset", { status: 200 });
    const out = await one(source(api.url));
    expect(out.fetched).to.equal(1);
    expect(out.retryReasons).to.deep.equal(["source: network: ECONNRESET socket hang up"]);
  });

  it("waits for a spent budget that comes back before the deadline, then goes on", async () => {
    const api = await serve({
      status: 200,
      headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1" },
    });
    // Jitter of a quarter of the base (10 ms) on top of the reset, second 1 from the first response.
    const opts = source(api.url, { random: () => 0.25, backoff: { baseMs: 40, capMs: 40 } });
    const out = await fetchRandomBeers(opts, 2, opts.clock.now() + 5000, () => undefined);
    expect(out.fetched).to.equal(2);
    expect(opts.clock.waits).to.deep.equal([1010]);
  });

  it("ends a catalogue whose pages never run short after its page limit, and one with a bad page at once", async () => {
    const full = JSON.stringify(Array.from({ length: 80 }, (_, i) => ({ id: i + 1 })));
    const api = await serve({ status: 200, body: full });
    const pages: number[] = [];
    const opts = source(api.url);
    const out = await fetchCatalogue(
      opts,
      opts.clock.now() + 5000,
      (_, page) => (pages.push(page), { ok: true, items: 80 }),
      3,
    );
    expect(pages).to.deep.equal([1, 2, 3]);
    expect(api.requests.map((r) => r.url)).to.deep.equal([
      "/beers?page=1&per_page=80",
      "/beers?page=2&per_page=80",
      "/beers?page=3&per_page=80",
    ]);
    expect(out).to.deep.include({ complete: false, fetched: 3 });
    expect(out.failures).to.deep.equal(['page 4: still full pages after 3; the API may ignore "page"']);
    const bad = await fetchCatalogue(opts, opts.clock.now() + 5000, () => ({
      ok: false,
      reason: "not a page",
    }));
    expect(bad).to.deep.include({ complete: false, fetched: 1 });
    expect(bad.failures).to.deep.equal(["page 1: not a page"]);
  });
});
