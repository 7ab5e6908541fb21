/**
 * An EventBridge schedule, locally: `rate(...)` becomes a timer whose period is divided by the run's
 * speed-up. `cron(...)` is refused with a clear message: a local run has no wall-clock calendar to follow.
 */
import { parseSchedule } from "../../config/schedule";

export function localPeriodMs(expression: string, speed: number): number {
  const schedule = parseSchedule(expression);
  if ("error" in schedule) throw new Error(`schedule "${expression}": ${schedule.error}`);
  if (schedule.kind === "cron") {
    throw new Error(
      `schedule "${expression}": cron(...) schedules are not run locally; set scheduleExpression to rate(...) for a local run`,
    );
  }
  return schedule.periodMs / speed;
}

export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  ticks = 0;

  constructor(
    private readonly periodMs: number,
    private readonly onTick: (tick: number) => void,
    private readonly maxTicks: number | undefined,
  ) {}

  /** Like EventBridge, the first event comes one period after the rule is created. */
  start(): void {
    this.timer = setInterval(() => {
      this.ticks++;
      this.onTick(this.ticks);
      if (this.maxTicks !== undefined && this.ticks >= this.maxTicks) this.stop();
    }, this.periodMs);
  }

  get done(): boolean {
    return this.maxTicks !== undefined && this.ticks >= this.maxTicks;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
