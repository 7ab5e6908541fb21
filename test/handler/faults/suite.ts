/**
 * One fault suite, two targets: every behaviour of the handler against real local services (the Punk API
 * stand-in with each fault, kinesalite, a Kinesis fault proxy), run once in this process and once as the
 * packaged artifact the stack declares, on Node 22 (test/helpers/function-targets.ts). The function is
 * configured by its environment, as in Lambda; each test reads back what reached the stream and asserts
 * the counts and the reasons the function logged: no valid beer lost, nothing invalid written, a throw
 * when the invocation must fail, no request beyond the source's budget, no retry without its reason.
 */
import { expect } from "chai";
import { ENV } from "../../../handler/settings";
import type { Contract } from "../../../handler/contract";
import { MetricKey, METRICS, METRICS_NAMESPACE, STACK_DIMENSION } from "../../../handler/metrics";
import { readEmf } from "../../../local/stand-ins/alarms/emf";
import { startPunkApi, StandIn, StandInOptions } from "../../../local/stand-ins/punkapi/server";
import type { FaultStep } from "../../../local/stand-ins/punkapi/faults";
import { createStream, LocalKinesis, readAll, ReadRecord, startKinesalite } from "../../helpers/kinesis";
import { startFaultProxy } from "../../helpers/kinesis-fault-proxy";
import { expectedRecord, sortedIds } from "../../helpers/beers";
import { Container, FunctionTarget, Invocation, LambdaSettings } from "../../helpers/function-targets";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface SuiteOptions {
  /**
   * The idle limit of the servers' connections, and the function's own (SOURCE_SOCKET_IDLE_MS, unset for
   * its default): the real 5 s, or a scaled-down pair that keeps the same order.
   */
  idle: { serverMs: number; functionMs?: number };
  /** Which parts of the suite this file runs: a target's parts are split over files to run in parallel. */
  parts: readonly SuitePart[];
}

export type SuitePart = "source" | "rate budget" | "kinesis" | "time cap";

/** The suite, for one target; each target's files call it with their parts, to run in parallel test processes. */
export function faultSuite(target: FunctionTarget, options: SuiteOptions): void {
  describe(`handler behaviour: ${target.name}`, function () {
    this.timeout(30_000);
    let kinesis: LocalKinesis;
    let api: StandIn | undefined;
    const containers: Container[] = [];

    before(async () => {
      kinesis = await startKinesalite({ region: "us-east-1" });
      await target.setUp();
    });
    after(async () => {
      await kinesis.close();
      await target.tearDown();
    });
    afterEach(async () => {
      await Promise.all(containers.splice(0).map((c) => c.close()));
      await api?.close();
      api = undefined;
    });

    interface Setup {
      faults?: FaultStep[];
      beers: number;
      contract?: Contract;
      api?: StandInOptions;
      env?: Record<string, string>;
      kinesisEndpoint?: string;
      streamName?: string;
      /** The function's timeout, for Lambda's remaining time. */
      lambda?: LambdaSettings;
    }

    /** A stand-in, a fresh stream and a warm container configured by its environment. */
    async function deploy(s: Setup) {
      const contract = s.contract ?? "v2";
      api = await startPunkApi({ contract, retryAfterSeconds: 1, ...s.api, faults: s.faults ?? [] });
      const streamName = s.streamName ?? (await createStream(kinesis.client));
      const container = target.container(
        {
          [ENV.stack]: "fault-suite",
          [ENV.streamName]: streamName,
          [ENV.sourceUrl]: api.url,
          [ENV.contract]: contract,
          [ENV.beersPerInvocation]: String(s.beers),
          [ENV.concurrency]: "4",
          [ENV.requestTimeoutMs]: "2000",
          [ENV.maxAttempts]: "4",
          [ENV.deadlineMs]: "10000",
          [ENV.backoffBaseMs]: "5",
          [ENV.backoffCapMs]: "50",
          [ENV.kinesisEndpoint]: s.kinesisEndpoint ?? kinesis.endpoint,
          ...s.env,
        },
        s.lambda,
      );
      containers.push(container);
      return { container, streamName, api, records: () => readAll(kinesis.client, streamName) };
    }

    /** Deploys and invokes once. */
    async function run(s: Setup) {
      const d = await deploy(s);
      const result = await d.container.invoke();
      return { ...result, summary: result.summary!, records: await d.records(), served: d.api.stats.served };
    }

    /**
     * Each record is of a beer the stand-in served, no more often than it was served. Not equality: on a
     * loaded machine a response can be sent just as the request times out, and then it was served and
     * retried. Loss is ruled out by the counts (records = written = valid = requested).
     */
    function expectServedOnly(r: Invocation & { records: ReadRecord[]; served: number[] }) {
      const left = new Map<number, number>();
      for (const id of r.served) left.set(id, (left.get(id) ?? 0) + 1);
      for (const rec of r.records) {
        const id = Number(rec.partitionKey);
        expect(left.get(id) ?? 0, `beer ${id} written more often than served`).to.be.greaterThan(0);
        left.set(id, left.get(id)! - 1);
      }
    }

    /** What the stream holds is exactly what the function judged valid, byte for byte as served. */
    function expectLossless(r: Invocation & { records: ReadRecord[] }, contract: Contract = "v2") {
      expect(r.records).to.have.length(r.summary!.written);
      expect(r.summary!.written).to.equal(r.summary!.valid);
      for (const rec of r.records)
        expect(rec.data.equals(expectedRecord(Number(rec.partitionKey), contract))).to.equal(true);
    }

    if (options.parts.includes("source"))
      describe("a catalogue snapshot (INGEST_MODE=catalogue)", () => {
        const catalogue = { [ENV.mode]: "catalogue" };
        // v3: the 415 real beers, 5 pages of 80 and one of 15; v2: 325, 4 pages of 80 and one of 5.
        for (const [contract, beers, pages] of [
          ["v3", 415, 6],
          ["v2", 325, 5],
        ] as const)
          it(`writes every beer of the catalogue once, byte for byte as served, in ${pages} pages of up to 80 (${contract}: ${beers} beers)`, async () => {
            const r = await run({ beers: 1, contract, env: catalogue });
            expect(r.ok, r.error?.message).to.equal(true);
            expect(r.summary).to.include({
              mode: "catalogue",
              pages,
              fetched: beers,
              valid: beers,
              written: beers,
            });
            expect(api!.stats.requests).to.equal(pages);
            // Every id of the catalogue exactly once, each record the beer's own text from its page.
            expect(sortedIds(r.records.map((x) => x.partitionKey))).to.deep.equal(
              Array.from({ length: beers }, (_, i) => i + 1),
            );
            expectLossless(r, contract);
          });

        it("fails naming the page when the source dies after page 2, and loses none of what it fetched", async () => {
          const r = await run({
            beers: 1,
            // One request at a time: the stand-in's first two answers are then pages 1 and 2, whatever
            // order a loaded machine would deliver parallel requests in.
            env: { ...catalogue, [ENV.concurrency]: "1" },
            contract: "v3",
            faults: [{ fault: "none", times: 2 }, { fault: "reset" }],
          });
          expect(r.ok).to.equal(false);
          expect(r.error?.message).to.match(
            /^the catalogue snapshot is incomplete: page 3: gave up after 4 attempts: network: ECONNRESET/,
          );
          expect(r.summary).to.include({
            pages: 2,
            fetched: 160,
            valid: 160,
            written: 160,
            failedFetches: 1,
          });
          expectLossless(r, "v3");
        });
      });

    if (options.parts.includes("source"))
      describe("the source's faults", () => {
        it("writes every beer, byte for byte with a newline, partitioned by id (no fault)", async () => {
          const r = await run({ beers: 12 });
          expect(r.ok).to.equal(true);
          expect(r.summary).to.include({
            requested: 12,
            fetched: 12,
            valid: 12,
            rejected: 0,
            written: 12,
            retries: 0,
          });
          expect(r.summary.retryReasons).to.deep.equal([]);
          expectServedOnly(r);
          expectLossless(r);
        });

        it("keeps non-ASCII text exactly (UTF-8, not escaped)", async () => {
          // Beer 54's yeast is "Wyeast 1056 - American Ale™".
          const r = await run({ beers: 1, api: { randomIds: [54] } });
          expect(r.summary.written).to.equal(1);
          expect(r.records[0].data.toString("utf8")).to.contain("American Ale™");
          expect(r.records[0].data.equals(expectedRecord(54))).to.equal(true);
        });

        it("adds latency without losing anything", async () => {
          const r = await run({ beers: 8, api: { latencyMs: 50 } });
          expect(r.summary).to.include({ fetched: 8, valid: 8, written: 8, retries: 0 });
          expectLossless(r);
        });

        it("retries a burst of 5xx, says why, and still writes everything", async () => {
          const r = await run({ faults: [{ fault: "5xx", times: 3 }], beers: 10 });
          expect(r.summary).to.include({ fetched: 10, valid: 10, written: 10, retries: 3, failedFetches: 0 });
          expect(r.summary.retryReasons).to.deep.equal(["3× source: http 500"]);
          expectLossless(r);
        });

        it("honours a 429's Retry-After and then writes everything", async () => {
          const r = await run({
            faults: [{ fault: "429", times: 1 }],
            beers: 6,
            env: { [ENV.concurrency]: "1" },
          });
          expect(r.summary).to.include({ fetched: 6, written: 6, retries: 1 });
          expect(r.summary.retryReasons).to.deep.equal(["source: http 429 Too Many Requests"]);
          // Retry-After: 1 was waited out. A real wait (this suite also runs the archive, whose clock is
          // its own): Node's timer counts from the loop's time when the 429 was read, which is after the
          // invocation began; that clock and Date.now round apart by up to 1 ms.
          expect(r.summary.durationMs).to.be.at.least(999);
          expectLossless(r);
        });

        it("stops when a 429's Retry-After passes the deadline, and fails: nothing was fetched", async () => {
          const r = await run({
            faults: [{ fault: "429", times: 1 }],
            beers: 6,
            env: { [ENV.concurrency]: "1" },
            api: { retryAfterSeconds: 3600 },
          });
          expect(r.ok).to.equal(false);
          expect(r.error?.message).to.match(/nothing could be fetched/);
          expect(r.summary).to.include({ fetched: 0, written: 0, stoppedBy: "rate-limit" });
          expect(r.records).to.have.length(0);
        });

        const idle = options.idle;
        it(`reuses no connection the server has dropped for idleness: invocations ${idle.serverMs / 1000} s apart retry nothing`, async function () {
          this.timeout(20_000);
          // Both real servers drop a connection idle for 5 s, without saying so; so does the stand-in.
          const d = await deploy({
            beers: 4,
            contract: "v3",
            api: { idleTimeoutMs: idle.serverMs },
            env: idle.functionMs ? { [ENV.socketIdleMs]: String(idle.functionMs) } : {},
          });
          expect((await d.container.invoke()).summary).to.include({ fetched: 4, retries: 0 });
          await sleep(idle.serverMs + 200);
          const second = await d.container.invoke();
          expect(second.summary).to.include({ fetched: 4, written: 4, retries: 0 });
          expect(second.summary!.retryReasons).to.deep.equal([]);
          expect(d.api.stats.staleConnections).to.equal(0);
        });

        it("retries connection resets, saying so", async () => {
          const r = await run({ faults: [{ fault: "reset", times: 2 }], beers: 8 });
          expect(r.summary).to.include({ fetched: 8, written: 8, retries: 2 });
          expect(r.summary.retryReasons.join()).to.match(/^2× source: network: ECONNRESET/);
          expectLossless(r);
        });

        it("does not retry a client error other than 429: a 404 is reported once, with its body", async () => {
          const r = await run({
            faults: [{ fault: "404", times: 1 }],
            beers: 3,
            env: { [ENV.concurrency]: "1" },
          });
          expect(r.ok).to.equal(true);
          expect(r.summary).to.include({ fetched: 2, written: 2, retries: 0, failedFetches: 1 });
          expect(r.summary.fetchFailures).to.deep.equal([
            `http 404: {"statusCode":404,"error":"Not Found","message":"No endpoint found that matches '/v2/beers/random'"}`,
          ]);
          expect(api!.stats.requests).to.equal(3);
          expectLossless(r);
        });

        it("times out a hanging request and retries it", async () => {
          const r = await run({
            faults: [{ fault: "hang", times: 1 }],
            beers: 5,
            // Long enough that no answered request times out on a loaded machine (that would be a second retry).
            env: { [ENV.requestTimeoutMs]: "1000" },
          });
          expect(r.summary).to.include({ fetched: 5, written: 5, retries: 1 });
          expect(r.summary.retryReasons.join()).to.match(/source: network: ETIMEDOUT/);
          // The request's own timeout, a real one: at least 1 s less the 1 ms the two clocks round apart.
          expect(r.summary.durationMs).to.be.at.least(999);
          expectLossless(r);
        });

        it("retries a truncated body (the connection drops mid-response)", async () => {
          const r = await run({ faults: [{ fault: "truncated", times: 2 }], beers: 6 });
          expect(r.summary).to.include({ fetched: 6, written: 6, retries: 2, rejected: 0 });
          expectLossless(r);
        });

        it("rejects malformed JSON with a reason and writes the rest", async () => {
          const r = await run({ faults: [{ fault: "malformed", times: 2 }], beers: 8 });
          expect(r.summary).to.include({ fetched: 8, rejected: 2, valid: 6, written: 6 });
          expect(r.summary.rejections.join()).to.match(/not JSON/);
          expectLossless(r);
        });

        it("rejects HTML pages with a reason", async () => {
          const r = await run({ faults: [{ fault: "html", times: 3 }], beers: 7 });
          expect(r.summary).to.include({ fetched: 7, rejected: 3, valid: 4, written: 4 });
          expect(r.summary.rejections.join()).to.match(/3× body is not JSON.*DOCTYPE/);
          expectLossless(r);
        });

        it("rejects wrong shapes (string id, missing id, error body, wrong type) with reasons", async () => {
          const r = await run({
            faults: [{ fault: "wrong-shape", times: 4 }],
            beers: 8,
            env: { [ENV.concurrency]: "1" },
          });
          expect(r.summary).to.include({ fetched: 8, rejected: 4, valid: 4, written: 4 });
          const reasons = r.summary.rejections.join("\n");
          expect(reasons).to.contain("$.id: expected integer ≥ 1, got string");
          expect(reasons).to.contain("$.id: missing");
          expect(reasons).to.contain("expected a one-element array, got object");
          expect(reasons).to.contain("$.abv: expected number, got string");
          expectLossless(r);
          // The same line is read as metrics: every one with the invocation's counts, by stack.
          const metrics = readEmf(r.summary as unknown as Record<string, unknown>);
          const value = (m: MetricKey) =>
            metrics.find((x) => x.name === METRICS[m].name && x.namespace === METRICS_NAMESPACE)?.value;
          expect(metrics.every((m) => m.dimensions[STACK_DIMENSION] === "fault-suite")).to.equal(true);
          expect(
            (["fetched", "valid", "rejected", "written", "retries", "failedFetches"] as const).map(value),
          ).to.deep.equal([8, 4, 4, 4, 0, 0]);
          expect(value("durationMs")).to.equal(r.summary.durationMs).and.be.greaterThan(0);
        });

        for (const contract of ["v3", "v2"] as const)
          it(`counts and names a field the lake's schema does not declare, in the line and its metric, and writes its bytes (${contract})`, async () => {
            const r = await run({
              beers: 3,
              contract,
              api: { randomIds: [1, 2, 3], extraFields: { country: "Scotland", awards: { gold: 2 } } },
            });
            expect(r.ok, r.error?.message).to.equal(true);
            expect(r.summary).to.include({
              valid: 3,
              written: 3,
              unknownFields: 2,
              beersWithUnknownFields: 3,
            });
            expect(r.summary.unknownFieldPaths).to.deep.equal(["awards", "country"]);
            const line = r.summary as unknown as Record<string, unknown>;
            expect(line.level).to.equal("warn");
            expect(line.msg).to.contain(": awards, country");
            const drift = readEmf(line).find((m) => m.name === METRICS.unknownFields.name);
            expect(drift).to.deep.include({ namespace: METRICS_NAMESPACE, value: 2 });
            expect(drift!.dimensions).to.deep.equal({ [STACK_DIMENSION]: "fault-suite" });
            // Each record is the beer as served: its own text, then the new fields.
            expect(sortedIds(r.records.map((x) => x.partitionKey))).to.deep.equal([1, 2, 3]);
            for (const rec of r.records) {
              const own = expectedRecord(Number(rec.partitionKey), contract).toString("utf8").trimEnd();
              expect(rec.data.toString("utf8")).to.equal(
                `${own.slice(0, -1)},"country":"Scotland","awards":{"gold":2}}\n`,
              );
            }
          });

        it("fails when nothing can be fetched (every request fails)", async () => {
          const r = await run({ faults: [{ fault: "5xx" }], beers: 4, env: { [ENV.maxAttempts]: "2" } });
          expect(r.ok).to.equal(false);
          expect(r.error?.message).to.match(/nothing could be fetched.*gave up after 2 attempts: http 500/);
          expect(r.summary).to.include({ fetched: 0, written: 0, failedFetches: 4 });
          expect(r.records).to.have.length(0);
        });

        it("fails when every response is rejected", async () => {
          const r = await run({ faults: [{ fault: "html" }], beers: 3 });
          expect(r.error?.message).to.match(/no valid beer among 3 responses/);
          expect(r.summary).to.include({ fetched: 3, rejected: 3, written: 0 });
          expect(r.records).to.have.length(0);
        });

        it("reads the v3 contract as served (bare object, `image`, Python floats kept byte for byte)", async () => {
          // Beer 326's abv is the float 5.0 in its file, beer 1's the int 6: each stays as it was.
          const r = await run({ beers: 5, contract: "v3", api: { randomIds: [326, 1, 54, 333, 415] } });
          expect(r.summary).to.include({ fetched: 5, valid: 5, written: 5 });
          expectLossless(r, "v3");
          const byId = new Map(r.records.map((x) => [x.partitionKey, x.data.toString("utf8")]));
          expect(byId.get("326")).to.contain('"abv":5.0,');
          expect(byId.get("1")).to.contain('"abv":6,');
          for (const record of r.records) {
            const text = record.data.toString("utf8");
            // A file name, or null where the catalogue has no image.
            const beer = JSON.parse(text) as { image?: string | null };
            expect(beer).to.have.property("image");
            if (beer.image !== null) expect(beer.image).to.match(/^[\w-]+\.png$/);
          }
        });

        it("meets the faults in v3 too: a cut body retried, the v3 server's 404 reported, a misshapen beer rejected", async () => {
          const r = await run({
            contract: "v3",
            faults: [
              { fault: "truncated", times: 1 },
              { fault: "404", times: 1 },
              { fault: "wrong-shape", times: 1 },
            ],
            beers: 5,
            env: { [ENV.concurrency]: "1" },
          });
          // One at a time: the cut body's retry meets the 404, which is not retried; the next beer is misshapen.
          expect(r.summary).to.include({
            fetched: 4,
            rejected: 1,
            valid: 3,
            written: 3,
            retries: 1,
            failedFetches: 1,
          });
          expect(r.summary.fetchFailures).to.deep.equal(['http 404: {"detail":"Not Found"}']);
          expect(r.summary.rejections.join()).to.contain("$.id: expected integer ≥ 1, got string");
          expect(api!.stats.requests).to.equal(6);
          expectLossless(r, "v3");
        });

        it("rejects v2 bodies when configured for v3 (the contract is checked)", async () => {
          const d = await deploy({ beers: 2 });
          const c = target.container({
            [ENV.streamName]: d.streamName,
            [ENV.sourceUrl]: d.api.url,
            [ENV.contract]: "v3",
            [ENV.beersPerInvocation]: "2",
            [ENV.kinesisEndpoint]: kinesis.endpoint,
          });
          containers.push(c);
          const r = await c.invoke();
          expect(r.error?.message).to.match(/no valid beer/);
          expect(r.summary!.rejections.join()).to.match(/not a v3 beer: \$: expected object, got array/);
        });
      });

    if (options.parts.includes("rate budget"))
      describe("the source's rate budget", () => {
        it("never spends more than X-RateLimit-Remaining, requests in flight counted, and writes what it allowed", async () => {
          const r = await run({ beers: 10, api: { rateLimit: 5 } });
          expect(api!.stats.requests).to.equal(5);
          expect(r.summary).to.include({
            requested: 10,
            fetched: 5,
            valid: 5,
            written: 5,
            stoppedBy: "rate-limit",
          });
          expect(r.summary.fetchFailures.join()).to.match(/budget spent/);
          expect(r.ok).to.equal(true);
          expectLossless(r);
        });

        it("sends nothing after X-RateLimit-Remaining: 0 until the reset, in the next invocations of a warm container", async () => {
          const d = await deploy({ beers: 4, api: { rateLimit: 5, retryAfterSeconds: 3600 } });
          const first = await d.container.invoke();
          const second = await d.container.invoke();
          const third = await d.container.invoke();
          expect([first.summary?.fetched, second.summary?.fetched, third.summary?.fetched]).to.deep.equal([
            4, 1, 0,
          ]);
          expect(third.ok).to.equal(false);
          expect(third.error?.message).to.match(/nothing could be fetched.*budget spent/);
          expect(d.api.stats.requests).to.equal(5);
          expect(d.api.stats.limited).to.equal(0);
          expect(await d.records()).to.have.length(5);
        });

        it("waits for the budget to come back when it resets before the deadline", async () => {
          const d = await deploy({ beers: 3, api: { rateLimit: 3, rateWindowMs: 2000 } });
          expect((await d.container.invoke()).summary?.fetched).to.equal(3);
          const second = await d.container.invoke();
          expect(second.summary).to.include({ fetched: 3, written: 3 });
          // It waited for the reset: a request sent while the budget was spent would have been refused.
          // (How long it waited depends on how long the first invocation took: not asserted.)
          expect(d.api.stats.requests).to.equal(6);
          expect(d.api.stats.limited).to.equal(0);
        });

        // Past the fetch phase of a 2.5 s deadline, and far enough that a loaded machine still makes the
        // second invocation inside the wait. An HTTP date has a resolution of a second: 5 s of it is more
        // than 4 s from now.
        for (const [format, seconds] of [
          ["seconds", 4],
          ["date", 5],
        ] as const) {
          it(`honours Retry-After (${format === "seconds" ? "delta-seconds" : "an HTTP date"}) in the next invocations too`, async () => {
            const d = await deploy({
              faults: [{ fault: "429", times: 1 }],
              beers: 2,
              contract: "v3",
              api: { retryAfterSeconds: seconds, retryAfterFormat: format },
              env: { [ENV.concurrency]: "1", [ENV.deadlineMs]: "2500" },
            });
            const first = await d.container.invoke();
            expect(first.summary).to.include({ fetched: 0, stoppedBy: "rate-limit" });
            const second = await d.container.invoke();
            expect(second.ok).to.equal(false);
            expect(second.error?.message).to.match(/budget spent/);
            expect(d.api.stats.requests).to.equal(1); // the second invocation sent nothing
            // Until the time the 429 named (the server's clock), whatever the cold start took.
            await sleep(d.api.stats.refusedAt[0] + seconds * 1000 + 150 - Date.now());
            const third = await d.container.invoke();
            expect(third.summary).to.include({ fetched: 2, written: 2 });
            expect(d.api.stats.requests).to.equal(3);
          });
        }
      });

    if (options.parts.includes("time cap"))
      describe("the invocation's time cap", () => {
        it("ends 2 s before Lambda's timeout when that comes before the deadline", async () => {
          // A source that never answers: the one request is timed out at the end of the fetch phase,
          // which got names. A 5 s timeout leaves 3 s of budget, 1 s of it kept for the writes: 2 s to
          // fetch, less what passed between Lambda starting the invocation and the request (well under a
          // second). Without the cap the request would get 14 s of the 20 s deadline, and the container
          // would be ended at 5 s (on the archive) before it could report.
          const r = await run({
            faults: [{ fault: "hang" }],
            beers: 1,
            env: {
              [ENV.concurrency]: "1",
              [ENV.maxAttempts]: "1",
              [ENV.deadlineMs]: "20000",
              [ENV.requestTimeoutMs]: "19000",
            },
            lambda: { timeoutMs: 5000 },
          });
          expect(r.ok).to.equal(false);
          expect(r.error?.message).to.match(
            /^nothing could be fetched from the Punk API \(gave up after 1 attempts: network: ETIMEDOUT Timeout awaiting 'request' for \d+ms\)$/,
          );
          const fetchMs = Number(/for (\d+)ms/.exec(r.error!.message)![1]);
          // At most the 2 s; how much less is how long the machine took to get to the request.
          expect(fetchMs).to.be.at.most(2000).and.above(0);
        });
      });

    if (options.parts.includes("kinesis"))
      describe("Kinesis partial failures and outages (fault-injecting proxy)", () => {
        it("resends only the failed entries until all land, saying why", async () => {
          const proxy = await startFaultProxy({ target: kinesis.endpoint, failShare: 0.4, seed: 7 });
          try {
            const r = await run({
              beers: 40,
              kinesisEndpoint: proxy.endpoint,
              env: { [ENV.concurrency]: "8" },
            });
            expect(proxy.stats.failedEntries).to.be.greaterThan(0);
            expect(r.summary).to.include({ valid: 40, written: 40 });
            expect(r.summary.retries).to.be.at.least(1);
            expect(r.summary.retryReasons.join()).to.match(/kinesis: ProvisionedThroughputExceededException/);
            expect(r.summary.kinesisCalls).to.equal(proxy.stats.putRecordsCalls);
            // No duplicates, no loss: 40 entries reached the stream, each a served beer, once.
            expect(r.records).to.have.length(40);
            expect(proxy.stats.forwardedEntries).to.equal(40);
            expectServedOnly(r);
          } finally {
            await proxy.close();
          }
        });

        it("names a failed entry by its error code alone when Kinesis gives no message", async () => {
          const proxy = await startFaultProxy({
            target: kinesis.endpoint,
            failShare: 0.4,
            seed: 7,
            entryError: { code: "InternalFailure" },
          });
          try {
            const r = await run({ beers: 10, kinesisEndpoint: proxy.endpoint });
            expect(proxy.stats.failedEntries).to.be.greaterThan(0);
            expect(r.summary).to.include({ valid: 10, written: 10 });
            // Retry reasons are tallied ("5× ..."); the reason itself is the code, with nothing after it.
            expect(r.summary.retryReasons).to.have.length(1);
            expect(r.summary.retryReasons[0]).to.match(/^(\d+× )?kinesis: InternalFailure$/);
          } finally {
            await proxy.close();
          }
        });

        it("fails loudly when every call fails, after retrying until the deadline", async () => {
          const proxy = await startFaultProxy({
            target: kinesis.endpoint,
            failEveryCall: { status: 400, type: "ProvisionedThroughputExceededException" },
          });
          try {
            const r = await run({
              beers: 5,
              kinesisEndpoint: proxy.endpoint,
              env: { [ENV.deadlineMs]: "2000", [ENV.requestTimeoutMs]: "1000" },
            });
            expect(r.error?.message).to.match(
              /^5 of 5 valid beers could not be written to Kinesis \(5× deadline reached; last error: ProvisionedThroughputExceededException/,
            );
            expect(r.summary).to.include({ valid: 5, written: 0 });
            expect(r.summary.unwritten).to.have.length(5);
            expect(r.summary.unwritten[0].reason).to.match(/ProvisionedThroughputExceededException/);
            expect(proxy.stats.putRecordsCalls).to.be.greaterThan(1);
            expect(r.records).to.have.length(0);
          } finally {
            await proxy.close();
          }
        });

        it("fails at once, without retrying, when the stream does not exist", async () => {
          const d = await deploy({ beers: 3, streamName: "no-such-stream" });
          const r = await d.container.invoke();
          expect(r.ok).to.equal(false);
          expect(r.summary).to.include({ valid: 3, written: 0, kinesisCalls: 1 });
          expect(r.summary!.unwritten[0].reason).to.match(/ResourceNotFoundException/);
        });
      });
  });
}
