/**
 * The local run's timers (local/support/timers.ts) on a `@sinonjs/fake-timers` clock of their own: time moves only
 * when the test ticks it, while the rest of the process (child processes, sockets, mocha) keeps real time.
 */
import FakeTimers from "@sinonjs/fake-timers";
import type { Timers } from "../../local/support/timers";

export function fakeTimers(start = 0): { clock: FakeTimers.Clock; timers: Timers } {
  const clock = FakeTimers.createClock(start);
  type Id = Parameters<typeof clock.clearTimeout>[0];
  return {
    clock,
    timers: {
      now: () => clock.now,
      setTimeout: (callback, ms) => clock.setTimeout(callback, ms),
      clearTimeout: (id) => clock.clearTimeout(id as Id),
      setInterval: (callback, ms) => clock.setInterval(callback, ms),
      clearInterval: (id) => clock.clearInterval(id as Id),
    },
  };
}

/** Waits (in real time) until `condition` holds: for what a child process or a socket does meanwhile. */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
