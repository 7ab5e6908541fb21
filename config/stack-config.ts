/**
 * The stack configuration: every key the program reads, its type and its rules, checked before any
 * resource is declared. Defaults live in Pulumi.yaml (the engine applies them; the local run and the
 * tests read them from there); this file only says what a valid value is. Errors name the key.
 */
import { parseSchedule, Schedule } from "./schedule";
import { prefixPairProblem, staticPart } from "./firehose-prefix";

export const PROJECT = "punkapi-consumer";

/**
 * Stack names are lower-case letters and digits only: with no hyphen, a stack's name prefix
 * (`<project>-<stack>-`) can never be the start of another stack's, so a grant on one stack's pattern never
 * reaches another stack.
 */
export const STACK_NAME = /^[a-z0-9]{1,20}$/;
/** Names the bootstrap's own resources start with (`<project>-state-<account>`, ...): no stack may take them. */
export const RESERVED_STACK_NAMES = ["state", "bootstrap"];
export const STACK_NAME_RULE = `1 to 20 lower-case letters and digits, not ${RESERVED_STACK_NAMES.join(" or ")} (each stack's IAM grants are scoped by its name prefix)`;

export function isStackName(name: string): boolean {
  return STACK_NAME.test(name) && !RESERVED_STACK_NAMES.includes(name);
}

export interface StackConfig {
  project: string;
  stack: string;
  region: string;
  sourceUrl: string;
  sourceContract: "v2" | "v3";
  beersPerInvocation: number;
  fetchConcurrency: number;
  schedule: Schedule;
  functionMemoryMb: number;
  functionTimeoutSeconds: number;
  asyncRetryAttempts: number;
  maxEventAgeSeconds: number;
  logRetentionDays: number;
  streamMode: "PROVISIONED" | "ON_DEMAND";
  streamShardCount: number;
  streamRetentionHours: number;
  bufferingSizeMb: number;
  bufferingIntervalSeconds: number;
  compression: "GZIP" | "UNCOMPRESSED";
  rawPrefix: string;
  curatedPrefix: string;
  errorPrefix: string;
  rawExpirationDays: number;
  rawTransitionDays: number;
  rawTransitionStorageClass: "STANDARD_IA" | "ONEZONE_IA" | "INTELLIGENT_TIERING" | "GLACIER_IR" | "GLACIER";
  noncurrentVersionExpirationDays: number;
  freshnessAlarmSeconds: number;
  protect: boolean;
  bucketForceDestroy: boolean;
  alarmEmail: string | undefined;
  athenaBytesScannedCutoffMb: number;
  athenaResultsExpirationDays: number;
}

export interface StackConfigError extends Error {
  readonly key: string;
}

export function stackConfigError(key: string, message: string): StackConfigError {
  return Object.assign(new Error(`invalid stack configuration: ${key} ${message}`), {
    name: "StackConfigError",
    key,
  });
}

export function isStackConfigError(error: unknown): error is StackConfigError {
  return error instanceof Error && error.name === "StackConfigError";
}

/** CloudWatch Logs accepts only these retention periods. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

type KeyType = "string" | "integer" | "boolean";

/** Every project key: its Pulumi.yaml type. The tests hold Pulumi.yaml to this list. */
export const KEYS: Record<
  Exclude<keyof StackConfig, "project" | "stack" | "region" | "schedule">,
  KeyType
> & {
  scheduleExpression: KeyType;
} = {
  sourceUrl: "string",
  sourceContract: "string",
  beersPerInvocation: "integer",
  fetchConcurrency: "integer",
  scheduleExpression: "string",
  functionMemoryMb: "integer",
  functionTimeoutSeconds: "integer",
  asyncRetryAttempts: "integer",
  maxEventAgeSeconds: "integer",
  logRetentionDays: "integer",
  streamMode: "string",
  streamShardCount: "integer",
  streamRetentionHours: "integer",
  bufferingSizeMb: "integer",
  bufferingIntervalSeconds: "integer",
  compression: "string",
  rawPrefix: "string",
  curatedPrefix: "string",
  errorPrefix: "string",
  rawExpirationDays: "integer",
  rawTransitionDays: "integer",
  rawTransitionStorageClass: "string",
  noncurrentVersionExpirationDays: "integer",
  freshnessAlarmSeconds: "integer",
  protect: "boolean",
  bucketForceDestroy: "boolean",
  alarmEmail: "string",
  athenaBytesScannedCutoffMb: "integer",
  athenaResultsExpirationDays: "integer",
};

/** Reads flat config (`<namespace>:<key>` → string, as pulumi.runtime.allConfig() gives it). */
export function parseStackConfig(raw: Record<string, string>, stack: string, project = PROJECT): StackConfig {
  const full = (key: string) => `${project}:${key}`;
  if (!isStackName(stack)) throw stackConfigError("stack", `name "${stack}" must be ${STACK_NAME_RULE}`);
  for (const key of Object.keys(raw)) {
    if (!key.startsWith(`${project}:`)) continue;
    const name = key.slice(project.length + 1);
    if (!(name in KEYS)) {
      const near = Object.keys(KEYS).find(
        (k) => k.toLowerCase() === name.toLowerCase() || editDistance(k, name) <= 2,
      );
      throw stackConfigError(key, `is not a known key${near ? ` (did you mean ${full(near)}?)` : ""}`);
    }
  }

  const get = (key: string): string => {
    const value = raw[full(key)];
    if (value === undefined) {
      throw stackConfigError(
        full(key),
        "is not set (Pulumi.yaml declares its default; the Pulumi CLI ≥ 3.44 applies it)",
      );
    }
    return value;
  };
  const int = (key: string, min: number, max: number): number => {
    const value = get(key).trim();
    if (!/^-?\d+$/.test(value)) throw stackConfigError(full(key), `must be a whole number, got "${value}"`);
    const n = Number(value);
    if (n < min || n > max) throw stackConfigError(full(key), `must be between ${min} and ${max}, got ${n}`);
    return n;
  };
  const bool = (key: string): boolean => {
    const value = get(key).trim();
    if (value !== "true" && value !== "false")
      throw stackConfigError(full(key), `must be true or false, got "${value}"`);
    return value === "true";
  };
  const oneOf = <T extends string>(key: string, allowed: readonly T[]): T => {
    const value = get(key).trim();
    if (!(allowed as readonly string[]).includes(value)) {
      throw stackConfigError(full(key), `must be one of ${allowed.join(", ")}, got "${value}"`);
    }
    return value as T;
  };

  const region = raw["aws:region"];
  if (region === undefined || !/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/.test(region)) {
    throw stackConfigError(
      "aws:region",
      `must be an AWS region such as us-east-1, got ${region === undefined ? "nothing" : `"${region}"`}`,
    );
  }

  const sourceUrl = get("sourceUrl").trim();
  let url: URL;
  try {
    url = new URL(sourceUrl);
  } catch {
    throw stackConfigError(full("sourceUrl"), `must be an absolute URL, got "${sourceUrl}"`);
  }
  if (url.protocol !== "https:")
    throw stackConfigError(full("sourceUrl"), `must use https (TLS only), got "${sourceUrl}"`);

  const schedule = parseSchedule(get("scheduleExpression").trim());
  if ("error" in schedule) throw stackConfigError(full("scheduleExpression"), schedule.error);

  const config: StackConfig = {
    project,
    stack,
    region,
    sourceUrl: sourceUrl.replace(/\/+$/, ""),
    sourceContract: oneOf("sourceContract", ["v2", "v3"] as const),
    beersPerInvocation: int("beersPerInvocation", 1, 10000),
    fetchConcurrency: int("fetchConcurrency", 1, 64),
    schedule,
    functionMemoryMb: int("functionMemoryMb", 128, 10240),
    functionTimeoutSeconds: int("functionTimeoutSeconds", 5, 900),
    asyncRetryAttempts: int("asyncRetryAttempts", 0, 2),
    maxEventAgeSeconds: int("maxEventAgeSeconds", 60, 21600),
    logRetentionDays: int("logRetentionDays", 1, 3653),
    streamMode: oneOf("streamMode", ["PROVISIONED", "ON_DEMAND"] as const),
    streamShardCount: int("streamShardCount", 1, 500),
    streamRetentionHours: int("streamRetentionHours", 24, 8760),
    bufferingSizeMb: int("bufferingSizeMb", 1, 128),
    bufferingIntervalSeconds: int("bufferingIntervalSeconds", 0, 900),
    compression: oneOf("compression", ["GZIP", "UNCOMPRESSED"] as const),
    rawPrefix: get("rawPrefix"),
    curatedPrefix: get("curatedPrefix"),
    errorPrefix: get("errorPrefix"),
    rawExpirationDays: int("rawExpirationDays", 0, 36500),
    rawTransitionDays: int("rawTransitionDays", 0, 36500),
    rawTransitionStorageClass: oneOf("rawTransitionStorageClass", [
      "STANDARD_IA",
      "ONEZONE_IA",
      "INTELLIGENT_TIERING",
      "GLACIER_IR",
      "GLACIER",
    ] as const),
    noncurrentVersionExpirationDays: int("noncurrentVersionExpirationDays", 1, 3650),
    freshnessAlarmSeconds: int("freshnessAlarmSeconds", 60, 86400),
    protect: bool("protect"),
    bucketForceDestroy: bool("bucketForceDestroy"),
    alarmEmail: get("alarmEmail").trim() || undefined,
    // Athena's minimum per-query limit is 10 MB.
    athenaBytesScannedCutoffMb: int("athenaBytesScannedCutoffMb", 10, 1_000_000),
    athenaResultsExpirationDays: int("athenaResultsExpirationDays", 1, 3650),
  };

  if (!LOG_RETENTION_DAYS.includes(config.logRetentionDays)) {
    throw stackConfigError(
      full("logRetentionDays"),
      `must be one of ${LOG_RETENTION_DAYS.join(", ")}, got ${config.logRetentionDays}`,
    );
  }
  for (const key of ["rawPrefix", "curatedPrefix"] as const) {
    const prefixes = prefixPairProblem(config[key], config.errorPrefix);
    if (prefixes)
      throw stackConfigError(full(prefixes.key === "prefix" ? key : "errorPrefix"), prefixes.problem);
  }
  // The local views and the Glue tables find each zone by its literal start: neither may contain the other.
  const [rawStart, curatedStart] = [staticPart(config.rawPrefix), staticPart(config.curatedPrefix)];
  if (rawStart.startsWith(curatedStart) || curatedStart.startsWith(rawStart)) {
    throw stackConfigError(
      full("curatedPrefix"),
      `must not overlap rawPrefix ("${config.curatedPrefix}", "${config.rawPrefix}")`,
    );
  }
  if (
    config.rawTransitionDays > 0 &&
    ["STANDARD_IA", "ONEZONE_IA"].includes(config.rawTransitionStorageClass) &&
    config.rawTransitionDays < 30
  ) {
    throw stackConfigError(
      full("rawTransitionDays"),
      `must be at least 30 for ${config.rawTransitionStorageClass} (an S3 rule), got ${config.rawTransitionDays}`,
    );
  }
  if (config.rawExpirationDays > 0 && config.rawTransitionDays >= config.rawExpirationDays) {
    throw stackConfigError(
      full("rawTransitionDays"),
      `(${config.rawTransitionDays}) must come before rawExpirationDays (${config.rawExpirationDays})`,
    );
  }
  if (config.freshnessAlarmSeconds <= config.bufferingIntervalSeconds) {
    throw stackConfigError(
      full("freshnessAlarmSeconds"),
      `(${config.freshnessAlarmSeconds}) must exceed bufferingIntervalSeconds (${config.bufferingIntervalSeconds}), or the alarm fires on every buffer`,
    );
  }
  if (config.alarmEmail !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(config.alarmEmail)) {
    throw stackConfigError(
      full("alarmEmail"),
      `must be an e-mail address or empty, got "${config.alarmEmail}"`,
    );
  }
  if (config.protect && config.bucketForceDestroy) {
    throw stackConfigError(full("bucketForceDestroy"), "cannot be true on a protected stack (protect: true)");
  }
  return config;
}

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length][b.length];
}
