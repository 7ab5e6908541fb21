/**
 * The function's settings, declared once: the environment variable each is read from and, where it has
 * them, its default and the whole numbers it accepts. The handler reads its environment by this table
 * (./config.ts); the stack configuration (config/spec.ts) takes from it the defaults and ranges of the
 * settings a stack exposes, and the program (components/ingest/function-environment.ts) the variables'
 * names and the deadline margin. It lives in handler/ because the handler is compiled and packaged alone
 * (components/ingest/handler-package.ts): nothing it imports may sit outside this folder.
 */
import type { IngestMode } from "./contract";

/** A setting read as a whole number: its default when unset, and the values it accepts, both ends included. */
export interface WholeNumberSetting {
  variable: string;
  default: number;
  min: number;
  max: number;
}

/** Any setting, as the table below gives it. */
export interface Setting {
  variable: string;
  default?: string | number;
  min?: number;
  max?: number;
}

/** A setting without a default is required, or (KINESIS_ENDPOINT and the credentials) unset unless given. */
export const SETTINGS = {
  streamName: { variable: "STREAM_NAME" },
  sourceUrl: { variable: "PUNKAPI_URL" },
  contract: { variable: "PUNKAPI_CONTRACT" },
  stack: { variable: "STACK_NAME", default: "local" },
  mode: { variable: "INGEST_MODE", default: "random" satisfies IngestMode },
  beersPerInvocation: { variable: "BEERS_PER_INVOCATION", default: 1, min: 1, max: 10000 },
  concurrency: { variable: "FETCH_CONCURRENCY", default: 8, min: 1, max: 64 },
  requestTimeoutMs: { variable: "REQUEST_TIMEOUT_MS", default: 5000, min: 100, max: 60000 },
  maxAttempts: { variable: "FETCH_MAX_ATTEMPTS", default: 4, min: 1, max: 10 },
  deadlineMs: { variable: "INVOCATION_DEADLINE_MS", default: 25000, min: 1000, max: 900000 },
  backoffBaseMs: { variable: "BACKOFF_BASE_MS", default: 100, min: 1, max: 10000 },
  backoffCapMs: { variable: "BACKOFF_CAP_MS", default: 5000, min: 1, max: 60000 },
  socketIdleMs: { variable: "SOURCE_SOCKET_IDLE_MS", default: 4000, min: 100, max: 600000 },
  kinesisEndpoint: { variable: "KINESIS_ENDPOINT" },
  region: { variable: "AWS_REGION", default: "us-east-1" },
  accessKeyId: { variable: "AWS_ACCESS_KEY_ID" },
  secretAccessKey: { variable: "AWS_SECRET_ACCESS_KEY" },
  sessionToken: { variable: "AWS_SESSION_TOKEN" },
} as const satisfies Record<string, Setting>;

type Settings = typeof SETTINGS;

/** Each setting's variable by the setting's name (`ENV.deadlineMs` is "INVOCATION_DEADLINE_MS"). */
export const ENV = Object.fromEntries(
  Object.entries(SETTINGS).map(([name, setting]) => [name, setting.variable]),
) as { readonly [K in keyof Settings]: Settings[K]["variable"] };

/**
 * Time the handler keeps back from Lambda's timeout, to log its summary and return before it is cut off:
 * the program sets the deadline this much short of the function's timeout, and the entry caps each
 * invocation at Lambda's remaining time less it (for a deadline set by hand longer than the timeout allows).
 */
export const DEADLINE_MARGIN_MS = 2000;
