/**
 * What the provider calls for a resource type, per phase (create, read = refresh, update, delete), each
 * with the IAM action it needs and what that action is authorised against. Read from the source of
 * hashicorp/terraform-provider-aws (which @pulumi/aws bridges) and pulumi/pulumi; each type's rows are
 * held by its module of resource-types/, the Pulumi backend's and secrets provider's by
 * iam/platform-calls.json. The deploy roles (all phases) and the preview role (reads) are built from them.
 */
export const PHASES = ["create", "read", "update", "delete"] as const;
export type Phase = (typeof PHASES)[number];

/** The kinds of the Pulumi state backend and secrets: the bootstrap's, no stack's. */
export const STATE_KINDS = [
  "stateBucket",
  "stateMeta",
  "stackState",
  "stackLocks",
  "stateKey",
  "stackSecretsKey",
] as const;
export type StateKind = (typeof STATE_KINDS)[number];

/**
 * What an action is authorised against, named by role in the stack rather than by ARN: the ARN patterns
 * of a stack (iam/stack-arns.ts) and the concrete ARNs of a declared resource (the tests) both resolve
 * these names. "*" is for actions that name no resource.
 */
export const KINDS = [
  "*",
  "stream",
  "kinesisKey",
  "deliveryStream",
  "function",
  "functionRole",
  "firehoseRole",
  "role",
  "queue",
  "topic",
  "logGroup",
  "logStream",
  "alarm",
  "dashboard",
  "rule",
  "key",
  "glueCatalog",
  "glueDatabase",
  "glueTable",
  "glueFunction",
  "glueRuleset",
  "workgroup",
  "bucket",
  "object",
  "policy",
  "oidcProvider",
  "alias",
  ...STATE_KINDS,
] as const;
export type Kind = (typeof KINDS)[number];

export interface ProviderCall {
  /** The API operation (or "(authorization) X" for a permission AWS checks without a call of its own). */
  call: string;
  action: string;
  on: Kind | Kind[];
  when: string;
  /** The provider file, when not the type's own. */
  source?: string;
  /**
   * What the call's request carries that the grant requires, as an IAM Condition block. A value "<kind>"
   * stands for the stack's ARN patterns of that kind; "<stackBoundary>" for the stack's permissions
   * boundary. E.g. iam:PassRole: `{ "StringEquals": { "iam:PassedToService": "lambda.amazonaws.com" } }`.
   */
  condition?: Record<string, Record<string, string>>;
  /** The call happens only when the resource has this argument set (e.g. a bucket's forceDestroy). */
  onlyIf?: "forceDestroy";
  /** Not granted to the deploy roles, with the reason; an administrator runs the change. */
  adminOnly?: string;
}

/** The programs that declare resources: the pipeline's stacks (index.ts) and the bootstrap. */
export const PROGRAMS = ["stacks", "bootstrap"] as const;
export type Program = (typeof PROGRAMS)[number];

export interface TypeCalls extends Record<Phase, ProviderCall[]> {
  terraform: string;
  source: string;
  declaredBy: Program[];
}

/** Checks one entry as it is loaded, so a typo in the data names its file, type and row. */
export function checked(where: string, value: unknown): TypeCalls {
  const entry = value as TypeCalls;
  if (typeof entry.terraform !== "string" || typeof entry.source !== "string")
    throw new Error(`${where}: terraform and source are required`);
  if (!Array.isArray(entry.declaredBy) || entry.declaredBy.some((p) => !PROGRAMS.includes(p)))
    throw new Error(`${where}: declaredBy must list ${PROGRAMS.map((p) => `"${p}"`).join(" and/or ")}`);
  for (const phase of PHASES) {
    if (!Array.isArray(entry[phase]))
      throw new Error(`${where}: ${phase} must be a list (empty when no call)`);
    entry[phase].forEach((row, i) => {
      const at = `${where} ${phase}[${i}]`;
      if (!/^[a-z0-9-]+:[A-Za-z0-9]+$/.test(row.action)) throw new Error(`${at}: action "${row.action}"`);
      for (const kind of kindsOf(row)) {
        if (!(KINDS as readonly string[]).includes(kind)) throw new Error(`${at}: unknown kind "${kind}"`);
      }
      if (row.action === "iam:PassRole" && !row.condition?.StringEquals?.["iam:PassedToService"])
        throw new Error(`${at}: iam:PassRole needs the iam:PassedToService it passes the role to`);
    });
  }
  return entry;
}

export function kindsOf(row: Pick<ProviderCall, "on">): Kind[] {
  return ([] as Kind[]).concat(row.on);
}
