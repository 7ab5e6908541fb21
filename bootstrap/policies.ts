/**
 * The bootstrap's policy documents, as pure functions. The deploy roles (one per stack, every phase) and
 * the preview role (reads of every stack) are built from the permission table (iam/provider-calls.ts), on
 * each stack's own ARN patterns (iam/stack-arns.ts); the GitHub trust is bound to the workflow, the ref
 * and the environment that may use each role. Nothing here is granted by tag, and no deploy role can
 * touch an identity of the bootstrap, drop a permissions boundary, or pass a role to another service.
 */
import type { PolicyDocument, Statement } from "../iam/policy-document";
import { Kind, Phase, PHASES, rowsFor, TableRow, kindsOf } from "../iam/provider-calls";
import { bootstrapNames, stackNames } from "../model/names";
import { bootstrapArns, StackFacts, stackPatterns } from "../iam/stack-arns";
import { kmsKey } from "../resource-types/kms/key";
import { kmsAlias } from "../resource-types/kms/alias";
import { iamRole } from "../resource-types/iam/role";
import { arn } from "../model/arn";
import { STATE_KINDS, type StateKind } from "../resource-types/calls";

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
  /** Per stack: what its configuration says, and its secrets key. */
  stacks: Record<string, StackFacts & { secretsKeyArn: string }>;
}

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
    stackSecretsKey: [facts(s, stack).secretsKeyArn],
  };
}

function facts(s: Scope, stack: string) {
  const found = s.stacks[stack];
  if (!found)
    throw new Error(`no facts about the stack "${stack}" (stacks: ${Object.keys(s.stacks).join(", ")})`);
  return found;
}

/** Every kind a stack's roles are granted on, as ARN patterns; the alarm key is granted by its key policy. */
export function kindPatterns(s: Scope, stack: string): Partial<Record<Kind, string[]>> {
  return { ...stackPatterns(stackNames(s.project, stack), s, facts(s, stack)), ...statePatterns(s, stack) };
}

const capital = (text: string) => text[0].toUpperCase() + text.slice(1);

/** A statement id from what it covers and what it requires, e.g. "FunctionRolePassedToLambda". */
function sid(kinds: Kind[], condition: Statement["Condition"] | undefined): string {
  const what = kinds.map((k) => (k === "*" ? "Unscoped" : capital(k))).join("");
  const keys = Object.values(condition ?? {}).flatMap((block) => Object.keys(block));
  const passed = condition?.StringEquals?.["iam:PassedToService"];
  if (passed) return `${what}PassedTo${capital(String(passed).split(".")[0])}`;
  if (keys.includes("iam:PermissionsBoundary")) return `${what}WithStackBoundary`;
  if (keys.includes("cloudwatch:AlarmActions")) return `${what}ToStackTopic`;
  if (keys.includes("lambda:Principal")) return `${what}ForEventBridge`;
  if (keys.some((k) => k.startsWith("aws:RequestTag/"))) return `${what}TaggedForTheStack`;
  if (keys.length) return `${what}Conditioned`;
  return what;
}

/**
 * A row's condition with its placeholders filled in: "<stackBoundary>" is the stack's permissions boundary,
 * "<stack>" the stack's name (a tag a request must carry), "<kind>" the stack's ARN patterns of that kind.
 */
export function conditionFor(
  row: Pick<TableRow, "condition">,
  patterns: (kind: Kind) => string[],
  boundary: string | undefined,
  stack?: string,
): Statement["Condition"] | undefined {
  if (!row.condition) return undefined;
  const fill = (value: string): string | string[] => {
    const placeholder = /^<(.+)>$/.exec(value)?.[1];
    if (!placeholder) return value;
    if (placeholder === "stackBoundary") {
      if (!boundary) throw new Error("a condition names the stack's boundary, and there is none here");
      return boundary;
    }
    if (placeholder === "stack") {
      if (!stack) throw new Error("a condition names the stack, and there is none here");
      return stack;
    }
    return patterns(placeholder as Kind);
  };
  return Object.fromEntries(
    Object.entries(row.condition).map(([operator, block]) => [
      operator,
      Object.fromEntries(Object.entries(block).map(([key, value]) => [key, fill(value)])),
    ]),
  );
}

/**
 * Statements for table rows: one per (kinds, condition), actions sorted, resources the kinds' patterns.
 * Rows on the alarm key are left out: its key policy grants them (components/security/policies.ts); so
 * are the administrator's rows.
 */
export function statementsFor(
  rows: TableRow[],
  patterns: (kind: Kind) => string[],
  boundary: string | undefined,
  stack?: string,
): Statement[] {
  const groups = new Map<
    string,
    { kinds: Kind[]; condition: Statement["Condition"]; actions: Set<string> }
  >();
  for (const row of rows) {
    const kinds = kindsOf(row);
    if (row.adminOnly || kinds.includes("key")) continue;
    const c = conditionFor(row, patterns, boundary, stack);
    const key = JSON.stringify([kinds, c]);
    if (!groups.has(key)) groups.set(key, { kinds, condition: c, actions: new Set() });
    groups.get(key)!.actions.add(row.action);
  }
  const statements = [...groups.values()].map((g) => {
    const statement: Statement & { Sid: string } = {
      Sid: sid(g.kinds, g.condition),
      Effect: "Allow",
      Action: [...g.actions].sort(),
      Resource: [...new Set(g.kinds.flatMap((k) => patterns(k)))],
    };
    if (g.condition) statement.Condition = g.condition;
    return statement;
  });
  return statements.sort((a, b) => a.Sid.localeCompare(b.Sid));
}

/** A kind's ARN patterns from a map of them; a kind the map lacks is an error, not a statement without resources. */
export function patternsOf(map: Partial<Record<Kind, string[]>>): (kind: Kind) => string[] {
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
 * The role carries it in two documents (deployPolicyParts); this is their union, as IAM evaluates them.
 */
export function deployPolicy(s: Scope, stack: string): PolicyDocument {
  const { inline, state } = deployPolicyParts(s, stack);
  const grants = [...inline.Statement.filter((x) => x.Effect === "Allow"), ...state.Statement];
  return {
    Version: "2012-10-17",
    Statement: [
      ...grants.sort((a, b) => a.Sid!.localeCompare(b.Sid!)),
      ...inline.Statement.filter((x) => x.Effect === "Deny"),
    ],
  };
}

/**
 * The deploy policy as the role carries it. IAM allows a role 10,240 characters of inline policy in all,
 * and its grants on the stack's resources with the guardrails come near that in the longest region
 * names; the grants on the stack's Pulumi state (state bucket, its keys and lock, the secrets key) go in a
 * managed policy of the bootstrap's own, attached to the role (6,144 characters allowed).
 */
export function deployPolicyParts(
  s: Scope,
  stack: string,
): { inline: PolicyDocument; state: PolicyDocument } {
  const own = bootstrapArns(s.project, s);
  const boundary = own.boundaryPolicy(stack);
  const patterns = patternsOf(kindPatterns(s, stack));
  const rows = rowsFor("stacks", PHASES);
  const onState = (r: TableRow) => kindsOf(r).every((k) => (STATE_KINDS as readonly string[]).includes(k));
  return {
    inline: {
      Version: "2012-10-17",
      Statement: [
        ...statementsFor(
          rows.filter((r) => !onState(r)),
          patterns,
          boundary,
          stack,
        ),
        ...deployGuardrails(s, stack),
      ],
    },
    state: {
      Version: "2012-10-17",
      Statement: statementsFor(rows.filter(onState), patterns, boundary, stack),
    },
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
      Resource: [own.ownRoles, own.ownPolicies, own.githubProvider],
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

/**
 * Reads only, of one stack's resources and state (its own secrets key included): what `pulumi preview
 * --refresh` of that stack does. No lock, no write, nothing of another stack.
 */
export function previewPolicy(s: Scope, stack: string): PolicyDocument {
  const rows = rowsFor("stacks", ["read"] satisfies Phase[]);
  return {
    Version: "2012-10-17",
    Statement: statementsFor(rows, patternsOf(kindPatterns(s, stack)), undefined),
  };
}

/** The repository by name (owner/name) and by its id, which GitHub never reuses: a renamed or re-created
 * repository of the same name is not this one. */
export interface GithubRepository {
  name: string;
  id: string;
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
export function deployTrustPolicy(
  oidcProviderArn: string,
  repo: GithubRepository,
  stack: string,
): PolicyDocument {
  return githubTrust(oidcProviderArn, {
    StringEquals: {
      [claim("aud")]: "sts.amazonaws.com",
      [claim("repository_id")]: repo.id,
      [claim("ref")]: "refs/heads/main",
      [claim("job_workflow_ref")]: `${repo.name}/.github/workflows/${WORKFLOWS.deploy}@refs/heads/main`,
    },
    StringLike: { [claim("sub")]: subjects(repo.name, `environment:${stack}`) },
  });
}

/**
 * A stack's preview role: only this repository's pull-request workflow, run for a pull request (its merge
 * ref), in the stack's preview environment. The environment requires an approver
 * (bootstrap/github-settings.ts), and GitHub issues a token naming it only once the job is approved: a pull
 * request, from a branch or a fork, gets no credentials of its own accord. A plain pull-request token, with
 * no environment in its subject, is refused.
 */
export function previewTrustPolicy(
  oidcProviderArn: string,
  repo: GithubRepository,
  stack: string,
  project: string,
): PolicyDocument {
  return githubTrust(oidcProviderArn, {
    StringEquals: {
      [claim("aud")]: "sts.amazonaws.com",
      [claim("repository_id")]: repo.id,
    },
    StringLike: {
      [claim("sub")]: subjects(repo.name, `environment:${bootstrapNames(project).previewEnvironment(stack)}`),
      [claim("job_workflow_ref")]: `${repo.name}/.github/workflows/${WORKFLOWS.preview}@refs/pull/*/merge`,
    },
  });
}

/**
 * State bucket: TLS only; nobody but the pipeline's roles, the named admins and AWS's own service-linked
 * roles (Access Analyzer, Config); and each stack's state and lock writable by that stack's deploy role
 * only, readable by it and that stack's preview role, whatever their identity policies say.
 */
export function stateBucketPolicy(
  bucketArn: string,
  roles: { previewRoles: Record<string, string>; deployRoles: Record<string, string> },
  admins: string[],
  accountId: string,
  partition: string,
  project: string,
): PolicyDocument {
  const everything = [bucketArn, `${bucketArn}/*`];
  const serviceLinked = iamRole.arn!({ partition, accountId }, "aws-service-role/*");
  const perStack = Object.entries(roles.deployRoles).flatMap(([stack, deployRole]): Statement[] => {
    const objects = [
      `${bucketArn}/.pulumi/stacks/${project}/${stack}.*`,
      `${bucketArn}/.pulumi/history/${project}/${stack}/*`,
      `${bucketArn}/.pulumi/backups/${project}/${stack}/*`,
      `${bucketArn}/.pulumi/locks/organization/${project}/${stack}/*`,
    ];
    const id = stack[0].toUpperCase() + stack.slice(1);
    return [
      {
        Sid: `Only${id}DeployWrites${id}State`,
        Effect: "Deny",
        Principal: "*",
        Action: ["s3:DeleteObject", "s3:PutObject"],
        Resource: objects,
        Condition: { ArnNotEquals: { "aws:PrincipalArn": [deployRole, ...admins] } },
      },
      {
        Sid: `Only${id}DeployAndPreviewRead${id}State`,
        Effect: "Deny",
        Principal: "*",
        Action: ["s3:GetObject"],
        Resource: objects,
        Condition: {
          ArnNotEquals: { "aws:PrincipalArn": [deployRole, roles.previewRoles[stack], ...admins] },
        },
      },
    ];
  });
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
        Condition: {
          ArnNotEquals: {
            "aws:PrincipalArn": [
              ...Object.values(roles.previewRoles),
              ...Object.values(roles.deployRoles),
              ...admins,
            ],
          },
          ArnNotLike: { "aws:PrincipalArn": serviceLinked },
        },
      },
      ...perStack,
    ],
  };
}

/** The table's rows on a kind of key, in the given phases, the administrator's included. */
function rowsOnKey(kind: Kind, phases: readonly Phase[]): TableRow[] {
  return rowsFor("stacks", phases).filter((r) => kindsOf(r).includes(kind));
}

/** What a pipeline role does with a kind of key in the given phases: the table's rows, but the administrator's. */
function uses(kind: Kind, phases: readonly Phase[]): string[] {
  return rowsOnKey(kind, phases)
    .filter((r) => !r.adminOnly)
    .map((r) => r.action);
}

/**
 * What administrators do to the bootstrap's keys: every call the provider makes on a key and its alias
 * (the bootstrap is theirs to deploy), every use the stacks make of the key, and the recovery operations.
 */
function administration(use: Kind): string[] {
  const managed = rowsFor("bootstrap", PHASES, [kmsKey.token, kmsAlias.token])
    .filter((r) => kindsOf(r).includes("key"))
    .map((r) => r.action);
  const recovery = [
    "kms:CancelKeyDeletion",
    "kms:DisableKey",
    "kms:EnableKey",
    "kms:TagResource",
    "kms:UntagResource",
  ];
  return [...managed, ...rowsOnKey(use, PHASES).map((r) => r.action), ...recovery];
}

function keyPolicy(accountId: string, partition: string, statements: Statement[]): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        // Without it, a key whose admins are gone is lost for good.
        Sid: "AccountRootForRecovery",
        Effect: "Allow",
        Principal: { AWS: arn({ partition, accountId }, "iam", "root", "account") },
        Action: ["kms:DescribeKey", "kms:GetKeyPolicy", "kms:PutKeyPolicy"],
        Resource: ["*"],
      },
      // Each action once, in order: the rows name an action in every phase that makes it.
      ...statements.map((x) => ({ ...x, Action: [...new Set(x.Action)].sort() })),
    ],
  };
}

/**
 * State key (the state bucket's SSE-KMS): administered by the admins; S3 uses it on behalf of the deploy
 * roles (encrypt and decrypt) and the preview role (decrypt). The actions are the table's backend rows.
 */
export function stateKeyPolicy(
  accountId: string,
  partition: string,
  admins: string[],
  users: { deployRoles: string[]; previewRoles: string[] },
): PolicyDocument {
  return keyPolicy(
    accountId,
    partition,
    keyGrants("stateKey", admins, "DeployRolesUse", {
      deployRoles: users.deployRoles,
      previewRoles: users.previewRoles,
    }),
  );
}

/**
 * A stack's secrets key (its Pulumi secrets provider): only that stack's deploy role and its preview role
 * decrypt its data key; the admins, who `pulumi stack init`, encrypt it. Another stack's deploy role cannot
 * read this stack's secrets.
 */
export function secretsKeyPolicy(
  accountId: string,
  partition: string,
  admins: string[],
  users: { deployRole: string; previewRole: string },
): PolicyDocument {
  return keyPolicy(
    accountId,
    partition,
    keyGrants("stackSecretsKey", admins, "DeployRoleUses", {
      deployRoles: users.deployRole,
      previewRoles: users.previewRole,
    }),
  );
}

/**
 * A bootstrap key's grants: the admins administer it, the deploy roles use it in every phase, the preview
 * roles in reads only.
 */
function keyGrants(
  kind: "stateKey" | "stackSecretsKey",
  admins: string[],
  deploySid: string,
  users: { deployRoles: string | string[]; previewRoles: string | string[] },
): Statement[] {
  return [
    {
      Sid: "Administer",
      Effect: "Allow",
      Principal: { AWS: admins },
      Action: administration(kind),
      Resource: ["*"],
    },
    {
      Sid: deploySid,
      Effect: "Allow",
      Principal: { AWS: users.deployRoles },
      Action: uses(kind, PHASES),
      Resource: ["*"],
    },
    {
      Sid: "PreviewRoleReads",
      Effect: "Allow",
      Principal: { AWS: users.previewRoles },
      Action: uses(kind, ["read"]),
      Resource: ["*"],
    },
  ];
}
