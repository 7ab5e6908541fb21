/**
 * What the estimate assumes about use, beside the configuration: sizes measured on the catalogue, the
 * function's duration from local runs. test/cost/estimate.test.ts holds the record size to the catalogue.
 */
import type { Contract, IngestMode } from "../handler/contract";

export interface Usage {
  recordBytes: number;
  rawStoredBytes: number;
  curatedStoredBytes: number;
  catalogueBeers: Record<Contract, number>;
  durationMs: Record<IngestMode, number>;
  logBytesPerInvocation: number;
  streamConsumers: number;
  hoursPerMonth: number;
}

export const USAGE = {
  /** Average bytes of a beer record (its JSON and a newline): 1,935 over the 325 v2 beers, 1,870 over the 415 v3. */
  recordBytes: 1950,
  /** Bytes stored per record: gzip NDJSON of a few records per object, and a Parquet row. */
  rawStoredBytes: 800,
  curatedStoredBytes: 300,
  /** Beers in a catalogue snapshot: the real v3 has 415, v2 had 325. */
  catalogueBeers: { v2: 325, v3: 415 },
  /** Billed duration of an invocation (ms): random mode writes a few beers, a snapshot pages 5 or 6 times. */
  durationMs: { random: 800, catalogue: 3000 },
  /** Log bytes per invocation: the summary line with its metrics, and Lambda's START/END/REPORT lines. */
  logBytesPerInvocation: 2000,
  /** Consumers of the stream: the raw and the curated delivery streams. */
  streamConsumers: 2,
  hoursPerMonth: 730,
} as const satisfies Usage;
