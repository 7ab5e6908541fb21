/** The bootstrap's configuration, checked before any resource is declared; errors name the key. */
import { stackConfigError } from "../config/stack-config";

export interface BootstrapConfig {
  project: string;
  region: string;
  githubRepository: string;
  adminPrincipalArns: string[];
  pipelineProject: string;
  stateNoncurrentVersionDays: number;
}

export function parseBootstrapConfig(raw: Record<string, string>, project: string): BootstrapConfig {
  const key = (k: string) => `${project}:${k}`;
  const get = (k: string) => {
    const v = raw[key(k)];
    if (v === undefined || v.trim() === "") throw stackConfigError(key(k), "is required");
    return v.trim();
  };
  const region = raw["aws:region"];
  if (!region || !/^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(region))
    throw stackConfigError("aws:region", "must be an AWS region such as us-east-1");
  const githubRepository = get("githubRepository");
  if (!/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/.test(githubRepository)) {
    throw stackConfigError(key("githubRepository"), `must be owner/name, got "${githubRepository}"`);
  }
  const adminPrincipalArns = get("adminPrincipalArns")
    .split(",")
    .map((a) => a.trim())
    .filter(Boolean);
  for (const arn of adminPrincipalArns) {
    if (!/^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/.test(arn)) {
      throw stackConfigError(key("adminPrincipalArns"), `must list IAM role or user ARNs, got "${arn}"`);
    }
  }
  const pipelineProject = get("pipelineProject");
  if (!/^[a-z0-9-]+$/.test(pipelineProject))
    throw stackConfigError(
      key("pipelineProject"),
      `must be lower-case letters, digits and -, got "${pipelineProject}"`,
    );
  const days = get("stateNoncurrentVersionDays");
  if (!/^\d+$/.test(days) || +days < 1 || +days > 3650)
    throw stackConfigError(key("stateNoncurrentVersionDays"), `must be between 1 and 3650, got "${days}"`);
  return {
    project,
    region,
    githubRepository,
    adminPrincipalArns,
    pipelineProject,
    stateNoncurrentVersionDays: Number(days),
  };
}
