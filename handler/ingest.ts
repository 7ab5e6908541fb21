/**
 * One invocation: fetch, validate, write, log one JSON line, and throw when anything valid was lost or
 * nothing came in, so Lambda's retries and the failure destination keep the event.
 */
import type { Contract } from "./contract";
import type { KinesisRecord } from "./batch";
import { toRecord } from "./record";
import { putAll, SinkOptions } from "./sink";
import { fetchRandomBeers, SourceOptions, StopReason } from "./source";

export interface IngestDeps {
  source: SourceOptions;
  sink: SinkOptions;
  contract: Contract;
  log: (line: Record<string, unknown>) => void;
}

export interface IngestSummary {
  requested: number;
  fetched: number;
  valid: number;
  rejected: number;
  written: number;
  retries: number;
  /** Why each retry was made, counted (a retry that succeeded included): none goes unexplained. */
  retryReasons: string[];
  durationMs: number;
  failedFetches: number;
  kinesisCalls: number;
  stoppedBy: StopReason | undefined;
  rejections: string[];
  fetchFailures: string[];
  unwritten: { partitionKey: string; reason: string }[];
}

export interface IngestError extends Error {
  readonly summary: IngestSummary;
}

/** Identified by `name` (see configError). */
export function ingestError(message: string, summary: IngestSummary): IngestError {
  return Object.assign(new Error(message), { name: "IngestError", summary });
}

export function isIngestError(error: unknown): error is IngestError {
  return error instanceof Error && error.name === "IngestError";
}

/** Splits the time budget: fetching stops early enough to leave the writes a fair share (≥ 1 s, 30 %). */
export function phaseDeadlines(start: number, budgetMs: number): { fetchBy: number; writeBy: number } {
  const reserve = Math.max(1000, Math.floor(budgetMs * 0.3));
  return { fetchBy: start + Math.max(0, budgetMs - reserve), writeBy: start + budgetMs };
}

/** Reasons repeat (a burst of the same 503): keep the log line readable by counting them. */
function tally(reasons: string[]): string[] {
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts].map(([reason, n]) => (n > 1 ? `${n}× ${reason}` : reason));
}

export async function ingest(deps: IngestDeps, requested: number, budgetMs: number): Promise<IngestSummary> {
  const start = Date.now();
  const { fetchBy, writeBy } = phaseDeadlines(start, budgetMs);
  const rejections: string[] = [];
  const records: KinesisRecord[] = [];
  // Each body is judged as it arrives, while the other requests are still in flight.
  const fetched = await fetchRandomBeers(deps.source, requested, fetchBy, (body) => {
    const result = toRecord(deps.contract, body);
    if (result.ok) records.push(result.record);
    else rejections.push(result.reason);
  });

  const sink = records.length
    ? await putAll(deps.sink, records, writeBy)
    : { written: 0, retries: 0, retryReasons: [], calls: 0, unwritten: [] };

  const summary: IngestSummary = {
    requested,
    fetched: fetched.fetched,
    valid: records.length,
    rejected: rejections.length,
    written: sink.written,
    retries: fetched.retries + sink.retries,
    retryReasons: tally([...fetched.retryReasons, ...sink.retryReasons]),
    durationMs: Date.now() - start,
    failedFetches: fetched.failures.length,
    kinesisCalls: sink.calls,
    stoppedBy: fetched.stoppedBy,
    rejections: tally(rejections),
    fetchFailures: tally(fetched.failures),
    unwritten: sink.unwritten,
  };

  let failure: string | undefined;
  if (summary.written < summary.valid) {
    const why = tally(summary.unwritten.map((u) => u.reason)).join("; ");
    failure = `${summary.valid - summary.written} of ${summary.valid} valid beers could not be written to Kinesis (${why})`;
  } else if (summary.fetched === 0) {
    failure = `nothing could be fetched from the Punk API (${summary.fetchFailures.join("; ")})`;
  } else if (summary.valid === 0) {
    failure = `no valid beer among ${summary.fetched} responses (${summary.rejections.join("; ")})`;
  }
  deps.log({ level: failure ? "error" : "info", msg: failure ?? "ingested", ...summary });
  if (failure) throw ingestError(failure, summary);
  return summary;
}
