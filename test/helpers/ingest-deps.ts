/** Real clients wired as the entry wires them, with short timings so fault tests stay fast. */
import { createHttpClient, createKinesisClient } from "../../handler/clients";
import type { Contract } from "../../handler/contract";
import type { IngestDeps } from "../../handler/ingest";
import { RateBudget } from "../../handler/rate-budget";

export interface DepsOptions {
  sourceUrl: string;
  kinesisEndpoint: string;
  streamName: string;
  contract?: Contract;
  concurrency?: number;
  requestTimeoutMs?: number;
  maxAttempts?: number;
}

export function ingestDeps(o: DepsOptions): IngestDeps & { logs: Record<string, unknown>[] } {
  const logs: Record<string, unknown>[] = [];
  const backoff = { baseMs: 5, capMs: 50 };
  return {
    logs,
    contract: o.contract ?? "v2",
    source: {
      http: createHttpClient({ sourceUrl: o.sourceUrl }),
      budget: new RateBudget(),
      concurrency: o.concurrency ?? 4,
      requestTimeoutMs: o.requestTimeoutMs ?? 2000,
      maxAttempts: o.maxAttempts ?? 4,
      backoff,
    },
    sink: {
      kinesis: createKinesisClient({ region: "us-east-1", kinesisEndpoint: o.kinesisEndpoint }),
      streamName: o.streamName,
      backoff,
    },
    log: (line) => logs.push(line),
  };
}
