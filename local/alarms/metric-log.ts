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

const keyOf = (m: MetricId) =>
  `${m.namespace}|${m.name}|${Object.entries(m.dimensions)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join(",")}`;

export class MetricLog {
  private readonly points = new Map<string, { at: number; value: number }[]>();
  private readonly gauges = new Map<string, { at: number; value: number }[]>();

  record(metric: MetricId, value: number, at: number): void {
    const key = keyOf(metric);
    if (!this.points.has(key)) this.points.set(key, []);
    this.points.get(key)!.push({ at, value });
  }

  /** A level that holds from `at` until it is set again. */
  setGauge(metric: MetricId, value: number, at: number): void {
    const key = keyOf(metric);
    if (!this.gauges.has(key)) this.gauges.set(key, []);
    this.gauges.get(key)!.push({ at, value });
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
      const last = gauge.filter((g) => g.at < to).pop();
      return [last?.value ?? 0];
    }
    return (this.points.get(key) ?? []).filter((p) => p.at >= from && p.at < to).map((p) => p.value);
  }

  /** Every datapoint's sum per metric name in a namespace (what a run's summary prints). */
  totals(namespace: string): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [key, points] of this.points) {
      const [ns, name] = key.split("|");
      if (ns === namespace) out[name] = (out[name] ?? 0) + points.reduce((s, p) => s + p.value, 0);
    }
    return out;
  }
}
