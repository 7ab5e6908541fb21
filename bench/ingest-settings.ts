/**
 * The settings of `npm run bench:ingest`, apart from its options: what the measurement uses and what
 * docs/benchmark.md states (test/docs/figures.test.ts holds the page to them).
 */
import { SETTINGS } from "../handler/settings";

export const INGEST_BENCH = {
  /** The handler's requests in flight: the benchmark's own, twice the function's default. */
  concurrency: 2 * SETTINGS.concurrency.default,
  /** Latency the stand-in adds to every response, standing for a remote API. */
  latencyMs: 20,
  /** Unmeasured runs before the measured ones, per side. */
  warmups: { baseline: 1, handler: 5 },
  /** The handler's runs are cheap: it gets this many measured runs per run of the original way. */
  handlerRunsPerBaselineRun: 5,
} as const;

/** (b)'s floor: the rounds of `concurrency` requests `beers` beers need, each one stand-in latency long. */
export const floorMs = (beers: number) =>
  Math.ceil(beers / INGEST_BENCH.concurrency) * INGEST_BENCH.latencyMs;
