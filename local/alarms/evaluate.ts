/**
 * A declared CloudWatch alarm evaluated over a local run, as CloudWatch would evaluate it: its metric (or
 * metric-math expression) reduced per period by its statistic, each complete period compared with its
 * threshold, missing data treated as it says, and the alarm firing when `datapointsToAlarm` of any
 * `evaluationPeriods` consecutive periods breach. Periods pass at the run's speed-up: 300 s at ×300 is 1 s.
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

export function evaluateAlarm(
  alarm: string,
  a: AlarmInputs,
  log: MetricLog,
  window: RunWindow,
  producible: (m: MetricId) => boolean,
): AlarmVerdict {
  const notHere = (reason: string) => ({ alarm, evaluated: false, fires: false, reason });
  // The metrics it reads, and how a period's value is made of them.
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
  const missing = metrics.find((m) => !log.produces(m.metric, producible));
  if (missing)
    return notHere(`a local run does not produce ${missing.metric.namespace} ${missing.metric.name}`);
  const expression = a.metricQueries?.find((q) => q.returnData && q.expression)?.expression;
  const compare = COMPARE[a.comparisonOperator];
  if (!compare) return notHere(`comparison ${a.comparisonOperator} is not evaluated locally`);
  const periodMs = (metrics[0].period * 1000) / window.speed;
  const periods = Math.floor((window.end - window.start) / periodMs);
  if (periods < 1)
    return notHere(
      `the run was shorter than its period (${metrics[0].period} s is ${Math.round(periodMs)} ms here)`,
    );

  // Each complete period: breaching, not, or missing (left out).
  const verdicts: ("breach" | "ok" | "missing")[] = [];
  let firstBreach = "";
  for (let k = 0; k < periods; k++) {
    const from = window.start + k * periodMs;
    const values = Object.fromEntries(
      metrics.map((m) => [m.id, STATISTICS[m.stat]?.(log.valuesIn(m.metric, from, from + periodMs))]),
    );
    const value = expression ? evaluateExpression(expression, values) : values.m;
    let verdict: "breach" | "ok" | "missing";
    if (value === undefined) {
      const treat = a.treatMissingData ?? "missing";
      verdict = treat === "breaching" ? "breach" : treat === "notBreaching" ? "ok" : "missing";
      if (verdict === "breach" && !firstBreach)
        firstBreach = `no data in period ${k + 1} (treated as breaching)`;
    } else {
      verdict = compare[1](value, a.threshold) ? "breach" : "ok";
      if (verdict === "breach" && !firstBreach)
        firstBreach = `${Math.round(value * 100) / 100} ${compare[0]} ${a.threshold} in period ${k + 1}`;
    }
    verdicts.push(verdict);
  }
  const m = a.evaluationPeriods;
  const n = a.datapointsToAlarm ?? m;
  for (let k = 0; k + m <= verdicts.length; k++)
    if (verdicts.slice(k, k + m).filter((v) => v === "breach").length >= n)
      return { alarm, evaluated: true, fires: true, reason: firstBreach };
  return {
    alarm,
    evaluated: true,
    fires: false,
    reason: `${periods} period(s), none breaching ${n} of ${m}`,
  };
}
