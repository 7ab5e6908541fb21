/**
 * The two clients a container keeps for its whole life: one keep-alive HTTP client for the Punk API and
 * one Kinesis client. Built once at cold start, never per invocation.
 */
import got, { Got } from "got";
import { KinesisClient } from "@aws-sdk/client-kinesis";
import type { NodeHttpHandler } from "@smithy/node-http-handler";
import { Clock, systemClock } from "./clock";
import type { HandlerConfig } from "./config";
import { idleLimitedAgents } from "./idle-agent";

export function createHttpClient(
  config: Pick<HandlerConfig, "sourceUrl" | "socketIdleMs">,
  clock: Pick<Clock, "now"> = systemClock,
): Got {
  return got.extend({
    prefixUrl: config.sourceUrl,
    headers: { accept: "application/json", "user-agent": "punkapi-consumer" },
    agent: idleLimitedAgents(config.socketIdleMs, clock),
    retry: 0,
  });
}

/**
 * An HTTP/1.1 request handler, loaded only when an endpoint override is set (local runs). The Lambda
 * runtime's bundled SDK does not expose @smithy/node-http-handler as a top-level package
 * (aws/aws-sdk-js-v3#6169), so a module-level import would break the deployed function at cold start.
 */
function http1Handler(): NodeHttpHandler {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const smithy = require("@smithy/node-http-handler") as typeof import("@smithy/node-http-handler");
  return new smithy.NodeHttpHandler();
}

/**
 * One attempt per call: the sink owns the retries (failed entries and whole-call errors alike), with its
 * own backoff and the invocation's deadline, and records each failure's cause. The SDK's hidden retries
 * would spend the deadline and leave only an AbortError to report.
 */
const ATTEMPTS_PER_CALL = 1;

/**
 * The fixed local credentials' key id and secret. Kinesalite and the local IAM gateway read the key id
 * (to tell roles apart), never the secret: one value for both leaves no literal whose change nothing sees.
 */
const LOCAL_KEY = "local";

export function createKinesisClient(
  config: Pick<HandlerConfig, "region" | "kinesisEndpoint" | "credentials">,
): KinesisClient {
  if (config.kinesisEndpoint === undefined) {
    return new KinesisClient({ region: config.region, maxAttempts: ATTEMPTS_PER_CALL });
  }
  // Local endpoints speak HTTP/1.1 only, where the Kinesis client defaults to HTTP/2. The local run gives
  // each function its role's local credentials (its IAM gateway tells the roles apart by them); without
  // any, fixed ones keep the SDK from searching the machine (and IMDS) for real ones.
  return new KinesisClient({
    region: config.region,
    endpoint: config.kinesisEndpoint,
    maxAttempts: ATTEMPTS_PER_CALL,
    requestHandler: http1Handler(),
    credentials: config.credentials ?? { accessKeyId: LOCAL_KEY, secretAccessKey: LOCAL_KEY },
  });
}
