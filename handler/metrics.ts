/**
 * The function's metrics, in CloudWatch Embedded Metric Format: the one JSON line an invocation logs
 * carries them, and CloudWatch Logs turns them into metrics (no PutMetricData call, no permission). The
 * names live here only: the alarms, the dashboard and the local run read them from this module.
 * Spec: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 * (`_aws.Timestamp` in epoch ms, `_aws.CloudWatchMetrics` directives of a namespace, dimension sets and
 * metric definitions; each dimension and metric a top-level member of the line). Written by hand: 30 lines
 * against the ~100 KB Powertools Metrics would add to a 300 KB archive.
 */
export const METRICS_NAMESPACE = "PunkapiConsumer";

/** The one dimension: the Pulumi stack. Stacks are what a user tells apart; a mode or contract would multiply series. */
export const STACK_DIMENSION = "Stack";

export const METRICS = {
  fetched: { name: "BeersFetched", unit: "Count" },
  valid: { name: "BeersValid", unit: "Count" },
  rejected: { name: "BeersRejected", unit: "Count" },
  written: { name: "BeersWritten", unit: "Count" },
  retries: { name: "Retries", unit: "Count" },
  failedFetches: { name: "FailedFetches", unit: "Count" },
  durationMs: { name: "Duration", unit: "Milliseconds" },
  /** Schema drift: the distinct paths of fields the lake's schema does not declare, over the invocation's valid beers. */
  unknownFields: { name: "UnknownFields", unit: "Count" },
} as const;

export type MetricKey = keyof typeof METRICS;

/** The EMF members to merge into an invocation's log line. */
export function emfMembers(
  values: Record<MetricKey, number>,
  stack: string,
  now: number,
): Record<string, unknown> {
  const keys = Object.keys(METRICS) as MetricKey[];
  return {
    _aws: {
      Timestamp: now,
      CloudWatchMetrics: [
        {
          Namespace: METRICS_NAMESPACE,
          Dimensions: [[STACK_DIMENSION]],
          Metrics: keys.map((k) => ({ Name: METRICS[k].name, Unit: METRICS[k].unit })),
        },
      ],
    },
    [STACK_DIMENSION]: stack,
    ...Object.fromEntries(keys.map((k) => [METRICS[k].name, values[k]])),
  };
}
