/**
 * Handler configuration, read from environment variables once per container (at cold start).
 * Every bad value fails here with a message that names the variable, before any request is made.
 */
import { Contract, CONTRACTS, INGEST_MODES, IngestMode, isContract } from "./contract";
import { ENV, SETTINGS, WholeNumberSetting } from "./settings";

export interface HandlerConfig {
  streamName: string;
  sourceUrl: string;
  contract: Contract;
  /** The Pulumi stack: the dimension of the function's metrics. */
  stack: string;
  /** random: `beersPerInvocation` random beers; catalogue: every page of /beers. */
  mode: IngestMode;
  beersPerInvocation: number;
  concurrency: number;
  requestTimeoutMs: number;
  maxAttempts: number;
  deadlineMs: number;
  /** Retry timing of the source and the sink (exponential backoff, full jitter). */
  backoffBaseMs: number;
  backoffCapMs: number;
  /**
   * A kept-alive connection idle longer than this is never reused: both Punk APIs close idle connections
   * after 5 s, and a request sent on a socket the server has just closed fails with ECONNRESET.
   */
  socketIdleMs: number;
  /** Only for local runs: a Kinesis-compatible endpoint (kinesalite), reached over HTTP/1.1. */
  kinesisEndpoint: string | undefined;
  region: string;
  /** Credentials Lambda puts in the environment; used explicitly only with a local endpoint. */
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | undefined;
}

export interface ConfigError extends Error {
  readonly variable: string;
}

/** An error naming the variable; `name` identifies it across module copies (tests load the handler twice). */
export function configError(variable: string, message: string): ConfigError {
  return Object.assign(new Error(`${variable}: ${message}`), { name: "ConfigError", variable });
}

type Env = Record<string, string | undefined>;

function required(env: Env, name: string): string {
  const value = env[name];
  if (value === undefined || value.trim() === "") throw configError(name, "is required and was not set");
  return value.trim();
}

function wholeNumber(env: Env, setting: WholeNumberSetting): number {
  const { variable: name, min, max } = setting;
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return setting.default;
  if (!/^\d+$/.test(raw.trim())) throw configError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw.trim());
  if (value < min || value > max) throw configError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function httpUrl(name: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw configError(name, `must be an absolute http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw configError(name, `must use http or https, got "${url.protocol}"`);
  }
  if (url.search || url.hash) throw configError(name, `must not carry a query or fragment, got "${raw}"`);
  return raw.replace(/\/+$/, "");
}

export function parseConfig(env: Env): HandlerConfig {
  const streamName = required(env, ENV.streamName);
  if (!/^[a-zA-Z0-9_.-]{1,128}$/.test(streamName)) {
    throw configError(ENV.streamName, `is not a valid Kinesis stream name: "${streamName}"`);
  }
  const sourceUrl = httpUrl(ENV.sourceUrl, required(env, ENV.sourceUrl));
  const contract = required(env, ENV.contract);
  if (!isContract(contract))
    throw configError(
      ENV.contract,
      `must be ${CONTRACTS.map((c) => `"${c}"`).join(" or ")}, got "${contract}"`,
    );
  const stack = env[ENV.stack]?.trim() || SETTINGS.stack.default;
  // A CloudWatch dimension value: 1 to 1024 characters, ASCII, no leading colon.
  if (stack.length > 1024 || !/^[\x20-\x7e]+$/.test(stack) || stack.startsWith(":"))
    throw configError(ENV.stack, `is not a valid CloudWatch dimension value: "${stack}"`);
  const mode = env[ENV.mode]?.trim() || SETTINGS.mode.default;
  if (!(INGEST_MODES as readonly string[]).includes(mode))
    throw configError(ENV.mode, `must be one of ${INGEST_MODES.join(", ")}, got "${mode}"`);
  const endpoint = env[ENV.kinesisEndpoint]?.trim();
  const config: HandlerConfig = {
    streamName,
    sourceUrl,
    contract,
    mode: mode as IngestMode,
    stack,
    beersPerInvocation: wholeNumber(env, SETTINGS.beersPerInvocation),
    concurrency: wholeNumber(env, SETTINGS.concurrency),
    requestTimeoutMs: wholeNumber(env, SETTINGS.requestTimeoutMs),
    maxAttempts: wholeNumber(env, SETTINGS.maxAttempts),
    deadlineMs: wholeNumber(env, SETTINGS.deadlineMs),
    backoffBaseMs: wholeNumber(env, SETTINGS.backoffBaseMs),
    backoffCapMs: wholeNumber(env, SETTINGS.backoffCapMs),
    socketIdleMs: wholeNumber(env, SETTINGS.socketIdleMs),
    kinesisEndpoint: endpoint ? httpUrl(ENV.kinesisEndpoint, endpoint) : undefined,
    region: env[ENV.region]?.trim() || SETTINGS.region.default,
    credentials: env[ENV.accessKeyId]?.trim()
      ? {
          accessKeyId: env[ENV.accessKeyId]!.trim(),
          secretAccessKey: env[ENV.secretAccessKey]?.trim() ?? "",
          sessionToken: env[ENV.sessionToken]?.trim() || undefined,
        }
      : undefined,
  };
  if (config.backoffBaseMs > config.backoffCapMs) {
    throw configError(
      ENV.backoffBaseMs,
      `(${config.backoffBaseMs}) must not exceed ${ENV.backoffCapMs} (${config.backoffCapMs})`,
    );
  }
  if (config.requestTimeoutMs >= config.deadlineMs) {
    throw configError(
      ENV.requestTimeoutMs,
      `(${config.requestTimeoutMs}) must be shorter than ${ENV.deadlineMs} (${config.deadlineMs})`,
    );
  }
  return config;
}
