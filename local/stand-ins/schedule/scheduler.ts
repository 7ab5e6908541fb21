/**
 * An EventBridge schedule, locally: `rate(...)` becomes a timer whose period is divided by the run's
 * speed-up. `cron(...)` is refused with a clear message: a local run has no wall-clock calendar to follow.
 */
import { parseSchedule } from "../../../config/schedule";
import { systemTimers, Timers } from "../../support/timers";

export const CRON_NOT_LOCAL =
  'is a cron(...) schedule, which a local run does not follow (it has no calendar to keep); run it with --config scheduleExpression="rate(5 minutes)"';

export function localPeriodMs(expression: string, speed: number): number {
  const schedule = parseSchedule(expression);
  if ("error" in schedule) throw new Error(`schedule "${expression}": ${schedule.error}`);
  if (schedule.kind === "cron") throw new Error(CRON_NOT_LOCAL);
  return schedule.periodMs / speed;
}

export class Scheduler {
  private timer: unknown;
  ticks = 0;

  constructor(
    private readonly periodMs: number,
    private readonly onTick: (tick: number) => void,
    private readonly maxTicks: number | undefined,
    /** Told how long until the next event whenever one is ahead (for a word during long waits). */
    private readonly onWait?: (ms: number) => void,
    /** The system's timers unless a test drives them. */
    private readonly timers: Timers = systemTimers,
  ) {}

  /** Like EventBridge, the first event comes one period after the rule is created. */
  start(): void {
    this.onWait?.(this.periodMs);
    this.timer = this.timers.setInterval(() => {
      this.ticks++;
      this.onTick(this.ticks);
      if (this.maxTicks !== undefined && this.ticks >= this.maxTicks) this.stop();
      else this.onWait?.(this.periodMs);
    }, this.periodMs);
  }

  get done(): boolean {
    return this.maxTicks !== undefined && this.ticks >= this.maxTicks;
  }

  stop(): void {
    if (this.timer !== undefined) this.timers.clearInterval(this.timer);
    this.timer = undefined;
  }
}
