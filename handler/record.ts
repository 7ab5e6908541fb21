/**
 * From one /beers/random response body (or one beer of a catalogue page) to one Kinesis record, or a reason
 * it is not one: the beer's exact text plus "\n" (Firehose concatenates records, so the newline makes the
 * lake NDJSON), keyed by beer id; with the fields of the beer the lake's schema does not declare (schema
 * drift, ./unknown-fields.ts): such a beer is still valid and still written, byte for byte, so the raw zone
 * keeps what the curated zone drops.
 */
import { KinesisRecord, LIMITS, recordSize } from "./batch";
import { Contract, unwrapRandom } from "./contract";
import { unknownFields } from "./unknown-fields";
import { validateBeer } from "./validate";

export type RecordResult =
  | { ok: true; record: KinesisRecord; unknownFields: string[] }
  | { ok: false; reason: string };

export function toRecord(contract: Contract, body: Uint8Array): RecordResult {
  const unwrapped = unwrapRandom(contract, body);
  if (!unwrapped.ok) return unwrapped;
  return beerRecord(contract, unwrapped.value, unwrapped.raw);
}

/** One beer (parsed, and its exact text) to a record, or why it is not one. */
export function beerRecord(contract: Contract, value: unknown, raw: string): RecordResult {
  const verdict = validateBeer(contract, value);
  if (!verdict.ok) return verdict;
  const record = { data: Buffer.from(`${raw}\n`, "utf8"), partitionKey: String(verdict.id) };
  const size = recordSize(record);
  if (size > LIMITS.bytesPerRecord) {
    return {
      ok: false,
      reason: `beer ${verdict.id}: record of ${size} bytes exceeds the 1 MiB Kinesis limit`,
    };
  }
  return { ok: true, record, unknownFields: unknownFields(value) };
}
