/** A day option (`--from 2026-11-01`): a real calendar day in UTC, or a UsageError naming the option. */
import { UsageError } from "./command";

export function day(option: string, raw: string | undefined): string {
  if (raw === undefined) throw new UsageError(`--${option} is required (a day, yyyy-MM-dd)`);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  // Date.UTC rolls 2026-02-30 over to March: a day that does not survive the round trip is no day.
  if (!date || date.toISOString().slice(0, 10) !== raw)
    throw new UsageError(`--${option} must be a day as yyyy-MM-dd, got "${raw}"`);
  return raw;
}

/** Both ends of a range of days, the first not after the last. */
export function dayRange(from: string | undefined, to: string | undefined): { from: string; to: string } {
  const range = { from: day("from", from), to: day("to", to) };
  if (range.from > range.to) throw new UsageError(`--from ${range.from} is after --to ${range.to}`);
  return range;
}
