import type { Contract } from "../../../handler/contract";
import { CONFIG_SPEC } from "../../../config/spec";

/** What the stand-in does unless told otherwise: the contract the stacks default to, the public API's limits. */
export const STAND_IN_DEFAULTS = {
  contract: CONFIG_SPEC.sourceContract.default as Contract,
  /** The public API allowed 3600 requests an hour, and named an hour in its Retry-After. */
  rateLimit: 3600,
  rateWindowMs: 3600_000,
  retryAfterSeconds: 3600,
} as const;
