/**
 * Missing data in a local alarm's evaluation, against CloudWatch's documentation (Using Amazon CloudWatch
 * alarms, "How alarm state is evaluated when data is missing"): its two tables of one evaluation over an
 * evaluation range of 5 datapoints, 3 evaluation periods, for each way of treating missing data; then runs
 * whose expected verdicts are worked out by hand from the rules the documentation gives.
 */
import { expect } from "chai";
import { AlarmInputs, AlarmState, evaluateAlarm, evaluation } from "../../local/stand-ins/alarms/evaluate";
import { MetricLog } from "../../local/stand-ins/alarms/metric-log";

/** A row's datapoints as the documentation writes them, oldest first: 0 not breaching, X breaching, - missing. */
const range = (row: string) => row.split(" ").map((d) => (d === "X" ? true : d === "0" ? false : undefined));

type Row = [string, AlarmState, AlarmState, AlarmState, AlarmState];
const TREATMENTS = ["missing", "ignore", "breaching", "notBreaching"] as const;
const I = "INSUFFICIENT_DATA";
const R = "unchanged"; // "Retain current state"

describe("one evaluation of an alarm, as the documentation's tables give it", () => {
  it("3 of 3: MISSING, IGNORE, BREACHING, NOT BREACHING", () => {
    const rows: Row[] = [
      ["0 - X - X", "OK", "OK", "OK", "OK"],
      ["0 - - - -", "OK", "OK", "OK", "OK"],
      ["- - - - -", I, R, "ALARM", "OK"],
      ["0 X X - X", "ALARM", "ALARM", "ALARM", "ALARM"],
      ["- - - - X", I, R, "ALARM", "OK"],
    ];
    for (const [row, ...states] of rows)
      TREATMENTS.forEach((treat, k) =>
        expect(evaluation(range(row), 3, 3, treat).state, `${row} ${treat}`).to.equal(states[k]),
      );
    // The table's last row, "X - - - -", is ALARM when missing data is missing, where its "- - - - X"
    // above is INSUFFICIENT_DATA; that one cell is not followed here. The others are:
    expect(
      ["ignore", "breaching", "notBreaching"].map((t) => evaluation(range("X - - - -"), 3, 3, t).state),
    ).to.deep.equal([R, "ALARM", "OK"]);
  });

  it("2 of 3: MISSING, IGNORE, BREACHING, NOT BREACHING", () => {
    const rows: Row[] = [
      ["0 - X - X", "ALARM", "ALARM", "ALARM", "ALARM"],
      ["0 0 X 0 X", "ALARM", "ALARM", "ALARM", "ALARM"],
      ["0 - X - -", "OK", "OK", "ALARM", "OK"],
      ["- - - - 0", "OK", "OK", "ALARM", "OK"],
      ["- - - - X", I, R, "ALARM", "OK"],
    ];
    for (const [row, ...states] of rows)
      TREATMENTS.forEach((treat, k) =>
        expect(evaluation(range(row), 3, 2, treat).state, `${row} ${treat}`).to.equal(states[k]),
      );
  });

  it("treats missing data as missing when the alarm does not say", () => {
    expect(evaluation(range("- - - - -"), 3, 3, undefined).state).to.equal(I);
    expect(evaluation(range("- - - - 0"), 3, 2, undefined).state).to.equal("OK");
  });

  it("evaluates the most recent real datapoints, then the most recent missing ones, as few as it can", () => {
    // Four real datapoints for three periods: the oldest, 0, is left out; the missing one is not needed.
    expect(evaluation(range("0 X X - X"), 3, 3, "notBreaching").breaching).to.deep.equal([1, 2, 4]);
    // One real datapoint: two missing ones make up three, the two most recent.
    expect(evaluation(range("0 - - - -"), 3, 3, "breaching").breaching).to.deep.equal([3, 4]);
    expect(evaluation(range("X - - 0 -"), 3, 2, "breaching")).to.deep.equal({
      state: "ALARM",
      breaching: [0, 4],
    });
    // With 1 of 1, the most recent real datapoint alone, however far back in the range.
    expect(evaluation(range("X - -"), 1, 1, "breaching").breaching).to.deep.equal([0]);
    expect(evaluation(range("0 - -"), 1, 1, "breaching").state).to.equal("OK");
    expect(evaluation(range("- - -"), 1, 1, "breaching").breaching).to.deep.equal([2]);
  });
});

describe("an alarm evaluated at the end of each period of a run, missing data as it says", () => {
  const T0 = 1_000_000;
  const written = { namespace: "NS", name: "Written", dimensions: {} };
  /** A run of periods of 1 s (300 s at ×300) with these sums, `-` for none. */
  const run = (sums: string) => {
    const log = new MetricLog();
    sums.split(" ").forEach((s, k) => {
      if (s !== "-") log.record(written, Number(s), T0 + k * 1000 + 500);
    });
    return (over: Partial<AlarmInputs>) =>
      evaluateAlarm(
        "a",
        {
          namespace: "NS",
          metricName: "Written",
          statistic: "Sum",
          period: 300,
          evaluationPeriods: 1,
          comparisonOperator: "GreaterThanThreshold",
          threshold: 1,
          ...over,
        },
        log,
        { start: T0, end: T0 + sums.split(" ").length * 1000, speed: 300 },
        () => true,
      );
  };

  it("keeps evaluating the last datapoint while it is in the range: a silence alarm waits for it to leave", () => {
    // Less than 1 written, missing data breaching, 1 of 1: a range of 3 periods. The 5 of period 1 is
    // evaluated until period 4, whose range holds no datapoint; the one missing datapoint evaluated is its own.
    const silence = { comparisonOperator: "LessThanThreshold", treatMissingData: "breaching" };
    expect(run("5 - -")(silence)).to.include({
      fires: false,
      reason: "3 period(s), none breaching 1 of 1",
    });
    expect(run("5 - - -")(silence)).to.include({
      fires: true,
      reason: "no data in period 4 (treated as breaching)",
    });
    expect(run("-")(silence).reason).to.equal("no data in period 1 (treated as breaching)");
    expect(run("5 0")(silence).reason).to.equal("0 < 1 in period 2");
  });

  it("alarms on 0 X X - X, 3 of 3, however missing data is treated: four real datapoints", () => {
    for (const treatMissingData of TREATMENTS) {
      const verdict = run("0 5 5 - 5")({ evaluationPeriods: 3, treatMissingData });
      expect(verdict.reason, treatMissingData).to.equal("5 > 1 in period 2");
    }
    // Before period 5 no evaluation has three of them breaching.
    expect(run("0 5 5 -")({ evaluationPeriods: 3, treatMissingData: "notBreaching" }).fires).to.equal(false);
    expect(run("0 5 5 -")({ evaluationPeriods: 3, treatMissingData: "breaching" }).fires).to.equal(false);
  });

  it("counts the periods before the run as missing data", () => {
    // 2 of 3, breaching: after period 1 the range is - - - - 0, which alarms (the documentation's second
    // table), on the missing datapoints before the run.
    expect(
      run("0")({ evaluationPeriods: 3, datapointsToAlarm: 2, treatMissingData: "breaching" }).reason,
    ).to.equal("no data before the run (treated as breaching)");
    expect(
      run("0")({ evaluationPeriods: 3, datapointsToAlarm: 2, treatMissingData: "missing" }).fires,
    ).to.equal(false);
    // 1 of 2 with one breaching period, not breaching missing data: a run shorter than N still alarms.
    expect(
      run("5")({ evaluationPeriods: 2, datapointsToAlarm: 1, treatMissingData: "notBreaching" }).reason,
    ).to.equal("5 > 1 in period 1");
    // 2 of 2, breaching: the datapoint before the run and the breaching period 1, the older named first.
    expect(run("5")({ evaluationPeriods: 2, treatMissingData: "breaching" }).reason).to.equal(
      "no data before the run (treated as breaching)",
    );
  });
});
