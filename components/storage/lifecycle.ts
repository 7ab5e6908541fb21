/** The lake's lifecycle rules: a pure function of the zones and the retention knobs, read by the tests directly. */
import type { StackConfig } from "../../config/spec";
import type { LakeZones } from "../../model/lake";

export interface LifecycleRule {
  id: string;
  status: "Enabled";
  filter: { prefix: string };
  expiration?: { days: number };
  transitions?: { days: number; storageClass: string }[];
  noncurrentVersionExpiration?: { noncurrentDays: number };
  abortIncompleteMultipartUpload?: { daysAfterInitiation: number };
}

export type Retention = Pick<
  StackConfig,
  "rawExpirationDays" | "rawTransitionDays" | "rawTransitionStorageClass" | "noncurrentVersionExpirationDays"
>;

export function lifecycleRules(lake: LakeZones, retention: Retention): LifecycleRule[] {
  const rules: LifecycleRule[] = [];
  // The curated zone is derived from the same records: it follows the raw zone's retention.
  for (const zone of [lake.raw, lake.curated]) {
    const rule: LifecycleRule = { id: zone.id, status: "Enabled", filter: { prefix: zone.literalStart } };
    if (retention.rawTransitionDays > 0) {
      rule.transitions = [
        { days: retention.rawTransitionDays, storageClass: retention.rawTransitionStorageClass },
      ];
    }
    if (retention.rawExpirationDays > 0) rule.expiration = { days: retention.rawExpirationDays };
    if (rule.transitions || rule.expiration) rules.push(rule);
  }
  rules.push(wholeBucketRule("whole-bucket", retention.noncurrentVersionExpirationDays));
  return rules;
}

/**
 * A rule over every object of a bucket: replaced and deleted versions expire after `noncurrentDays`,
 * unfinished multipart uploads after a day, and current objects after `expirationDays` when given.
 */
export function wholeBucketRule(id: string, noncurrentDays: number, expirationDays?: number): LifecycleRule {
  return {
    id,
    status: "Enabled",
    filter: { prefix: "" },
    ...(expirationDays === undefined ? {} : { expiration: { days: expirationDays } }),
    noncurrentVersionExpiration: { noncurrentDays },
    abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
  };
}
