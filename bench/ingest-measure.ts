/**
 * The measurement behind `npm run bench:ingest` (bench/ingest.ts): both sides, side by side, against the
 * stand-in and kinesalite in a child process. Loaded by the command once its options are good.
 */
import { KinesisClient, PutRecordCommand } from "@aws-sdk/client-kinesis";
import got from "got";
import { Agent } from "http";
import { toRecord } from "../handler/record";
import { ingest } from "../handler/ingest";
import { RANDOM_PATH } from "../handler/contract";
import { fork } from "child_process";
import path from "path";
import { createKinesisClient } from "../handler/clients";
import { createActiveStream, readAll } from "../local/stand-ins/services/kinesis";
import { buildDeps } from "../handler/deps";
import { parseConfig } from "../handler/config";
import { ENV } from "../handler/settings";
import { floorMs as floorOf, INGEST_BENCH } from "./ingest-settings";

let streams = 0;
const CONCURRENCY = INGEST_BENCH.concurrency;
const LATENCY_MS = INGEST_BENCH.latencyMs;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const counters = new WeakMap<KinesisClient, { count: number }>();

/** Counts the client's calls from now on (one middleware per client, reset at each call of this). */
function countCalls(client: KinesisClient): { count: number } {
  const existing = counters.get(client);
  if (existing) {
    existing.count = 0;
    return existing;
  }
  const counter = { count: 0 };
  counters.set(client, counter);
  client.middlewareStack.add(
    (next) => async (args) => {
      counter.count++;
      return next(args);
    },
    { step: "initialize", name: "benchCallCounter" },
  );
  return counter;
}

async function baseline(
  sourceUrl: string,
  kinesis: KinesisClient,
  streamName: string,
  n: number,
): Promise<void> {
  // The original called requests.get() with no Session: a new connection for every beer. The SDK client,
  // like boto3's, keeps its connection.
  const http = got.extend({
    prefixUrl: sourceUrl,
    agent: { http: new Agent({ keepAlive: false }) },
    retry: 0,
  });
  for (let i = 0; i < n; i++) {
    const body = (await http.get(RANDOM_PATH, { responseType: "buffer" })).body;
    // The same validation and record format as the handler: only the I/O pattern differs.
    const beer = toRecord("v2", body);
    if (!beer.ok) throw new Error(beer.reason);
    await kinesis.send(
      new PutRecordCommand({
        StreamName: streamName,
        Data: beer.record.data,
        PartitionKey: beer.record.partitionKey,
      }),
    );
  }
}

/** The stand-in and kinesalite in their own process, so their work does not share the client's thread. */
async function startServices(latencyMs: number) {
  const child = fork(path.join(__dirname, "services.ts"), [String(latencyMs)], {
    execArgv: ["-r", "tsx/cjs"],
  });
  const urls = await new Promise<{ sourceUrl: string; kinesisEndpoint: string }>((resolve, reject) => {
    child.once("message", (m) => resolve(m as { sourceUrl: string; kinesisEndpoint: string }));
    child.once("exit", (code) => reject(new Error(`services exited (${code})`)));
  });
  return { ...urls, close: () => child.disconnect() };
}

/** Both sides for `beers` beers: `runs` measured runs of the original way, five times as many of the handler. */
export async function measureIngest(beers: number, runs: number) {
  /** Measured runs and unmeasured warm-ups per side; the handler's runs are cheap, so it gets more of both. */
  const BASELINE = { warmups: INGEST_BENCH.warmups.baseline, runs };
  const HANDLER = {
    warmups: INGEST_BENCH.warmups.handler,
    runs: runs * INGEST_BENCH.handlerRunsPerBaselineRun,
  };
  const services = await startServices(LATENCY_MS);
  const api = { url: services.sourceUrl };
  const kinesis = {
    endpoint: services.kinesisEndpoint,
    client: createKinesisClient({
      region: "us-east-1",
      kinesisEndpoint: services.kinesisEndpoint,
      credentials: undefined,
    }),
  };
  try {
    // (a) the original way: unmeasured warm-ups, then measured runs, each into a fresh stream.
    const baselineRuns: number[] = [];
    let baselineCalls = 0;
    let landedA = 0;
    for (let run = 0; run < BASELINE.warmups + BASELINE.runs; run++) {
      const stream = await createActiveStream(kinesis.client, `bench-${++streams}`, 1);
      const calls = countCalls(kinesis.client);
      const t0 = performance.now();
      await baseline(api.url, kinesis.client, stream, beers);
      const elapsed = performance.now() - t0;
      const callCount = calls.count;
      if (run < BASELINE.warmups) continue;
      baselineRuns.push(elapsed);
      baselineCalls = callCount;
      landedA = (await readAll(kinesis.client, stream)).length;
    }

    // (b) the handler, the same way: one warm container (clients kept, as across scheduled invocations),
    // unmeasured warm-up invocations, then measured ones, each into a fresh stream.
    const handlerRuns: number[] = [];
    let handlerCalls = 0;
    let landedB = 0;
    // Built as the entry builds them, from an environment: the deployed defaults but the benchmark's concurrency.
    const deps = buildDeps(
      parseConfig({
        [ENV.streamName]: "bench",
        [ENV.sourceUrl]: api.url,
        [ENV.contract]: "v2",
        [ENV.concurrency]: String(CONCURRENCY),
        [ENV.kinesisEndpoint]: kinesis.endpoint,
      }),
      () => undefined,
    );
    for (let run = 0; run < HANDLER.warmups + HANDLER.runs; run++) {
      const stream = await createActiveStream(kinesis.client, `bench-${++streams}`, 1);
      deps.sink.streamName = stream;
      const calls = countCalls(deps.sink.kinesis as KinesisClient);
      const t1 = performance.now();
      const summary = await ingest(deps, { mode: "random", beers }, 30_000);
      const elapsed = performance.now() - t1;
      if (run < HANDLER.warmups) continue;
      handlerRuns.push(elapsed);
      handlerCalls = calls.count;
      landedB = summary.written === beers ? (await readAll(kinesis.client, stream)).length : summary.written;
    }
    if (landedA !== beers || landedB !== beers) {
      throw new Error(`records lost: baseline ${landedA}, handler ${landedB} of ${beers}`);
    }
    const baselineMs = median(baselineRuns);
    const handlerMs = median(handlerRuns);
    const floorMs = floorOf(beers);
    const speedup = baselineMs / handlerMs;
    const floorRatio = handlerMs / floorMs;
    const ms = (x: number) => Math.round(x);
    const result = {
      beers,
      latencyMs: LATENCY_MS,
      baseline: { medianMs: ms(baselineMs), kinesisCalls: baselineCalls, runs: baselineRuns.map(ms) },
      handler: {
        medianMs: ms(handlerMs),
        kinesisCalls: handlerCalls,
        runs: handlerRuns.map(ms),
        concurrency: CONCURRENCY,
      },
      speedup: Number(speedup.toFixed(1)),
      floorMs,
      floorRatio: Number(floorRatio.toFixed(2)),
    };
    return result;
  } finally {
    kinesis.client.destroy();
    services.close();
  }
}
