/**
 * The rules between keys: each names the key a user should change and says why, checked after every key
 * has been read on its own.
 */
import type { ConfigKey, StackConfig } from "./spec";
import { hasExpressions, staticPart } from "./firehose-prefix";
import { prefixLayout } from "./prefix-layout";

export interface CrossKeyRule {
  /** What the rule keeps true, in words (the configuration reference lists these). */
  says: string;
  check(config: StackConfig): { key: ConfigKey; message: string } | undefined;
}

const rootOf = (prefix: string) => {
  const layout = prefixLayout(prefix);
  return "error" in layout ? prefix : layout.root;
};
const within = (a: string, b: string) => a.startsWith(b) || b.startsWith(a);

export const RULES: CrossKeyRule[] = [
  {
    says: "A data prefix with expressions needs an error prefix (Firehose refuses it otherwise).",
    check: (c) =>
      (hasExpressions(c.rawPrefix) || hasExpressions(c.curatedPrefix)) && c.errorPrefix === ""
        ? { key: "errorPrefix", message: "is required when the prefix holds expressions" }
        : undefined,
  },
  {
    says: "The raw and curated zones are separate folders: neither table may read the other's objects.",
    check: (c) =>
      within(rootOf(c.rawPrefix), rootOf(c.curatedPrefix))
        ? {
            key: "curatedPrefix",
            message: `must not overlap rawPrefix: their folders "${rootOf(c.curatedPrefix)}" and "${rootOf(c.rawPrefix)}" would hold each other's objects`,
          }
        : undefined,
  },
  {
    says: "Records Firehose could not deliver land outside both zones' folders (no table reads them).",
    check: (c) => {
      const errors = staticPart(c.errorPrefix);
      const zone = [c.rawPrefix, c.curatedPrefix].map(rootOf).find((root) => errors.startsWith(root));
      return zone !== undefined
        ? {
            key: "errorPrefix",
            message: `must not be under a zone's folder ("${zone}"): a table would read failed records`,
          }
        : undefined;
    },
  },
  {
    says: "STANDARD_IA and ONEZONE_IA take objects 30 days old at the earliest (an S3 rule).",
    check: (c) =>
      c.rawTransitionDays > 0 &&
      ["STANDARD_IA", "ONEZONE_IA"].includes(c.rawTransitionStorageClass) &&
      c.rawTransitionDays < 30
        ? {
            key: "rawTransitionDays",
            message: `must be at least 30 for ${c.rawTransitionStorageClass} (an S3 rule), got ${c.rawTransitionDays}`,
          }
        : undefined,
  },
  {
    says: "A transition comes before the expiration.",
    check: (c) =>
      c.rawExpirationDays > 0 && c.rawTransitionDays >= c.rawExpirationDays
        ? {
            key: "rawTransitionDays",
            message: `(${c.rawTransitionDays}) must come before rawExpirationDays (${c.rawExpirationDays})`,
          }
        : undefined,
  },
  {
    says: "The freshness alarm waits longer than one buffer interval.",
    check: (c) =>
      c.freshnessAlarmSeconds <= c.bufferingIntervalSeconds
        ? {
            key: "freshnessAlarmSeconds",
            message: `(${c.freshnessAlarmSeconds}) must exceed bufferingIntervalSeconds (${c.bufferingIntervalSeconds}), or the alarm fires on every buffer`,
          }
        : undefined,
  },
  {
    says: "The silence alarm waits longer than the schedule's interval.",
    check: (c) =>
      c.scheduleExpression.kind === "rate" && c.silenceAlarmMinutes * 60_000 <= c.scheduleExpression.periodMs
        ? {
            key: "silenceAlarmMinutes",
            message: `(${c.silenceAlarmMinutes}) must exceed the schedule's interval (${c.scheduleExpression.expression}), or the alarm fires between invocations`,
          }
        : undefined,
  },
  {
    says: "A protected stack's bucket is never emptied by a destroy.",
    check: (c) =>
      c.protect && c.bucketForceDestroy
        ? { key: "bucketForceDestroy", message: "cannot be true on a protected stack (protect: true)" }
        : undefined,
  },
];
