/**
 * The handler against real local services: the Punk API stand-in with each fault, and kinesalite, with
 * the records read back by GetRecords. Each test asserts the counts: no valid beer lost, nothing invalid
 * written, and a throw when the invocation must fail.
 */
import { expect } from "chai";
import { ingest, IngestError, IngestSummary, isIngestError } from "../../handler/ingest";
import { startPunkApi, StandIn } from "../../local/punkapi/server";
import { createStream, LocalKinesis, readAll, startKinesalite } from "../helpers/kinesis";
import { startFaultProxy } from "../helpers/kinesis-fault-proxy";
import { expectedRecord, sortedIds } from "../helpers/beers";
import { DepsOptions, ingestDeps } from "../helpers/ingest-deps";
import type { FaultStep } from "../../local/punkapi/faults";

describe("ingest against the stand-in and kinesalite", function () {
  let kinesis: LocalKinesis;
  let api: StandIn;

  before(async () => {
    kinesis = await startKinesalite();
  });
  after(async () => kinesis.close());
  afterEach(async () => api?.close());

  async function run(
    faults: FaultStep[],
    requested: number,
    opts: Partial<DepsOptions> & { budgetMs?: number; apiOptions?: Parameters<typeof startPunkApi>[0] } = {},
  ) {
    api = await startPunkApi({ retryAfterSeconds: 1, ...opts.apiOptions, faults });
    const streamName = await createStream(kinesis.client);
    const deps = ingestDeps({ sourceUrl: api.url, kinesisEndpoint: kinesis.endpoint, streamName, ...opts });
    let summary: IngestSummary | undefined;
    let error: IngestError | undefined;
    try {
      summary = await ingest(deps, requested, opts.budgetMs ?? 10000);
    } catch (e) {
      if (!isIngestError(e)) throw e;
      error = e;
      summary = e.summary;
    }
    const records = await readAll(kinesis.client, streamName);
    return { summary: summary!, error, records, logs: deps.logs, served: api.stats.served };
  }

  /** What the stream holds is exactly what the stand-in served and the handler judged valid. */
  function expectLossless(r: Awaited<ReturnType<typeof run>>, contract: "v2" | "v3" = "v2") {
    expect(r.records).to.have.length(r.summary.written);
    expect(r.summary.written).to.equal(r.summary.valid);
    for (const rec of r.records)
      expect(rec.data.equals(expectedRecord(Number(rec.partitionKey), contract))).to.equal(true);
  }

  it("writes every beer, byte for byte with a newline, partitioned by id (no fault)", async () => {
    const r = await run([], 12);
    expect(r.error).to.equal(undefined);
    expect(r.summary).to.include({
      requested: 12,
      fetched: 12,
      valid: 12,
      rejected: 0,
      written: 12,
      retries: 0,
    });
    expect(sortedIds(r.records.map((x) => x.partitionKey))).to.deep.equal(sortedIds(r.served));
    expectLossless(r);
    expect(r.logs).to.have.length(1);
    expect(r.logs[0]).to.include({ level: "info", requested: 12, written: 12 });
  });

  it("keeps non-ASCII text exactly (UTF-8, not escaped)", async () => {
    // Beer 54's yeast is "Wyeast 1056 - American Ale™".
    api = await startPunkApi();
    const streamName = await createStream(kinesis.client);
    const deps = ingestDeps({ sourceUrl: `${api.url}`, kinesisEndpoint: kinesis.endpoint, streamName });
    // Route the random endpoint to one beer through the id route: the stand-in's /beers/54 has the v2 shape too.
    deps.source.http = deps.source.http.extend({
      hooks: {
        init: [(o) => void (o.url = undefined)],
        beforeRequest: [(o) => void (o.url.pathname = "/v2/beers/54")],
      },
    });
    const summary = await ingest(deps, 1, 5000);
    const [record] = await readAll(kinesis.client, streamName);
    expect(summary.written).to.equal(1);
    expect(record.data.toString("utf8")).to.contain("American Ale™");
    expect(record.data.equals(expectedRecord(54))).to.equal(true);
  });

  it("adds latency without losing anything", async () => {
    const r = await run([], 8, { apiOptions: { latencyMs: 50 } });
    expect(r.summary).to.include({ fetched: 8, valid: 8, written: 8, retries: 0 });
    expectLossless(r);
  });

  it("retries a burst of 5xx and still writes everything", async () => {
    const r = await run([{ fault: "5xx", times: 3 }], 10);
    expect(r.summary).to.include({ fetched: 10, valid: 10, written: 10, retries: 3, failedFetches: 0 });
    expectLossless(r);
  });

  it("honours a 429's Retry-After and then writes everything", async () => {
    const r = await run([{ fault: "429", times: 1 }], 6, { concurrency: 1 });
    expect(r.summary).to.include({ fetched: 6, written: 6, retries: 1 });
    expect(r.summary.durationMs).to.be.at.least(1000); // Retry-After: 1 was waited out
    expectLossless(r);
  });

  it("stops when a 429's Retry-After passes the deadline, and writes what it fetched", async () => {
    const r = await run([{ fault: "429", times: 1 }], 6, {
      concurrency: 1,
      apiOptions: { retryAfterSeconds: 3600 },
    });
    // The first request is refused: nothing was fetched, so the invocation fails loudly.
    expect(r.error?.message).to.match(/nothing could be fetched/);
    expect(r.summary).to.include({ fetched: 0, written: 0, stoppedBy: "rate-limit" });
    expect(r.records).to.have.length(0);
  });

  it("never spends more than X-RateLimit-Remaining, and writes what the budget allowed", async () => {
    const r = await run([], 10, { concurrency: 4, apiOptions: { rateLimit: 5 } });
    expect(api.stats.requests).to.equal(5);
    expect(r.summary).to.include({
      requested: 10,
      fetched: 5,
      valid: 5,
      written: 5,
      stoppedBy: "rate-limit",
    });
    expect(r.summary.fetchFailures.join()).to.match(/budget spent/);
    expect(r.error).to.equal(undefined);
    expectLossless(r);
  });

  it("retries connection resets", async () => {
    const r = await run([{ fault: "reset", times: 2 }], 8);
    expect(r.summary).to.include({ fetched: 8, written: 8, retries: 2 });
    expectLossless(r);
  });

  it("times out a hanging request and retries it", async () => {
    const r = await run([{ fault: "hang", times: 1 }], 5, { requestTimeoutMs: 300 });
    expect(r.summary).to.include({ fetched: 5, written: 5, retries: 1 });
    expect(r.summary.durationMs).to.be.at.least(300);
    expectLossless(r);
  });

  it("retries a truncated body (the connection drops mid-response)", async () => {
    const r = await run([{ fault: "truncated", times: 2 }], 6);
    expect(r.summary).to.include({ fetched: 6, written: 6, retries: 2, rejected: 0 });
    expectLossless(r);
  });

  it("rejects malformed JSON with a reason and writes the rest", async () => {
    const r = await run([{ fault: "malformed", times: 2 }], 8);
    expect(r.summary).to.include({ fetched: 8, rejected: 2, valid: 6, written: 6 });
    expect(r.summary.rejections.join()).to.match(/not JSON/);
    expectLossless(r);
  });

  it("rejects HTML pages with a reason", async () => {
    const r = await run([{ fault: "html", times: 3 }], 7);
    expect(r.summary).to.include({ fetched: 7, rejected: 3, valid: 4, written: 4 });
    expect(r.summary.rejections.join()).to.match(/3× body is not JSON.*DOCTYPE/);
    expectLossless(r);
  });

  it("rejects wrong shapes (string id, missing id, error body, wrong type) with reasons", async () => {
    const r = await run([{ fault: "wrong-shape", times: 4 }], 8, { concurrency: 1 });
    expect(r.summary).to.include({ fetched: 8, rejected: 4, valid: 4, written: 4 });
    const reasons = r.summary.rejections.join("\n");
    expect(reasons).to.contain("$.id: expected integer ≥ 1, got string");
    expect(reasons).to.contain("$.id: missing");
    expect(reasons).to.contain("expected a one-element array, got object");
    expect(reasons).to.contain("$.abv: expected number, got string");
    expectLossless(r);
  });

  it("throws when nothing can be fetched (every request fails)", async () => {
    const r = await run([{ fault: "5xx" }], 4, { maxAttempts: 2 });
    expect(r.error?.message).to.match(/nothing could be fetched.*gave up after 2 attempts: http 500/);
    expect(r.summary).to.include({ fetched: 0, written: 0, failedFetches: 4 });
    expect(r.records).to.have.length(0);
    expect(r.logs[0]).to.include({ level: "error" });
  });

  it("throws when every response is rejected", async () => {
    const r = await run([{ fault: "html" }], 3);
    expect(r.error?.message).to.match(/no valid beer among 3 responses/);
    expect(r.summary).to.include({ fetched: 3, rejected: 3, written: 0 });
    expect(r.records).to.have.length(0);
  });

  it("reads the v3 contract (bare object, `image`)", async () => {
    const r = await run([], 5, { contract: "v3", apiOptions: { contract: "v3" } });
    expect(r.summary).to.include({ fetched: 5, valid: 5, written: 5 });
    expectLossless(r, "v3");
    const beer = JSON.parse(r.records[0].data.toString("utf8"));
    expect(beer).to.have.property("image");
    expect(beer).not.to.have.property("image_url");
  });

  it("rejects v2 bodies when configured for v3 (the contract is checked)", async () => {
    const r = await run([], 2, { contract: "v3" });
    expect(r.error?.message).to.match(/no valid beer/);
    expect(r.summary.rejections.join()).to.match(/not a v3 beer: \$: expected object, got array/);
  });

  describe("Kinesis partial failures (fault-injecting proxy)", () => {
    it("resends only the failed entries until all land", async () => {
      api = await startPunkApi();
      const streamName = await createStream(kinesis.client);
      const proxy = await startFaultProxy({ target: kinesis.endpoint, failShare: 0.4, seed: 7 });
      try {
        const deps = ingestDeps({
          sourceUrl: api.url,
          kinesisEndpoint: proxy.endpoint,
          streamName,
          concurrency: 8,
        });
        const summary = await ingest(deps, 40, 10000);
        const records = await readAll(kinesis.client, streamName);
        expect(proxy.stats.failedEntries).to.be.greaterThan(0);
        expect(summary).to.include({ valid: 40, written: 40 });
        expect(summary.retries).to.be.at.least(1);
        expect(summary.kinesisCalls).to.equal(proxy.stats.putRecordsCalls);
        // No duplicates, no loss: the stream holds each served beer exactly once.
        expect(records).to.have.length(40);
        expect(proxy.stats.forwardedEntries).to.equal(40);
        expect(sortedIds(records.map((x) => x.partitionKey))).to.deep.equal(sortedIds(api.stats.served));
      } finally {
        await proxy.close();
      }
    });

    it("fails loudly when every call fails, after retrying until the deadline", async () => {
      api = await startPunkApi();
      const streamName = await createStream(kinesis.client);
      const proxy = await startFaultProxy({
        target: kinesis.endpoint,
        failEveryCall: { status: 400, type: "ProvisionedThroughputExceededException" },
      });
      try {
        const deps = ingestDeps({ sourceUrl: api.url, kinesisEndpoint: proxy.endpoint, streamName });
        let error: IngestError | undefined;
        await ingest(deps, 5, 2000).catch((e: IngestError) => (error = e));
        expect(error?.message).to.equal("5 of 5 valid beers could not be written to Kinesis");
        expect(error?.summary).to.include({ valid: 5, written: 0 });
        expect(error?.summary.unwritten).to.have.length(5);
        expect(error?.summary.unwritten[0].reason).to.match(/ProvisionedThroughputExceededException/);
        expect(proxy.stats.putRecordsCalls).to.be.greaterThan(1);
        expect(await readAll(kinesis.client, streamName)).to.have.length(0);
      } finally {
        await proxy.close();
      }
    });

    it("fails at once, without retrying, when the stream does not exist", async () => {
      api = await startPunkApi();
      const deps = ingestDeps({
        sourceUrl: api.url,
        kinesisEndpoint: kinesis.endpoint,
        streamName: "no-such-stream",
      });
      let error: IngestError | undefined;
      await ingest(deps, 3, 5000).catch((e: IngestError) => (error = e));
      expect(error?.summary).to.include({ valid: 3, written: 0, kinesisCalls: 1 });
      expect(error?.summary.unwritten[0].reason).to.match(/ResourceNotFoundException/);
    });
  });
});
