/**
 * The one ARN format, `arn:<partition>:<service>:<region>:<account>:<resource>`: every ARN the program,
 * the bootstrap, the mocks and the local IAM write goes through here (each resource type's own resource
 * part lives in its module of resource-types/).
 */
import type { AwsEnv } from "./names";

/**
 * Where a service's resources live: in a region and an account (most), in an account only (IAM,
 * CloudWatch dashboards), or in neither (S3 buckets, whose names are global).
 */
export type ArnScope = "regional" | "account" | "global";

export type ArnEnv = Pick<AwsEnv, "partition" | "accountId"> & { region?: string };

export function arn(env: ArnEnv, service: string, resource: string, scope: ArnScope = "regional"): string {
  const region = scope === "regional" ? env.region : "";
  if (region === undefined) throw new Error(`a regional ARN of ${service} needs a region`);
  const account = scope === "global" ? "" : env.accountId;
  return `arn:${env.partition}:${service}:${region}:${account}:${resource}`;
}

/** The ARN of a role's session (STS): how AWS names the caller of a request, and in a denial. */
export function sessionArn(env: ArnEnv, role: string, session: string): string {
  return arn(env, "sts", `assumed-role/${role}/${session}`, "account");
}
