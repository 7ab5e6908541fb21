/**
 * Every key of the pipeline's stack configuration, once: its reader (type and rule), its default and its
 * description. `StackConfig` is inferred from it; Pulumi.yaml and the configuration reference in docs/
 * are written from it (`npm run docs`) and held to it by the tests; the rules between keys follow as a list.
 */
import { boolean, httpsUrl, integer, oneOf, optionalEmail, Reader, freeText } from "./readers";
import { parseSchedule, Schedule } from "./schedule";
import { prefixProblem } from "./firehose-prefix";
import { prefixLayout } from "./prefix-layout";
import { CONTRACTS, INGEST_MODES } from "../handler/contract";
import { DEADLINE_MARGIN_MS, SETTINGS, WholeNumberSetting } from "../handler/settings";

export interface KeySpec<T> {
  reader: Reader<T>;
  /** The default Pulumi.yaml declares (the engine applies it; the local run reads it from there). */
  default: string | number | boolean;
  description: string;
}

const key = <T>(reader: Reader<T>, defaultValue: KeySpec<T>["default"], description: string): KeySpec<T> => ({
  reader,
  default: defaultValue,
  description,
});

/** A key the function reads as it is: its range and default are the handler's (handler/settings.ts). */
const handlerSetting = (setting: WholeNumberSetting, description: string): KeySpec<number> =>
  key(integer(setting.min, setting.max), setting.default, description);

/** Kinesis's capacity modes, and the compressions the raw zone may have: each written here once. */
export const STREAM_MODES = ["PROVISIONED", "ON_DEMAND"] as const;
export type StreamMode = (typeof STREAM_MODES)[number];
export const COMPRESSIONS = ["GZIP", "UNCOMPRESSED"] as const;
export type Compression = (typeof COMPRESSIONS)[number];

/** CloudWatch Logs accepts only these retention periods. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const schedule = freeText<Schedule>(
  "rate(N minutes|hours|days) or cron(6 fields)",
  (value) => {
    const parsed = parseSchedule(value.trim());
    return "error" in parsed ? parsed.error : undefined;
  },
  (value) => parseSchedule(value.trim()) as Schedule,
);

/** A data prefix: valid for Firehose, and laid out so that a catalog's partition projection finds it. */
const dataPrefix = freeText(
  "a Firehose prefix ending in a folder, timestamps no finer than an hour",
  (value) => {
    const problem = prefixProblem(value, "prefix");
    if (problem) return problem;
    const layout = prefixLayout(value);
    return "error" in layout ? layout.error : undefined;
  },
);

const errorPrefix = freeText("a Firehose error prefix", (value) => prefixProblem(value, "errorPrefix"));

export const CONFIG_SPEC = {
  sourceUrl: key(
    httpsUrl,
    "https://punkapi-alxiw.amvera.io/v3",
    "Base URL of the Punk API. v2 was shut down in 2024; this community v3 answers today.",
  ),
  sourceContract: key(
    oneOf(CONTRACTS),
    "v3",
    "Contract of the source: v2 (one-element arrays, image_url) or v3 (bare objects, image).",
  ),
  ingestMode: key(
    oneOf(INGEST_MODES),
    SETTINGS.mode.default,
    "What an invocation fetches: random (beersPerInvocation random beers) or catalogue (every page of /beers, a snapshot of the whole catalogue).",
  ),
  beersPerInvocation: handlerSetting(
    SETTINGS.beersPerInvocation,
    "Random beers fetched per invocation (random mode). The original project fetched one.",
  ),
  fetchConcurrency: handlerSetting(SETTINGS.concurrency, "Requests to the Punk API in flight at once."),
  scheduleExpression: key(
    schedule,
    "rate(5 minutes)",
    "EventBridge schedule of the ingestion. The original ran every 5 minutes.",
  ),
  functionMemoryMb: key(integer(128, 10240), 256, "Lambda memory in MB."),
  functionTimeoutSeconds: key(
    integer(5, 900),
    60,
    `Lambda timeout in seconds; the handler stops ${DEADLINE_MARGIN_MS / 1000} s before it.`,
  ),
  asyncRetryAttempts: key(
    integer(0, 2),
    2,
    "Lambda retries of a failed scheduled invocation before it goes to the failure queue.",
  ),
  maxEventAgeSeconds: key(
    integer(60, 21600),
    3600,
    "Oldest age, in seconds, of an event Lambda still retries.",
  ),
  logRetentionDays: key(
    integer(1, 3653, LOG_RETENTION_DAYS),
    14,
    "Retention in days of the function's and Firehose's log groups (CloudWatch's allowed values).",
  ),
  streamMode: key(oneOf(STREAM_MODES), "PROVISIONED", "Kinesis capacity mode."),
  streamShardCount: key(integer(1, 500), 1, "Shards when streamMode is PROVISIONED; ignored for ON_DEMAND."),
  streamRetentionHours: key(integer(24, 8760), 24, "Stream retention in hours."),
  bufferingSizeMb: key(integer(1, 128), 5, "Firehose buffer size in MiB before an object is written."),
  bufferingIntervalSeconds: key(
    integer(0, 900),
    300,
    "Firehose buffer interval in seconds before an object is written.",
  ),
  compression: key(oneOf(COMPRESSIONS), "GZIP", "Compression of the raw objects Firehose writes."),
  rawPrefix: key(
    dataPrefix,
    "raw/beers/dt=!{timestamp:yyyy-MM-dd}/",
    "Firehose S3 prefix for beers (Hive-style date partition by default).",
  ),
  curatedPrefix: key(
    dataPrefix,
    "curated/beers/dt=!{timestamp:yyyy-MM-dd}/",
    "Firehose S3 prefix for the curated zone (Parquet, the analytical columns; Hive-style date partition).",
  ),
  errorPrefix: key(
    errorPrefix,
    "errors/!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/",
    "Firehose S3 prefix for records it could not deliver.",
  ),
  rawExpirationDays: key(integer(0, 36500), 0, "Days after which raw objects expire; 0 keeps them."),
  rawTransitionDays: key(
    integer(0, 36500),
    0,
    "Days after which raw objects move to rawTransitionStorageClass; 0 never.",
  ),
  rawTransitionStorageClass: key(
    oneOf(["STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER_IR", "GLACIER"]),
    "STANDARD_IA",
    "Storage class for the raw transition.",
  ),
  noncurrentVersionExpirationDays: key(
    integer(1, 3650),
    30,
    "Days after which noncurrent object versions expire.",
  ),
  freshnessAlarmSeconds: key(
    integer(60, 86400),
    900,
    "Alarm when the oldest record not yet in S3 is older than this (must exceed the buffer interval).",
  ),
  rejectedAlarmPercent: key(
    integer(1, 100),
    50,
    "Alarm when more than this percentage of the beers fetched in 5 minutes are rejected (the source changed shape).",
  ),
  silenceAlarmMinutes: key(
    integer(5, 1440),
    60,
    "Alarm when no beer was written for this many minutes, end to end (a failing function or a stopped schedule).",
  ),
  protect: key(
    boolean,
    false,
    "Protect the stream and bucket (no delete by Pulumi) and retain them if removed from the program.",
  ),
  bucketForceDestroy: key(
    boolean,
    false,
    "Let Pulumi delete the bucket with its objects (for throwaway stacks; not with protect).",
  ),
  alarmEmail: key(optionalEmail, "", "E-mail address subscribed to the alarm topic; empty for none."),
  athenaBytesScannedCutoffMb: key(
    // Athena's minimum per-query limit is 10 MB.
    integer(10, 1_000_000),
    1024,
    "Athena workgroup limit on the data one query may scan, in MB.",
  ),
  athenaResultsExpirationDays: key(
    integer(1, 3650),
    30,
    "Days Athena query results are kept in their bucket.",
  ),
};

export type ConfigKey = keyof typeof CONFIG_SPEC;

/** A key's description as Pulumi.yaml and the docs give it: what it is, then what it accepts. */
export function fullDescription(spec: KeySpec<unknown>): string {
  return `${spec.description} Accepts ${spec.reader.rule}.`;
}

/** The configuration as the program reads it: each key's value, typed by its reader, and where the stack is. */
export type StackConfig = {
  -readonly [K in ConfigKey]: (typeof CONFIG_SPEC)[K] extends KeySpec<infer T> ? T : never;
} & { project: string; stack: string; region: string };
