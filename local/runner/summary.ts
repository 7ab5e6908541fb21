/**
 * The run's summary (printed, and kept as last-run.json for `npm run query`): what ran, what each zone's
 * delivery read and wrote, where the lake is. Made once the run has wound down, from its inputs, what it
 * realised and what its sinks gathered; it checks that what the function wrote is what the deliveries
 * read, and that the zones agree (a disagreement is one more of the run's errors).
 */
import path from "path";
import type { RunInputs, SourceFacts } from "./run-inputs";
import type { RunSinks } from "./run-sinks";
import { failureQueueOf, producible, Realised } from "./realised";
import type { LakeOnDisk } from "../stand-ins/lake/layout";
import { readLake } from "../stand-ins/lake/read-lake";
import { S3RVER_OBJECT_SUFFIX } from "../stand-ins/services/s3-object-files";
import { REALISED_TYPES } from "./realisers";
import { AlarmInputs, AlarmVerdict, evaluateAlarm } from "../stand-ins/alarms/evaluate";
import { METRICS_NAMESPACE } from "../../handler/metrics";
import { cloudwatchMetricAlarm } from "../../resource-types/cloudwatch/metric-alarm";

/** Where schema drift and what to do about it are explained. */
export const SCHEMA_DRIFT_DOCS = "docs/handler.md#schema-drift";

/** The summary's file in the run's folder. */
export const SUMMARY_FILE = "summary.json";

export interface LocalRunSummary {
  ok: boolean;
  stack: string;
  stoppedBy: "completed" | "interrupted";
  durationMs: number;
  speed: number;
  source: SourceFacts;
  /** Every AWS call of the function and the local Firehose, judged against the declared policies. */
  iam: { requests: number; denied: { role: string; action: string; resource: string; message: string }[] };
  /** The Node.js the function ran on, and whether it is the runtime's major version. */
  runtime: { node: string; matches: boolean } | undefined;
  invocations: {
    scheduled: number;
    attempts: number;
    succeeded: number;
    retried: number;
    toFailureQueue: number;
  };
  beers: { fetched: number; valid: number; rejected: number; written: number; distinct: number };
  /**
   * Schema drift: the beers (as the function's lines counted them, over every attempt) that carried fields
   * the lake's schema does not declare, which the curated zone drops and the raw zone keeps, and their
   * paths as the lines named them (each line names its first few; `metrics.UnknownFields` counts).
   */
  schemaDrift: { beers: number; fields: string[]; docs: string };
  /** The raw zone's delivery. */
  delivery: {
    deliveryStream: string;
    shards: number;
    recordsRead: number;
    recordsDelivered: number;
    objects: number;
    /** Each object as the delivery wrote it, with the arrival time its prefix was evaluated for. */
    written: { key: string; records: number; bytes: number; oldestArrival: string }[];
  };
  /** Where the lake is (paths relative to the run's folder), with the raw zone's objects. */
  lake: LakeOnDisk & { objects: { key: string; file: string; records: number }[] };
  /** Failed attempts that a retry then made good: not failures of the run, but worth a look. */
  warnings: string[];
  /** The curated zone: the same records as Parquet, by the Glue table's columns. */
  curated:
    | {
        deliveryStream: string;
        prefix: string;
        recordsDelivered: number;
        /** Records the conversion refused, and the error objects they were written to. */
        recordsFailed: number;
        errorObjects: string[];
        objects: { key: string; file: string }[];
      }
    | undefined;
  failureQueue: { name: string; file: string; messages: number } | undefined;
  errors: string[];
  /** The function's EMF metrics, summed over the run, by metric name. */
  metrics: Record<string, number>;
  /** Every declared alarm, evaluated over the run where the run produces its metric. */
  alarms: AlarmVerdict[];
  unrealised: { type: string; count: number }[];
  logs: string;
}

export function summarise(
  inputs: RunInputs,
  sinks: RunSinks,
  realised: Realised,
  run: { stack: string; interrupted: boolean; durationMs: number; startedAt: number },
): LocalRunSummary {
  const raw = realised.deliveries.find((d) => d.zone.id === "raw");
  const curated = realised.deliveries.find((d) => d.zone.id === "curated");
  const bucket = raw?.bucket ?? "";
  const objects = raw && bucket ? readLake(inputs.lakeDir, bucket, raw.zone.layout.root) : [];
  // Paths as seen from the run's folder, so the folder can be moved, copied or promoted.
  const rel = (p: string) => path.relative(inputs.options.workDir, p).split(path.sep).join("/");
  const ids = new Set<number>();
  for (const o of objects) {
    for (const line of o.lines) {
      try {
        ids.add((JSON.parse(line) as { id: number }).id);
      } catch {
        sinks.error(`lake object ${o.key} holds a line that is not JSON`);
      }
    }
  }
  const stats = raw?.loop.stats;
  const t = sinks.tally;
  // (An interrupted run may have killed an invocation after its writes and before its log line.)
  if (!run.interrupted && (stats?.recordsRead ?? 0) !== t.written)
    sinks.error(
      `the handler wrote ${t.written} beers but the delivery read ${stats?.recordsRead ?? 0} from the stream`,
    );
  const refused = curated?.loop.stats.recordsFailed ?? 0;
  if (refused)
    sinks.error(
      `${refused} records failed the conversion to the curated table and wait under the error prefix: \`npm run redrive -- --errors\` once the cause is fixed (docs/operations.md)`,
    );
  if (curated && curated.loop.stats.recordsDelivered + refused !== (stats?.recordsDelivered ?? 0))
    sinks.error(
      `the curated zone holds ${curated.loop.stats.recordsDelivered} records${refused ? ` (and ${refused} refused)` : ""}, the raw zone ${stats?.recordsDelivered ?? 0}`,
    );
  const { config } = inputs;
  const window = { start: run.startedAt, end: run.startedAt + run.durationMs, speed: inputs.options.speed };
  const alarms = inputs.declared
    .ofType(cloudwatchMetricAlarm.token)
    .map((a) => evaluateAlarm(a.name, a.inputs as AlarmInputs, sinks.metrics, window, producible(realised)));
  const failureQueue = failureQueueOf(realised);
  return {
    metrics: sinks.metrics.totals(METRICS_NAMESPACE),
    alarms,
    ok: sinks.errors.length === 0 && t.toFailureQueue === 0 && !run.interrupted,
    stack: run.stack,
    stoppedBy: run.interrupted ? "interrupted" : "completed",
    durationMs: run.durationMs,
    speed: inputs.options.speed,
    source: inputs.services.source,
    invocations: {
      scheduled: t.scheduled,
      attempts: t.attempts,
      succeeded: t.succeeded,
      retried: t.retried,
      toFailureQueue: t.toFailureQueue,
    },
    beers: {
      fetched: t.fetched,
      valid: t.valid,
      rejected: t.rejected,
      written: t.written,
      distinct: ids.size,
    },
    schemaDrift: {
      beers: t.withUnknownFields,
      fields: [...sinks.unknownFields].sort(),
      docs: SCHEMA_DRIFT_DOCS,
    },
    delivery: {
      deliveryStream: raw?.name ?? "",
      shards: stats?.shards ?? 0,
      recordsRead: stats?.recordsRead ?? 0,
      recordsDelivered: stats?.recordsDelivered ?? 0,
      objects: stats?.objects.length ?? 0,
      written: (stats?.objects ?? []).map((o) => ({
        key: o.key,
        records: o.records,
        bytes: o.bytes,
        oldestArrival: o.oldestArrival.toISOString(),
      })),
    },
    lake: {
      directory: rel(inputs.lakeDir),
      bucket,
      project: config.project,
      prefixes: { raw: config.rawPrefix, curated: config.curatedPrefix, errors: config.errorPrefix },
      objects: objects.map((o) => ({ key: o.key, file: rel(o.file), records: o.lines.length })),
    },
    curated: curated && {
      deliveryStream: curated.name,
      prefix: curated.zone.prefix,
      recordsDelivered: curated.loop.stats.recordsDelivered,
      recordsFailed: refused,
      errorObjects: curated.loop.stats.errorObjects.map((o) => o.key),
      objects: curated.loop.stats.objects.map((o) => ({
        key: o.key,
        file: rel(path.join(inputs.lakeDir, bucket, `${o.key}${S3RVER_OBJECT_SUFFIX}`)),
      })),
    },
    failureQueue: failureQueue && { ...failureQueue, file: rel(failureQueue.file) },
    iam: { requests: inputs.services.iam.requests, denied: inputs.services.iam.denials },
    // The last function's (a stack declares one).
    runtime: realised.functions.at(-1)?.runtime,
    errors: sinks.errors,
    unrealised: inputs.declared.unrealised(REALISED_TYPES),
    logs: rel(inputs.logsDir),
    warnings: sinks.warnings,
  };
}
