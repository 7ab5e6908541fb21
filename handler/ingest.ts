/**
 * One invocation: fetch (N random beers, or the whole catalogue), validate, write, log one JSON line, and
 * throw when anything valid was lost, nothing came in or a snapshot is incomplete, so Lambda's retries and
 * the failure destination keep the event. Fields the lake's schema does not declare (schema drift) are
 * counted and named in the line, at level warn when nothing failed: the beers carrying them are written.
 */
import { Contract, IngestMode, unwrapPage } from "./contract";
import type { KinesisRecord } from "./batch";
import { Clock, systemClock } from "./clock";
import { beerRecord, RecordResult, toRecord } from "./record";
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
  /** Schema drift: the distinct paths of fields the lake's schema does not declare, over the valid beers. */
  unknownFields: number;
  /** The first of them by name (UNKNOWN_FIELDS_LOGGED at most; `unknownFields` keeps the count). */
  unknownFieldPaths: string[];
  /** The valid beers that carried one or more of them. */
  beersWithUnknownFields: number;
}

/**
 * How many unknown field paths the log line names: a source that changed shape wholesale would otherwise
 * fill the line (CloudWatch Logs takes events up to 256 KB); the count is kept in full.
 */
export const UNKNOWN_FIELDS_LOGGED = 20;

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

/** The line's message when the beers carried fields the lake's schema does not declare. */
function driftMessage(s: IngestSummary): string {
  const more = s.unknownFields - s.unknownFieldPaths.length;
  const names = `${s.unknownFieldPaths.join(", ")}${more ? ` and ${more} more` : ""}`;
  return `ingested; ${s.beersWithUnknownFields} of ${s.valid} beers carry fields the lake's schema does not declare, which the curated table drops (the raw zone keeps them): ${names}`;
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
  const unknownPaths = new Set<string>();
  let beersWithUnknownFields = 0;
  const judged = (result: RecordResult): void => {
    if (!result.ok) {
      rejections.push(result.reason);
      return;
    }
    records.push(result.record);
    if (result.unknownFields.length) beersWithUnknownFields++;
    for (const p of result.unknownFields) unknownPaths.add(p);
  };
  let fetched: FetchOutcome;
  let beersFetched: number;
  let incomplete: string | undefined;
  if (request.mode === "random") {
    // Each body is judged as it arrives, while the other requests are still in flight.
    fetched = await fetchRandomBeers(deps.source, request.beers, fetchBy, (body) => {
      judged(toRecord(deps.contract, body));
    });
    beersFetched = fetched.fetched;
  } else {
    beersFetched = 0;
    const snapshot = await fetchCatalogue(deps.source, fetchBy, (body) => {
      const page = unwrapPage(body);
      if (!page.ok) return page;
      beersFetched += page.items.length;
      for (const item of page.items) judged(beerRecord(deps.contract, item.value, item.raw));
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
    unknownFields: unknownPaths.size,
    unknownFieldPaths: [...unknownPaths].sort().slice(0, UNKNOWN_FIELDS_LOGGED),
    beersWithUnknownFields,
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
  // A failure says what failed; drift alone is a warning (every beer was written, the raw zone has it all).
  const drift = summary.unknownFields ? driftMessage(summary) : undefined;
  deps.log({
    level: failure ? "error" : drift ? "warn" : "info",
    msg: failure ?? drift ?? "ingested",
    ...summary,
    ...emfMembers(summary, deps.stack, clock.now()),
  });
  if (failure) throw ingestError(failure, summary);
  return summary;
}
