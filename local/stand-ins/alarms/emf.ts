/**
 * Reads a log line as CloudWatch would read it as Embedded Metric Format, checking what the specification
 * requires (docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html):
 * a root `_aws` member with `Timestamp` (epoch milliseconds) and a non-empty `CloudWatchMetrics` array; each
 * directive a `Namespace` (1–255 characters), `Dimensions` (an array of dimension sets, each at most 30 keys)
 * and `Metrics` (at most 100, each a `Name` of 1–255 characters and an optional standard `Unit`); each
 * dimension key a top-level string member and each metric a top-level number or array of at most 100
 * numbers ("Target members"), each number a datapoint. Returns the datapoints as CloudWatch would record
 * them, or throws naming what breaks the format.
 */
const UNITS = new Set([
  "Seconds",
  "Microseconds",
  "Milliseconds",
  "Bytes",
  "Kilobytes",
  "Megabytes",
  "Gigabytes",
  "Terabytes",
  "Bits",
  "Kilobits",
  "Megabits",
  "Gigabits",
  "Terabits",
  "Percent",
  "Count",
  "Bytes/Second",
  "Kilobytes/Second",
  "Megabytes/Second",
  "Gigabytes/Second",
  "Terabytes/Second",
  "Bits/Second",
  "Kilobits/Second",
  "Megabits/Second",
  "Gigabits/Second",
  "Terabits/Second",
  "Count/Second",
  "None",
]);

export interface EmfMetric {
  namespace: string;
  dimensions: Record<string, string>;
  name: string;
  unit: string | undefined;
  value: number;
  timestamp: number;
}

export function readEmf(line: Record<string, unknown>): EmfMetric[] {
  const fail = (why: string): never => {
    throw new Error(`not EMF: ${why}`);
  };
  const aws = line["_aws"] as Record<string, unknown> | undefined;
  if (!aws || typeof aws !== "object") fail("no _aws object");
  const timestamp = aws!.Timestamp;
  if (!Number.isInteger(timestamp) || (timestamp as number) < 1e12)
    fail(`_aws.Timestamp is not epoch milliseconds: ${String(timestamp)}`);
  const directives = aws!.CloudWatchMetrics;
  if (!Array.isArray(directives) || directives.length === 0)
    fail("_aws.CloudWatchMetrics is not a non-empty array");
  const out: EmfMetric[] = [];
  for (const d of directives as Record<string, unknown>[]) {
    const ns = d.Namespace;
    if (typeof ns !== "string" || ns.length < 1 || ns.length > 255) fail(`bad Namespace ${String(ns)}`);
    if (!Array.isArray(d.Dimensions)) fail("Dimensions is not an array");
    if (!Array.isArray(d.Metrics) || d.Metrics.length > 100) fail("Metrics is not an array of at most 100");
    for (const set of d.Dimensions as unknown[]) {
      if (!Array.isArray(set) || set.length > 30) fail("a dimension set is not an array of at most 30 keys");
      for (const key of set as unknown[])
        if (typeof key !== "string" || typeof line[key] !== "string")
          fail(`dimension ${String(key)} is not a top-level string`);
    }
    for (const m of d.Metrics as Record<string, unknown>[]) {
      const name = m.Name;
      if (typeof name !== "string" || name.length < 1 || name.length > 255)
        fail(`bad metric Name ${String(name)}`);
      if (m.Unit !== undefined && !UNITS.has(String(m.Unit)))
        fail(`metric ${String(name)}: unknown Unit ${String(m.Unit)}`);
      const target = line[name as string];
      const values = Array.isArray(target) ? (target as unknown[]) : [target];
      if (values.length > 100 || !values.every((v) => Number.isFinite(v)))
        fail(`metric ${String(name)} has no top-level number or array of at most 100 numbers`);
      for (const set of d.Dimensions as string[][])
        for (const value of values)
          out.push({
            namespace: ns as string,
            dimensions: Object.fromEntries(set.map((k) => [k, line[k] as string])),
            name: name as string,
            unit: m.Unit as string | undefined,
            value: value as number,
            timestamp: timestamp as number,
          });
    }
  }
  return out;
}
