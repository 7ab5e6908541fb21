/**
 * The bootstrap's policy documents, as pure functions. The deploy roles (one per stack, every phase) and
 * the preview role (reads of every stack) are built from the permission table (iam/provider-calls/), on
 * each stack's own ARN patterns (components/naming.ts); the GitHub trust is bound to the workflow, the ref
 * and the environment that may use each role. Nothing here is granted by tag, and no deploy role can
 * touch an identity of the bootstrap, drop a permissions boundary, or pass a role to another service.
 */
import type { PolicyDocument, Statement } from "../iam/policy-document";
import { Kind, Phase, PHASES, rowsFor, TableRow, kindsOf } from "../iam/provider-calls";
import { bootstrapArns, stackNames, stackPatterns } from "../components/naming";

export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";

/** The workflow files the roles trust (the repository's `.github/workflows/`). */
export const WORKFLOWS = { deploy: "deploy.yml", preview: "pull-request.yml" } as const;

export interface Scope {
  partition: string;
  region: string;
  accountId: string;
  /** The pipeline's Pulumi project (the stacks' resources are named `<project>-<stack>-...`). */
  project: string;
  stateBucketArn: string;
  stateKeyArn: string;
}

type StateKind = "stateBucket" | "stateMeta" | "stackState" | "stackLocks" | "stateKey";

/** The state backend's objects, by kind: a stack's state and locks are its own keys in the state bucket. */
export function statePatterns(s: Scope, stack: string): Record<StateKind, string[]> {
  const b = s.stateBucketArn;
  return {
    stateBucket: [b],
    stateMeta: [`${b}/.pulumi/meta.yaml`],
    stackState: [
      `${b}/.pulumi/stacks/${s.project}/${stack}.*`,
      `${b}/.pulumi/history/${s.project}/${stack}/*`,
      `${b}/.pulumi/backups/${s.project}/${stack}/*`,
    ],
    stackLocks: [`${b}/.pulumi/locks/organization/${s.project}/${stack}/*`],
    stateKey: [s.stateKeyArn],
  };
}

/** Every kind a stack's roles are granted on, as ARN patterns; the alarm key is granted by its key policy. */
export function kindPatterns(s: Scope, stack: string): Partial<Record<Kind, string[]>> {
  return { ...stackPatterns(stackNames(s.project, stack), s), ...statePatterns(s, stack) };
}

const capital = (text: string) => text[0].toUpperCase() + text.slice(1);

/** A statement id from what it covers, e.g. "FunctionRolePassedToLambda", "RoleWithStackBoundary". */
function sid(kinds: Kind[], condition: Statement["Condition"] | undefined): string {
  const what = kinds.map((k) => (k === "*" ? "Unscoped" : capital(k))).join("");
  const passed = condition?.StringEquals?.["iam:PassedToService"];
  if (passed) return `${what}PassedTo${capital(String(passed).split(".")[0])}`;
  if (condition?.StringEquals?.["iam:PermissionsBoundary"]) return `${what}WithStackBoundary`;
  return what;
}

/**
 * Statements for table rows: one per (kinds, condition), actions sorted, resources the kinds' patterns.
 * Rows on the alarm key are left out: its key policy grants them (components/security/policies.ts).
 */
export function statementsFor(
  rows: TableRow[],
  patterns: (kind: Kind) => string[],
  condition: (row: TableRow) => Statement["Condition"] | undefined,
): Statement[] {
  const groups = new Map<
    string,
    { kinds: Kind[]; condition: Statement["Condition"]; actions: Set<string> }
  >();
  for (const row of rows) {
    const kinds = kindsOf(row);
    if (row.adminOnly || kinds.includes("key")) continue;
    const c = condition(row);
    const key = JSON.stringify([kinds, c ?? null]);
    if (!groups.has(key)) groups.set(key, { kinds, condition: c, actions: new Set() });
    groups.get(key)!.actions.add(row.action);
  }
  const statements = [...groups.values()].map((g): Statement => {
    const statement: Statement = {
      Sid: sid(g.kinds, g.condition),
      Effect: "Allow",
      Action: [...g.actions].sort(),
      Resource: [...new Set(g.kinds.flatMap((k) => patterns(k)))],
    };
    if (g.condition) statement.Condition = g.condition;
    return statement;
  });
  return statements.sort((a, b) => (a.Sid ?? "").localeCompare(b.Sid ?? ""));
}

function patternsOf(map: Partial<Record<Kind, string[]>>): (kind: Kind) => string[] {
  return (kind) => {
    const found = map[kind];
    if (!found) throw new Error(`no ARN pattern for "${kind}" in a stack's scope`);
    return found;
  };
}

/**
 * What deploying one stack takes, every phase: the stack's resources only (its name prefix), its own state
 * keys and lock, the state key. Role writes require the stack's permissions boundary; roles are passed
 * only to the service that uses them. Guardrails deny, whatever else is granted: any change to the
 * bootstrap's own roles and policies, dropping a boundary, creating a role without it, assuming a role.
 */
export function deployPolicy(s: Scope, stack: string): PolicyDocument {
  const own = bootstrapArns(s.project, s);
  const boundary = own.boundaryPolicy(stack);
  const rows = rowsFor("stacks", PHASES);
  const statements = statementsFor(
    rows,
    patternsOf(kindPatterns(s, stack)),
    (row): Statement["Condition"] => {
      if (row.passedToService) return { StringEquals: { "iam:PassedToService": row.passedToService } };
      if (row.boundary) return { StringEquals: { "iam:PermissionsBoundary": boundary } };
      return undefined;
    },
  );
  return {
    Version: "2012-10-17",
    Statement: [...statements, ...deployGuardrails(s, stack)],
  };
}

/** The denials that hold even if a grant above were widened by mistake (tested with an allow-all beside them). */
export function deployGuardrails(s: Scope, stack: string): Statement[] {
  const own = bootstrapArns(s.project, s);
  return [
    {
      Sid: "NeverTheBootstrapIdentities",
      Effect: "Deny",
      Action: ["iam:*"],
      Resource: [own.ownRoles, own.ownPolicies],
    },
    {
      Sid: "RolesOnlyWithTheStackBoundary",
      Effect: "Deny",
      Action: ["iam:CreateRole", "iam:PutRolePermissionsBoundary"],
      Resource: ["*"],
      Condition: { StringNotEquals: { "iam:PermissionsBoundary": own.boundaryPolicy(stack) } },
    },
    {
      Sid: "NeverDropABoundary",
      Effect: "Deny",
      Action: ["iam:DeleteRolePermissionsBoundary"],
      Resource: ["*"],
    },
    {
      // A deploy role could rewrite a stack role's trust to name itself; it may still never become one.
      Sid: "NeverAssumeARole",
      Effect: "Deny",
      Action: ["sts:AssumeRole"],
      Resource: ["*"],
    },
  ];
}

/** Reads only, of every stack's resources and state: what `pulumi preview --refresh` does. No lock, no write. */
export function previewPolicy(s: Scope, stacks: string[]): PolicyDocument {
  const rows = rowsFor("stacks", ["read"] satisfies Phase[]);
  const merged: Partial<Record<Kind, string[]>> = {};
  for (const stack of stacks) {
    for (const [kind, list] of Object.entries(kindPatterns(s, stack)) as [Kind, string[]][]) {
      merged[kind] = [...new Set([...(merged[kind] ?? []), ...list])];
    }
  }
  return { Version: "2012-10-17", Statement: statementsFor(rows, patternsOf(merged), () => undefined) };
}

/** A GitHub token's claims a trust policy reads. */
const claim = (name: string) => `${GITHUB_OIDC_HOST}:${name}`;

/**
 * `sub` in both of GitHub's formats: `repo:OWNER/REPO:...`, and, for repositories created after
 * 2026-07-15, `repo:OWNER@<owner id>/REPO@<repo id>:...`. The other claims pin the rest exactly.
 */
function subjects(repo: string, context: string): string[] {
  const [owner, name] = repo.split("/");
  return [`repo:${repo}:${context}`, `repo:${owner}@*/${name}@*:${context}`];
}

function githubTrust(oidcProviderArn: string, conditions: Statement["Condition"]): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: oidcProviderArn },
        Action: ["sts:AssumeRoleWithWebIdentity"],
        Condition: conditions,
      },
    ],
  };
}

/**
 * A stack's deploy role: only the deploy workflow as it is on main (job_workflow_ref), run for main (ref:
 * a branch calling main's workflow as a reusable one carries its own ref), in a job of the stack's
 * environment (sub). A workflow edited on a branch, or a branch naming the environment, gets nothing.
 * IAM requires a `sub` condition in any trust of GitHub's provider.
 */
export function deployTrustPolicy(oidcProviderArn: string, repo: string, stack: string): PolicyDocument {
  return githubTrust(oidcProviderArn, {
    StringEquals: {
      [claim("aud")]: "sts.amazonaws.com",
      [claim("ref")]: "refs/heads/main",
      [claim("job_workflow_ref")]: `${repo}/.github/workflows/${WORKFLOWS.deploy}@refs/heads/main`,
    },
    StringLike: { [claim("sub")]: subjects(repo, `environment:${stack}`) },
  });
}

/**
 * The preview role: only this repository's pull-request workflow, run for a pull request (its merge ref).
 * GitHub issues no token to pull requests from forks; a fork's own workflows carry the fork's name.
 */
export function previewTrustPolicy(oidcProviderArn: string, repo: string): PolicyDocument {
  return githubTrust(oidcProviderArn, {
    StringEquals: { [claim("aud")]: "sts.amazonaws.com" },
    StringLike: {
      [claim("sub")]: subjects(repo, "pull_request"),
      [claim("job_workflow_ref")]: `${repo}/.github/workflows/${WORKFLOWS.preview}@refs/pull/*/merge`,
    },
  });
}

/** State bucket: TLS only, and nobody but the pipeline's roles and the named admins. */
export function stateBucketPolicy(bucketArn: string, allowedPrincipalArns: string[]): PolicyDocument {
  const everything = [bucketArn, `${bucketArn}/*`];
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: ["s3:*"],
        Resource: everything,
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
      {
        Sid: "DenyOtherPrincipals",
        Effect: "Deny",
        Principal: "*",
        Action: ["s3:*"],
        Resource: everything,
        Condition: { ArnNotEquals: { "aws:PrincipalArn": allowedPrincipalArns } },
      },
    ],
  };
}

/** The actions the table's backend and secrets rows make on the state key, in the given phases. */
function stateKeyActions(phases: readonly Phase[]): string[] {
  const rows = rowsFor("stacks", phases).filter((r) => kindsOf(r).includes("stateKey"));
  return [...new Set(rows.map((r) => r.action))].sort();
}

/**
 * State key: administered by the admins; the deploy roles use it for the state (S3 on their behalf) and
 * the stacks' secrets, the preview role only decrypts. The actions are the table's backend and secrets rows.
 */
export function stateKeyPolicy(
  accountId: string,
  partition: string,
  admins: string[],
  users: { deployRoles: string[]; previewRole: string },
): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AccountRootForRecovery",
        Effect: "Allow",
        Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
        Action: ["kms:DescribeKey", "kms:GetKeyPolicy", "kms:PutKeyPolicy"],
        Resource: ["*"],
      },
      {
        Sid: "Administer",
        Effect: "Allow",
        Principal: { AWS: admins },
        Action: [
          "kms:CancelKeyDeletion",
          "kms:Decrypt",
          "kms:DescribeKey",
          "kms:DisableKey",
          "kms:EnableKey",
          "kms:EnableKeyRotation",
          "kms:Encrypt",
          "kms:GenerateDataKey",
          "kms:GetKeyPolicy",
          "kms:GetKeyRotationStatus",
          "kms:ListResourceTags",
          "kms:PutKeyPolicy",
          "kms:ScheduleKeyDeletion",
        ],
        Resource: ["*"],
      },
      {
        Sid: "DeployRolesUse",
        Effect: "Allow",
        Principal: { AWS: users.deployRoles },
        Action: stateKeyActions(PHASES),
        Resource: ["*"],
      },
      {
        Sid: "PreviewRoleReads",
        Effect: "Allow",
        Principal: { AWS: users.previewRole },
        Action: stateKeyActions(["read"]),
        Resource: ["*"],
      },
    ],
  };
}
