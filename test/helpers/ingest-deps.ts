/** Real clients wired as the entry wires them (handler/deps.ts), with short timings so fault tests stay fast. */
import type { Contract } from "../../handler/contract";
import { buildDeps } from "../../handler/deps";
import type { IngestDeps } from "../../handler/ingest";

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
  const deps = buildDeps(
    {
      sourceUrl: o.sourceUrl,
      contract: o.contract ?? "v2",
      streamName: o.streamName,
      concurrency: o.concurrency ?? 4,
      requestTimeoutMs: o.requestTimeoutMs ?? 2000,
      maxAttempts: o.maxAttempts ?? 4,
      region: "us-east-1",
      kinesisEndpoint: o.kinesisEndpoint,
    },
    { baseMs: 5, capMs: 50 },
    (line) => logs.push(line),
  );
  return { ...deps, logs };
}
