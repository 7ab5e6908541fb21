/**
 * A declared CloudWatch alarm evaluated over a local run, as CloudWatch would evaluate it: its metric (or
 * metric-math expression) reduced per period by its statistic, each complete period compared with its
 * threshold, and the alarm evaluated at the end of each period over its evaluation range (missing data
 * treated as it says, see `evaluation`); it fires if one evaluation sets it to ALARM. Periods pass at the
 * run's speed-up: 300 s at ×300 is 1 s.
 */
import { evaluateExpression } from "./metric-math";
import type { MetricId, MetricLog } from "./metric-log";

/** The alarm's inputs as the program declares them (aws.cloudwatch.MetricAlarm). */
export interface AlarmInputs {
  namespace?: string;
  metricName?: string;
  dimensions?: Record<string, string>;
  statistic?: string;
  period?: number;
  evaluationPeriods: number;
  datapointsToAlarm?: number;
  comparisonOperator: string;
  threshold: number;
  treatMissingData?: string;
  metricQueries?: {
    id: string;
    expression?: string;
    returnData?: boolean;
    metric?: {
      namespace: string;
      metricName: string;
      dimensions?: Record<string, string>;
      stat: string;
      period: number;
    };
  }[];
}

export interface AlarmVerdict {
  alarm: string;
  evaluated: boolean;
  fires: boolean;
  /** Why it fires, or why it was not evaluated. */
  reason: string;
}

export interface RunWindow {
  start: number;
  end: number;
  speed: number;
}

const STATISTICS: Record<string, (v: number[]) => number | undefined> = {
  Sum: (v) => (v.length ? v.reduce((a, b) => a + b, 0) : undefined),
  Maximum: (v) => (v.length ? Math.max(...v) : undefined),
  Minimum: (v) => (v.length ? Math.min(...v) : undefined),
  Average: (v) => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : undefined),
  SampleCount: (v) => (v.length ? v.length : undefined),
};

const COMPARE: Record<string, [string, (v: number, t: number) => boolean]> = {
  GreaterThanThreshold: [">", (v, t) => v > t],
  GreaterThanOrEqualToThreshold: [">=", (v, t) => v >= t],
  LessThanThreshold: ["<", (v, t) => v < t],
  LessThanOrEqualToThreshold: ["<=", (v, t) => v <= t],
};

/** What one evaluation sets the alarm to; `unchanged` is `ignore`'s "the current alarm state is maintained". */
export type AlarmState = "ALARM" | "OK" | "INSUFFICIENT_DATA" | "unchanged";

/**
 * One evaluation, as "How alarm state is evaluated when data is missing" (Using Amazon CloudWatch alarms)
 * describes it. `range` is the evaluation range, oldest first: each period breaching (true), not (false)
 * or missing (undefined). The datapoints evaluated are the most recent `evaluationPeriods` real ones if the
 * range holds that many (how missing data is treated is then not needed); otherwise every real one and
 * the most recent missing ones, as few as make up `evaluationPeriods`, treated as the alarm says. ALARM
 * if `datapointsToAlarm` of them breach. `missing` (the default) and `ignore` leave missing datapoints
 * out: with too few breaching, a real datapoint within the threshold makes it OK, and none leaves it
 * INSUFFICIENT_DATA (`missing`) or as it was (`ignore`). (The documentation's table has one row this does
 * not give: `X - - - -`, 3 of 3, missing, ALARM, where its `- - - - X` is INSUFFICIENT_DATA.) Returns the
 * indexes in `range` of the datapoints that breach, oldest first.
 */
export function evaluation(
  range: (boolean | undefined)[],
  evaluationPeriods: number,
  datapointsToAlarm: number,
  treatMissingData: string | undefined,
): { state: AlarmState; breaching: number[] } {
  const real = range.flatMap((d, i) => (d === undefined ? [] : [i])).slice(-evaluationPeriods);
  const missing = range.flatMap((d, i) => (d === undefined ? [i] : []));
  const filled = missing.slice(missing.length - (evaluationPeriods - real.length));
  const evaluated = range.flatMap((_, i) => (real.includes(i) || filled.includes(i) ? [i] : []));
  const breaching = evaluated.filter((i) => range[i] ?? treatMissingData === "breaching");
  if (breaching.length >= datapointsToAlarm) return { state: "ALARM", breaching };
  // (Missing data treated as breaching cannot leave too few breaching without a real datapoint that is not.)
  if (treatMissingData === "notBreaching" || evaluated.some((i) => range[i] === false))
    return { state: "OK", breaching };
  return { state: treatMissingData === "ignore" ? "unchanged" : "INSUFFICIENT_DATA", breaching };
}

/**
 * The evaluation range: CloudWatch retrieves more datapoints than `evaluationPeriods`, how many depending
 * on the period and the metric's resolution, and documents one case: 5 for 3 periods of 5 minutes. Two
 * more than the periods evaluated, here.
 */
const EVALUATION_RANGE_EXTRA = 2;

export function evaluateAlarm(
  alarm: string,
  a: AlarmInputs,
  log: MetricLog,
  window: RunWindow,
  producible: (m: MetricId) => boolean,
): AlarmVerdict {
  const notHere = (reason: string) => ({ alarm, evaluated: false, fires: false, reason });
  // The metrics it reads, and how a period's value is made of them: the one query that returns data.
  const returned = a.metricQueries ? a.metricQueries.find((q) => q.returnData) : { id: "m" };
  const metrics: { id: string; metric: MetricId; stat: string; period: number }[] = a.metricQueries
    ? a.metricQueries
        .filter((q) => q.metric)
        .map((q) => ({
          id: q.id,
          metric: {
            namespace: q.metric!.namespace,
            name: q.metric!.metricName,
            dimensions: q.metric!.dimensions ?? {},
          },
          stat: q.metric!.stat,
          period: q.metric!.period,
        }))
    : [
        {
          id: "m",
          metric: { namespace: a.namespace!, name: a.metricName!, dimensions: a.dimensions ?? {} },
          stat: a.statistic!,
          period: a.period!,
        },
      ];
  if (!returned) return notHere("no metric query returns data");
  const missing = metrics.find((m) => !log.produces(m.metric, producible));
  if (missing)
    return notHere(`a local run does not produce ${missing.metric.namespace} ${missing.metric.name}`);
  const unknown = metrics.find((m) => !(m.stat in STATISTICS));
  if (unknown) return notHere(`statistic ${unknown.stat} is not evaluated locally`);
  const compare = COMPARE[a.comparisonOperator];
  if (!compare) return notHere(`comparison ${a.comparisonOperator} is not evaluated locally`);
  const periodMs = (metrics[0].period * 1000) / window.speed;
  const periods = Math.floor((window.end - window.start) / periodMs);
  if (periods < 1)
    return notHere(
      `the run was shorter than its period (${metrics[0].period} s is ${Math.round(periodMs)} ms here)`,
    );

  // Each complete period's datapoint, if it has one.
  const values = Array.from({ length: periods }, (_, k) => {
    const from = window.start + k * periodMs;
    const byId = Object.fromEntries(
      metrics.map((m) => [m.id, STATISTICS[m.stat](log.valuesIn(m.metric, from, from + periodMs))]),
    );
    return returned.expression ? evaluateExpression(returned.expression, byId) : byId[returned.id];
  });
  const n = a.evaluationPeriods;
  const m = a.datapointsToAlarm ?? n;
  const size = n + EVALUATION_RANGE_EXTRA;
  // An evaluation at the end of each period, over the range of periods up to it; the periods before the
  // run have no data.
  for (let end = 0; end < periods; end++) {
    const first = end + 1 - size;
    const range = Array.from({ length: size }, (_, j) => values[first + j]);
    const { state, breaching } = evaluation(
      range.map((v) => (v === undefined ? undefined : compare[1](v, a.threshold))),
      n,
      m,
      a.treatMissingData,
    );
    if (state === "ALARM") {
      const p = first + breaching[0];
      const v = range[breaching[0]];
      return {
        alarm,
        evaluated: true,
        fires: true,
        reason:
          v !== undefined
            ? `${Math.round(v * 100) / 100} ${compare[0]} ${a.threshold} in period ${p + 1}`
            : p < 0
              ? "no data before the run (treated as breaching)"
              : `no data in period ${p + 1} (treated as breaching)`,
      };
    }
  }
  return {
    alarm,
    evaluated: true,
    fires: false,
    reason: `${periods} period(s), none breaching ${m} of ${n}`,
  };
}
