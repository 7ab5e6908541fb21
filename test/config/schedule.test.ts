/** EventBridge schedule expressions as EventBridge takes them, with the period a local run follows. */
import { expect } from "chai";
import { parseSchedule } from "../../config/schedule";

describe("schedule expressions", () => {
  it("read rate(N unit) with its period, the singular for one and the plural for more", () => {
    expect(parseSchedule("rate(1 minute)")).to.deep.equal({
      kind: "rate",
      periodMs: 60_000,
      expression: "rate(1 minute)",
    });
    expect(parseSchedule("rate(5 minutes)")).to.deep.include({ periodMs: 300_000 });
    expect(parseSchedule("rate(1 hour)")).to.deep.include({ periodMs: 3_600_000 });
    expect(parseSchedule("rate(2 hours)")).to.deep.include({ periodMs: 7_200_000 });
    expect(parseSchedule("rate(1 day)")).to.deep.include({ periodMs: 86_400_000 });
    expect(parseSchedule("rate(7 days)")).to.deep.include({ periodMs: 604_800_000 });
  });

  it("refuse a unit that disagrees with its number, a zero rate, and anything else", () => {
    expect(parseSchedule("rate(5 minute)")).to.deep.equal({
      error: 'use "rate(1 minute)" for one and "rate(N minutes)" for more',
    });
    expect(parseSchedule("rate(1 hours)")).to.deep.equal({
      error: 'use "rate(1 hour)" for one and "rate(N hours)" for more',
    });
    expect(parseSchedule("rate(0 minutes)")).to.deep.equal({ error: "a rate must be at least 1" });
    for (const bad of [
      "rate(5 weeks)",
      "rate(-5 minutes)",
      "rate(5minutes)",
      " rate(5 minutes)",
      "every 5 minutes",
      "",
    ])
      expect(parseSchedule(bad), bad).to.deep.equal({
        error: 'expected "rate(N minutes|hours|days)" or "cron(...)"',
      });
  });

  it("take cron(...) with its six fields, and name the count otherwise", () => {
    expect(parseSchedule("cron(0 12 * * ? *)")).to.deep.equal({
      kind: "cron",
      expression: "cron(0 12 * * ? *)",
    });
    expect(parseSchedule("cron( 0  12 * * ? * )")).to.deep.include({ kind: "cron" });
    expect(parseSchedule("cron(0 12 * * ?)")).to.deep.equal({
      error: "cron needs 6 fields (minutes hours day-of-month month day-of-week year), got 5",
    });
    expect(parseSchedule("cron(0 12 * * ? * *)")).to.deep.include({
      error: "cron needs 6 fields (minutes hours day-of-month month day-of-week year), got 7",
    });
    expect(parseSchedule("cron()")).to.deep.include({
      error: 'expected "rate(N minutes|hours|days)" or "cron(...)"',
    });
  });
});
