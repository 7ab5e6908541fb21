/**
 * A clock for the handler (handler/clock.ts) that moves only when told: every wait the code asks for is
 * recorded and passes at once, moving the time forward by exactly that much; a test moves it for anything
 * else that takes time (`advance`). Tests of spacing, deadlines and durations then assert what was asked
 * for, to the millisecond, however busy the machine is.
 */
import type { Clock } from "../../handler/clock";

export interface VirtualClock extends Clock {
  /** Every wait asked for, in order, as asked (a negative one included). */
  readonly waits: number[];
  advance(ms: number): void;
}

/** Starts at a fixed instant, so that what is computed from it is the same on every run. */
export const VIRTUAL_START = Date.parse("2026-01-01T00:00:00Z");

export function virtualClock(start = VIRTUAL_START): VirtualClock {
  let now = start;
  const waits: number[] = [];
  return {
    waits,
    now: () => now,
    advance(ms) {
      now += ms;
    },
    async sleep(ms) {
      waits.push(ms);
      now += Math.max(0, ms);
      // A turn of the event loop, as a real wait gives: I/O and mocha's own timeout still run, so code
      // that loops on waits that never reach its deadline fails the test instead of hanging the process.
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}
