/**
 * One invocation: fetch (N random beers, or the whole catalogue), validate, write, log one JSON line, and
 * throw when anything valid was lost, nothing came in or a snapshot is incomplete, so Lambda's retries and
 * the failure destination keep the event.
 */
import { Contract, IngestMode, unwrapPage } from "./contract";
import type { KinesisRecord } from "./batch";
import { Clock, systemClock } from "./clock";
import { beerRecord, toRecord } from "./record";
import { emfMembers } from "./metrics";
import { putAll, SinkOptions } from "./sink";
import { fetchCatalogue, fetchRandomBeers, FetchOutcome, SourceOptions, StopReason } from "./source";

export interface IngestDeps {
  source: SourceOptions;
  sink: SinkOptions;
  contract: Contract;
  /** The stack the function belongs to: the dimension of its metrics. */
  stack: string;
  log: (line: Record<string, unknown>) => void;
  /** The invocation's time (its start, duration and metric timestamp); the source and sink carry their own. */
  clock?: Clock;
}

/** What an invocation asks of the API. */
export type IngestRequest = { mode: "random"; beers: number } | { mode: "catalogue" };

export interface IngestSummary {
  mode: IngestMode;
  /** Random: the beers asked for. Catalogue: the beers on the pages received. */
  requested: number;
  /** Catalogue: the pages received (0 in random mode). */
  pages: number;
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

export async function ingest(
  deps: IngestDeps,
  request: IngestRequest,
  budgetMs: number,
): Promise<IngestSummary> {
  const clock = deps.clock ?? systemClock;
  const start = clock.now();
  const { fetchBy, writeBy } = phaseDeadlines(start, budgetMs);
  const rejections: string[] = [];
  const records: KinesisRecord[] = [];
  let fetched: FetchOutcome;
  let beersFetched: number;
  let incomplete: string | undefined;
  if (request.mode === "random") {
    // Each body is judged as it arrives, while the other requests are still in flight.
    fetched = await fetchRandomBeers(deps.source, request.beers, fetchBy, (body) => {
      const result = toRecord(deps.contract, body);
      if (result.ok) records.push(result.record);
      else rejections.push(result.reason);
    });
    beersFetched = fetched.fetched;
  } else {
    beersFetched = 0;
    const snapshot = await fetchCatalogue(deps.source, fetchBy, (body) => {
      const page = unwrapPage(body);
      if (!page.ok) return page;
      beersFetched += page.items.length;
      for (const item of page.items) {
        const result = beerRecord(deps.contract, item.value, item.raw);
        if (result.ok) records.push(result.record);
        else rejections.push(result.reason);
      }
      return { ok: true, items: page.items.length };
    });
    fetched = snapshot;
    if (!snapshot.complete) incomplete = snapshot.failures.join("; ");
  }

  const sink = records.length
    ? await putAll(deps.sink, records, writeBy)
    : { written: 0, retries: 0, retryReasons: [], calls: 0, unwritten: [] };

  const summary: IngestSummary = {
    mode: request.mode,
    requested: request.mode === "random" ? request.beers : beersFetched,
    pages: request.mode === "catalogue" ? fetched.fetched : 0,
    fetched: beersFetched,
    valid: records.length,
    rejected: rejections.length,
    written: sink.written,
    retries: fetched.retries + sink.retries,
    retryReasons: tally([...fetched.retryReasons, ...sink.retryReasons]),
    durationMs: clock.now() - start,
    failedFetches: fetched.failures.length,
    kinesisCalls: sink.calls,
    stoppedBy: fetched.stoppedBy,
    rejections: tally(rejections),
    fetchFailures: tally(fetched.failures),
    unwritten: sink.unwritten,
  };

  let failure: string | undefined;
  if (incomplete !== undefined) {
    // What the pages before held is written (a retried snapshot writes it again: duplicates, never a loss).
    const lost =
      summary.written < summary.valid ? `; ${summary.valid - summary.written} of them not written` : "";
    failure = `the catalogue snapshot is incomplete: ${incomplete} (${summary.written} beers of ${summary.pages} earlier pages written${lost})`;
  } else if (summary.written < summary.valid) {
    const why = tally(summary.unwritten.map((u) => u.reason)).join("; ");
    failure = `${summary.valid - summary.written} of ${summary.valid} valid beers could not be written to Kinesis (${why})`;
  } else if (summary.fetched === 0) {
    failure = `nothing could be fetched from the Punk API (${summary.fetchFailures.join("; ")})`;
  } else if (summary.valid === 0) {
    failure = `no valid beer among ${summary.fetched} responses (${summary.rejections.join("; ")})`;
  }
  deps.log({
    level: failure ? "error" : "info",
    msg: failure ?? "ingested",
    ...summary,
    ...emfMembers(summary, deps.stack, clock.now()),
  });
  if (failure) throw ingestError(failure, summary);
  return summary;
}
