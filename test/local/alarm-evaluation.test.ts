/**
 * The local evaluation of a CloudWatch alarm (local/stand-ins/alarms/), on datapoints made here: statistics per
 * period at the run's speed-up, each comparison, M of N periods, metric math, gauges that hold their
 * level, and what is not evaluated. Missing data: alarm-missing-data.test.ts; metric math itself:
 * alarm-metric-math.test.ts.
 */
import { expect } from "chai";
import { AlarmInputs, evaluateAlarm } from "../../local/stand-ins/alarms/evaluate";
import { MetricLog } from "../../local/stand-ins/alarms/metric-log";

const T0 = 1_000_000;
const written = { namespace: "NS", name: "Written", dimensions: { Stack: "s" } };
const window = (seconds: number) => ({ start: T0, end: T0 + seconds * 1000, speed: 300 });
const all = () => true;
const alarm = (over: Partial<AlarmInputs>): AlarmInputs => ({
  namespace: "NS",
  metricName: "Written",
  dimensions: { Stack: "s" },
  statistic: "Sum",
  period: 300, // 1 s at ×300
  evaluationPeriods: 1,
  comparisonOperator: "GreaterThanThreshold",
  threshold: 0,
  treatMissingData: "notBreaching",
  ...over,
});

describe("a declared alarm evaluated over a local run", () => {
  it("reduces each period by its statistic and compares it, each operator its own way", () => {
    const log = new MetricLog();
    for (const [ms, v] of [
      [100, 2],
      [200, 3],
      [1100, 0],
    ])
      log.record(written, v, T0 + ms);
    const verdict = (over: Partial<AlarmInputs>) => evaluateAlarm("a", alarm(over), log, window(2), all);
    expect(verdict({ threshold: 4 })).to.include({
      evaluated: true,
      fires: true,
      reason: "5 > 4 in period 1",
    });
    expect(verdict({ threshold: 5 }).fires).to.equal(false);
    expect(verdict({ comparisonOperator: "GreaterThanOrEqualToThreshold", threshold: 5 }).fires).to.equal(
      true,
    );
    expect(verdict({ comparisonOperator: "LessThanThreshold", threshold: 1 })).to.include({
      fires: true,
      reason: "0 < 1 in period 2",
    });
    expect(verdict({ comparisonOperator: "LessThanThreshold", threshold: 0 }).fires).to.equal(false);
    expect(verdict({ comparisonOperator: "LessThanOrEqualToThreshold", threshold: 0 }).fires).to.equal(true);
    expect(verdict({ statistic: "Maximum", threshold: 2 }).reason).to.equal("3 > 2 in period 1");
    expect(verdict({ statistic: "Average", threshold: 2 }).reason).to.equal("2.5 > 2 in period 1");
    expect(verdict({ statistic: "Minimum", threshold: 1 }).reason).to.equal("2 > 1 in period 1");
    expect(verdict({ statistic: "SampleCount", threshold: 1 }).reason).to.equal("2 > 1 in period 1");
  });

  it("compares with >= and <= inclusively, and not beyond the threshold", () => {
    const log = new MetricLog();
    log.record(written, 5, T0 + 100); // period 1: 5
    log.record(written, 7, T0 + 1100); // period 2: 7
    const verdict = (over: Partial<AlarmInputs>) => evaluateAlarm("a", alarm(over), log, window(2), all);
    const ge = "GreaterThanOrEqualToThreshold";
    const le = "LessThanOrEqualToThreshold";
    expect(verdict({ comparisonOperator: ge, threshold: 7 }).reason).to.equal("7 >= 7 in period 2");
    expect(verdict({ comparisonOperator: ge, threshold: 8 }).fires).to.equal(false);
    expect(verdict({ comparisonOperator: le, threshold: 5 }).reason).to.equal("5 <= 5 in period 1");
    expect(verdict({ comparisonOperator: le, threshold: 4 }).fires).to.equal(false);
  });

  it("says why it does not fire, having evaluated every period", () => {
    const log = new MetricLog();
    log.record(written, 1, T0 + 100);
    expect(
      evaluateAlarm("a", alarm({ evaluationPeriods: 3, datapointsToAlarm: 2 }), log, window(2), all),
    ).to.deep.equal({
      alarm: "a",
      evaluated: true,
      fires: false,
      reason: "2 period(s), none breaching 2 of 3",
    });
    expect(evaluateAlarm("a", alarm({ threshold: 1 }), log, window(4), all).reason).to.equal(
      "4 period(s), none breaching 1 of 1",
    );
  });

  it("needs M of the N datapoints evaluated breaching, not M of the run's", () => {
    // Periods X 0 0 X (threshold 2): two breaching in the run, never two of two at once.
    const log = new MetricLog();
    for (const [ms, v] of [
      [100, 5],
      [1100, 1],
      [2100, 1],
      [3100, 5],
    ])
      log.record(written, v, T0 + ms);
    const twoOfTwo = alarm({ threshold: 2, evaluationPeriods: 2 });
    expect(evaluateAlarm("a", twoOfTwo, log, window(4), all).fires).to.equal(false);
    // 2 of 3: periods 2..4 hold one breaching; periods 1..3 too, so still none.
    expect(
      evaluateAlarm("a", { ...twoOfTwo, evaluationPeriods: 3, datapointsToAlarm: 2 }, log, window(4), all)
        .fires,
    ).to.equal(false);
    // 2 of 4: periods 1..4 hold both, the first breaching one named.
    expect(
      evaluateAlarm("a", { ...twoOfTwo, evaluationPeriods: 4, datapointsToAlarm: 2 }, log, window(4), all)
        .reason,
    ).to.equal("5 > 2 in period 1");
  });

  it("evaluates metric math per period, a query with no datapoint counting as 0 beside one that has", () => {
    const log = new MetricLog();
    const m = (name: string) => ({ namespace: "NS", name, dimensions: { Stack: "s" } });
    log.record(m("Rejected"), 3, T0 + 100);
    log.record(m("Fetched"), 4, T0 + 100);
    log.record(m("Fetched"), 4, T0 + 1100);
    const query = (id: string, metricName: string) => ({
      id,
      metric: { namespace: "NS", metricName, dimensions: { Stack: "s" }, stat: "Sum", period: 300 },
    });
    const math = alarm({
      namespace: undefined,
      metricName: undefined,
      statistic: undefined,
      period: undefined,
      threshold: 50,
      metricQueries: [
        query("r", "Rejected"),
        query("f", "Fetched"),
        { id: "p", expression: "IF(f > 0, 100 * r / f, 0)", returnData: true },
      ],
    });
    expect(evaluateAlarm("a", math, log, window(1), all)).to.include({
      fires: true,
      reason: "75 > 50 in period 1",
    });
    // Period 2 has no Rejected datapoint: 100 * r has none, r / f counts it as 0 beside Fetched's 4.
    expect(
      evaluateAlarm(
        "a",
        { ...math, comparisonOperator: "LessThanThreshold", threshold: 1 },
        log,
        window(2),
        all,
      ).reason,
    ).to.equal("0 < 1 in period 2");
  });

  it("alarms on the one query that returns data, a metric as well as an expression", () => {
    const log = new MetricLog();
    log.record(written, 3, T0 + 100);
    const q = {
      id: "w",
      metric: {
        namespace: "NS",
        metricName: "Written",
        dimensions: { Stack: "s" },
        stat: "Sum",
        period: 300,
      },
    };
    const queries = (metricQueries: AlarmInputs["metricQueries"]) =>
      evaluateAlarm(
        "a",
        alarm({ namespace: undefined, metricName: undefined, threshold: 10, metricQueries }),
        log,
        window(1),
        all,
      );
    expect(queries([{ ...q, returnData: true }]).fires).to.equal(false);
    expect(
      queries([
        { ...q, returnData: true },
        { id: "e", expression: "w * 10" },
      ]).fires,
    ).to.equal(false);
    expect(queries([q, { id: "e", expression: "w * 10", returnData: true }]).reason).to.equal(
      "30 > 10 in period 1",
    );
    expect(
      queries([
        { ...q, returnData: false },
        { id: "e", expression: "w * 10" },
      ]),
    ).to.deep.equal({
      alarm: "a",
      evaluated: false,
      fires: false,
      reason: "no metric query returns data",
    });
  });

  it("samples a gauge at the end of each period: a queue's depth holds until it changes", () => {
    const log = new MetricLog();
    const depth = { namespace: "AWS/SQS", name: "Depth", dimensions: { QueueName: "q" } };
    log.setGauge(depth, 1, T0 + 500);
    const a = alarm({
      namespace: "AWS/SQS",
      metricName: "Depth",
      dimensions: { QueueName: "q" },
      statistic: "Maximum",
    });
    expect(log.valuesIn(depth, T0 + 1000, T0 + 2000)).to.deep.equal([1]);
    expect(log.valuesIn(depth, T0 - 1000, T0)).to.deep.equal([0]);
    expect(evaluateAlarm("a", a, log, window(3), all)).to.include({
      fires: true,
      reason: "1 > 0 in period 1",
    });
  });

  it("does not evaluate a metric the run does not produce, nor a period the run does not outlast", () => {
    const log = new MetricLog();
    expect(evaluateAlarm("a", alarm({}), log, window(5), () => false)).to.deep.equal({
      alarm: "a",
      evaluated: false,
      fires: false,
      reason: "a local run does not produce NS Written",
    });
    expect(evaluateAlarm("a", alarm({ period: 3600 }), log, window(5), all).reason).to.equal(
      "the run was shorter than its period (3600 s is 12000 ms here)",
    );
    expect(evaluateAlarm("a", alarm({ statistic: "p99" }), log, window(5), all)).to.deep.equal({
      alarm: "a",
      evaluated: false,
      fires: false,
      reason: "statistic p99 is not evaluated locally",
    });
    // An anomaly detection band's comparison (PutMetricAlarm's ComparisonOperator).
    const band = "LessThanLowerOrGreaterThanUpperThreshold";
    expect(evaluateAlarm("a", alarm({ comparisonOperator: band }), log, window(5), all)).to.deep.equal({
      alarm: "a",
      evaluated: false,
      fires: false,
      reason: `comparison ${band} is not evaluated locally`,
    });
  });
});
