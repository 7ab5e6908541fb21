/**
 * The local run's timers, injected where a test needs to drive them (the containers' slow-attempt reports
 * and Lambda's retry delays): on a loaded machine a real interval can fire late or twice close together,
 * so a test that times real timers fails for reasons that are not the code's. `@sinonjs/fake-timers`'
 * clock has this shape.
 */
export interface Timers {
  /** Epoch milliseconds. */
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(id: unknown): void;
}

export const systemTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (id) => clearTimeout(id as NodeJS.Timeout),
  setInterval: (callback, ms) => setInterval(callback, ms),
  clearInterval: (id) => clearInterval(id as NodeJS.Timeout),
};
