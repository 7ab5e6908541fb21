/**
 * Firehose's buffering, as a pure state machine: records accumulate until the buffer reaches its size
 * hint or its oldest record has waited the interval hint, whichever comes first (Firehose guide,
 * "Buffering hints"). The caller supplies the clock, so tests and speed-ups control time.
 */
export interface BufferedRecord {
  data: Uint8Array;
  arrival: Date;
  /** Kinesis's sequence number, which an error document names. */
  sequenceNumber?: string;
}

export interface BufferHints {
  sizeBytes: number;
  intervalMs: number;
}

export class DeliveryBuffer {
  private records: BufferedRecord[] = [];
  private bytes = 0;
  private openedAt: number | undefined;

  constructor(private readonly hints: BufferHints) {}

  add(record: BufferedRecord, now: number): void {
    if (this.records.length === 0) this.openedAt = now;
    this.records.push(record);
    this.bytes += record.data.byteLength;
  }

  get size(): number {
    return this.bytes;
  }

  get count(): number {
    return this.records.length;
  }

  /** Whether a hint has been reached: the buffer is due to be written. */
  due(now: number): boolean {
    if (this.records.length === 0) return false;
    return this.bytes >= this.hints.sizeBytes || now - (this.openedAt ?? now) >= this.hints.intervalMs;
  }

  /** Empties the buffer and returns its records, oldest first. */
  take(): BufferedRecord[] {
    const out = this.records;
    this.records = [];
    this.bytes = 0;
    this.openedAt = undefined;
    return out;
  }
}
