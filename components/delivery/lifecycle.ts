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
  | "rawExpirationDays"
  | "rawTransitionDays"
  | "rawTransitionStorageClass"
  | "noncurrentVersionExpirationDays"
>;

export function lifecycleRules(config: LifecycleConfig): LifecycleRule[] {
  const raw: LifecycleRule = {
    id: "raw",
    status: "Enabled",
    filter: { prefix: staticPart(config.rawPrefix) },
  };
  if (config.rawTransitionDays > 0) {
    raw.transitions = [{ days: config.rawTransitionDays, storageClass: config.rawTransitionStorageClass }];
  }
  if (config.rawExpirationDays > 0) raw.expiration = { days: config.rawExpirationDays };
  const rules: LifecycleRule[] = [];
  if (raw.transitions || raw.expiration) rules.push(raw);
  rules.push({
    id: "whole-bucket",
    status: "Enabled",
    filter: { prefix: "" },
    noncurrentVersionExpiration: { noncurrentDays: config.noncurrentVersionExpirationDays },
    abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
  });
  return rules;
}
