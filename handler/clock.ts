/**
 * The handler's time: the one place it reads the time and the one way it waits. Injected (SourceOptions,
 * SinkOptions, IngestDeps, createHandler) so that tests drive time instead of measuring it: on a busy
 * machine a 40 ms timer can end 38 ms of wall clock later (Node's timers start from the loop's cached
 * time), so a test that times real waits fails for reasons that are not the handler's.
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Resolves after `ms` (at once when `ms` is zero or negative). */
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};
