/**
 * The datapoints a local run produces, as CloudWatch would receive them: the function's EMF metrics from
 * its log lines, Lambda's invocation metrics from its attempts, the failure queue's depth. Gauges (a
 * queue's depth) hold their value until it changes and are sampled at the end of a period, as SQS
 * reports its depth every minute whether it changes or not.
 */
export interface MetricId {
  namespace: string;
  name: string;
  dimensions: Record<string, string>;
}

/** The metric's identity: its namespace, name and dimensions in key order, as JSON (no value can run into the next). */
const keyOf = (m: MetricId) =>
  JSON.stringify([m.namespace, m.name, Object.entries(m.dimensions).sort(([a], [b]) => a.localeCompare(b))]);

type Series = { metric: MetricId; points: { at: number; value: number }[] };

export class MetricLog {
  private readonly points = new Map<string, Series>();
  private readonly gauges = new Map<string, Series>();

  private static add(to: Map<string, Series>, metric: MetricId, value: number, at: number): void {
    const key = keyOf(metric);
    const series = to.get(key);
    if (series) series.points.push({ at, value });
    else to.set(key, { metric, points: [{ at, value }] });
  }

  record(metric: MetricId, value: number, at: number): void {
    MetricLog.add(this.points, metric, value, at);
  }

  /** A level that holds from `at` until it is set again. */
  setGauge(metric: MetricId, value: number, at: number): void {
    MetricLog.add(this.gauges, metric, value, at);
  }

  /** Whether the run produces this metric at all (a metric it cannot produce is not evaluated). */
  produces(metric: MetricId, producible: (m: MetricId) => boolean): boolean {
    return this.points.has(keyOf(metric)) || this.gauges.has(keyOf(metric)) || producible(metric);
  }

  /** The values of the metric in [from, to): its datapoints, or a gauge's level at `to`. */
  valuesIn(metric: MetricId, from: number, to: number): number[] {
    const key = keyOf(metric);
    const gauge = this.gauges.get(key);
    if (gauge) {
      const last = gauge.points.filter((g) => g.at < to).pop();
      return [last?.value ?? 0];
    }
    const series = this.points.get(key);
    return series ? series.points.filter((p) => p.at >= from && p.at < to).map((p) => p.value) : [];
  }

  /** Every datapoint's sum per metric name in a namespace (what a run's summary prints). */
  totals(namespace: string): Record<string, number> {
    const out: Record<string, number> = {};
    for (const { metric, points } of this.points.values())
      if (metric.namespace === namespace)
        out[metric.name] = (out[metric.name] ?? 0) + points.reduce((s, p) => s + p.value, 0);
    return out;
  }
}
