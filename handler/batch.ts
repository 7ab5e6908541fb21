/**
 * PutRecords limits (Kinesis Data Streams API reference): at most 500 records and 5 MiB per call, and
 * at most 1 MiB per record, where a record's size is its data plus its partition key.
 */
export const LIMITS = {
  recordsPerCall: 500,
  bytesPerCall: 5 * 1024 * 1024,
  bytesPerRecord: 1024 * 1024,
} as const;

export type Limits = { recordsPerCall: number; bytesPerCall: number; bytesPerRecord: number };

export interface KinesisRecord {
  data: Uint8Array;
  partitionKey: string;
}

export function recordSize(record: KinesisRecord): number {
  // Buffer.byteLength counts a string's UTF-8 bytes by default (an explicit "utf8" would only add an
  // equivalent mutant: it reads an unknown encoding as UTF-8 too).
  return record.data.byteLength + Buffer.byteLength(record.partitionKey);
}

/** Splits records into calls that respect the limits, keeping their order. Oversized records are refused. */
export function planBatches<T extends KinesisRecord>(
  records: readonly T[],
  limits: Limits = LIMITS,
): { batches: T[][]; oversized: T[] } {
  const batches: T[][] = [];
  const oversized: T[] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const record of records) {
    const size = recordSize(record);
    if (size > limits.bytesPerRecord) {
      oversized.push(record);
      continue;
    }
    if (current.length === limits.recordsPerCall || bytes + size > limits.bytesPerCall) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(record);
    bytes += size;
  }
  if (current.length) batches.push(current);
  return { batches, oversized };
}
