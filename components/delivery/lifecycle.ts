/** The lake's lifecycle rules from the stack configuration: a pure function the tests read directly. */
import type { StackConfig } from "../../config/stack-config";
import { staticPart } from "../../config/firehose-prefix";

export interface LifecycleRule {
  id: string;
  status: "Enabled";
  filter: { prefix: string };
  expiration?: { days: number };
  transitions?: { days: number; storageClass: string }[];
  noncurrentVersionExpiration?: { noncurrentDays: number };
  abortIncompleteMultipartUpload?: { daysAfterInitiation: number };
}

type LifecycleConfig = Pick<
  StackConfig,
  | "rawPrefix"
  | "curatedPrefix"
  | "rawExpirationDays"
  | "rawTransitionDays"
  | "rawTransitionStorageClass"
  | "noncurrentVersionExpirationDays"
>;

export function lifecycleRules(config: LifecycleConfig): LifecycleRule[] {
  // The curated zone is derived from the same records: it follows the raw zone's retention.
  const zones = [
    { id: "raw", prefix: config.rawPrefix },
    { id: "curated", prefix: config.curatedPrefix },
  ];
  const rules: LifecycleRule[] = [];
  for (const zone of zones) {
    const rule: LifecycleRule = {
      id: zone.id,
      status: "Enabled",
      filter: { prefix: staticPart(zone.prefix) },
    };
    if (config.rawTransitionDays > 0) {
      rule.transitions = [{ days: config.rawTransitionDays, storageClass: config.rawTransitionStorageClass }];
    }
    if (config.rawExpirationDays > 0) rule.expiration = { days: config.rawExpirationDays };
    if (rule.transitions || rule.expiration) rules.push(rule);
  }
  rules.push({
    id: "whole-bucket",
    status: "Enabled",
    filter: { prefix: "" },
    noncurrentVersionExpiration: { noncurrentDays: config.noncurrentVersionExpirationDays },
    abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
  });
  return rules;
}
