/**
 * EventBridge schedule expressions: `rate(value unit)` and `cron(...)` (six fields). Validated here so a
 * typo stops the program instead of failing at deploy time; the local run also needs the period.
 */
export type Schedule =
  | { kind: "rate"; periodMs: number; expression: string }
  | { kind: "cron"; expression: string };

const UNITS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** Returns the schedule, or a reason the expression is not one. */
export function parseSchedule(expression: string): Schedule | { error: string } {
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (rate) {
    const value = Number(rate[1]);
    const unit = rate[2].replace(/s$/, "");
    if (value < 1) return { error: "a rate must be at least 1" };
    // EventBridge wants the singular unit for 1 and the plural otherwise.
    if ((value === 1) !== (rate[2] === unit)) {
      return { error: `use "rate(1 ${unit})" for one and "rate(N ${unit}s)" for more` };
    }
    return { kind: "rate", periodMs: value * UNITS[unit], expression };
  }
  const cron = /^cron\(([^)]+)\)$/.exec(expression);
  if (cron) {
    const fields = cron[1].trim().split(/\s+/);
    if (fields.length !== 6)
      return {
        error: `cron needs 6 fields (minutes hours day-of-month month day-of-week year), got ${fields.length}`,
      };
    return { kind: "cron", expression };
  }
  return { error: 'expected "rate(N minutes|hours|days)" or "cron(...)"' };
}
