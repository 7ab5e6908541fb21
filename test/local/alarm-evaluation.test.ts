/**
 * The local evaluation of a CloudWatch alarm (local/alarms/), on datapoints made here: statistics per
 * period at the run's speed-up, each comparison, missing data as the alarm treats it, M of N periods,
 * metric math, gauges that hold their level, and what is not evaluated. Metric math itself:
 * alarm-metric-math.test.ts.
 */
import { expect } from "chai";
import { AlarmInputs, evaluateAlarm } from "../../local/alarms/evaluate";
import { MetricLog } from "../../local/alarms/metric-log";

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

  it("treats a period with no data as the alarm says, and needs M of N periods breaching", () => {
    const log = new MetricLog();
    log.record(written, 5, T0 + 100); // period 1 only, of three
    const silence = { comparisonOperator: "LessThanThreshold", threshold: 1 };
    const verdict = (over: Partial<AlarmInputs>) =>
      evaluateAlarm("a", alarm({ ...silence, ...over }), log, window(3), all);
    expect(verdict({ treatMissingData: "breaching" })).to.include({
      fires: true,
      reason: "no data in period 2 (treated as breaching)",
    });
    expect(verdict({ treatMissingData: "notBreaching" }).fires).to.equal(false);
    expect(verdict({ treatMissingData: "missing" }).fires).to.equal(false);
    expect(verdict({ treatMissingData: "breaching", evaluationPeriods: 3 }).fires).to.equal(false);
    expect(verdict({ treatMissingData: "breaching", evaluationPeriods: 2 }).fires).to.equal(true);
    expect(
      verdict({ treatMissingData: "breaching", evaluationPeriods: 3, datapointsToAlarm: 2 }).fires,
    ).to.equal(true);
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
  });
});
