/**
 * The local EventBridge schedule (local/stand-ins/schedule/scheduler.ts) on fake timers: the first event one period
 * after the start, then one every period, up to the run's count, with a word before each wait; a rate's
 * period divided by the speed-up, and cron refused.
 */
import { expect } from "chai";
import { CRON_NOT_LOCAL, localPeriodMs, Scheduler } from "../../local/stand-ins/schedule/scheduler";
import { fakeTimers } from "../helpers/fake-timers";

describe("the local schedule", () => {
  it("fires one period after it starts, then every period, and stops after its count", () => {
    const { clock, timers } = fakeTimers();
    const ticks: [number, number][] = [];
    const waits: [number, number][] = [];
    const scheduler = new Scheduler(
      10_000,
      (tick) => ticks.push([tick, clock.now]),
      3,
      (ms) => waits.push([clock.now, ms]),
      timers,
    );
    scheduler.start();
    clock.tick(9_999);
    expect(ticks).to.deep.equal([]);
    clock.tick(1);
    expect(ticks).to.deep.equal([[1, 10_000]]);
    clock.tick(100_000);
    expect(ticks).to.deep.equal([
      [1, 10_000],
      [2, 20_000],
      [3, 30_000],
    ]);
    expect(scheduler.done).to.equal(true);
    // Told of each wait ahead, none after the last event.
    expect(waits).to.deep.equal([
      [0, 10_000],
      [10_000, 10_000],
      [20_000, 10_000],
    ]);
    expect(clock.countTimers()).to.equal(0);
  });

  it("fires until stopped when it has no count", () => {
    const { clock, timers } = fakeTimers();
    let ticks = 0;
    const scheduler = new Scheduler(500, () => ticks++, undefined, undefined, timers);
    scheduler.start();
    clock.tick(5_000);
    expect(ticks).to.equal(10);
    expect(scheduler.done).to.equal(false);
    scheduler.stop();
    clock.tick(5_000);
    expect(ticks).to.equal(10);
  });

  it("divides a rate by the speed-up, and refuses cron", () => {
    expect(localPeriodMs("rate(5 minutes)", 30)).to.equal(10_000);
    expect(localPeriodMs("rate(1 hour)", 1)).to.equal(3_600_000);
    expect(() => localPeriodMs("cron(0 12 * * ? *)", 1)).to.throw(CRON_NOT_LOCAL);
  });
});
