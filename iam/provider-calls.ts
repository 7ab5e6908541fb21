/**
 * The permission table: for every resource type the programs declare (and the provider, its data sources,
 * the Pulumi state backend and secrets provider), the AWS API calls made on create, read (refresh), update
 * and delete, each with the IAM action it needs and what that action is authorised against. Read from the
 * source of hashicorp/terraform-provider-aws (which @pulumi/aws bridges) and pulumi/pulumi; kept as data in
 * ./provider-calls/<service>.json. The deploy roles (all phases) and the preview role (reads) are built
 * from it, and the tests hold it to the programs: a type with no entry fails a test, not a deploy.
 */
import athena from "./provider-calls/athena.json";
import cloudwatch from "./provider-calls/cloudwatch.json";
import events from "./provider-calls/events.json";
import firehose from "./provider-calls/firehose.json";
import glue from "./provider-calls/glue.json";
import iam from "./provider-calls/iam.json";
import kinesis from "./provider-calls/kinesis.json";
import kms from "./provider-calls/kms.json";
import lambda from "./provider-calls/lambda.json";
import logs from "./provider-calls/logs.json";
import pulumi from "./provider-calls/pulumi.json";
import s3 from "./provider-calls/s3.json";
import sns from "./provider-calls/sns.json";
import sqs from "./provider-calls/sqs.json";

export const PHASES = ["create", "read", "update", "delete"] as const;
export type Phase = (typeof PHASES)[number];

/**
 * What an action is authorised against, named by role in the stack rather than by ARN: the ARN patterns
 * of a stack (bootstrap/policies.ts) and the concrete ARNs of a declared resource (the tests) both resolve
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
  "workgroup",
  "bucket",
  "object",
  "policy",
  "oidcProvider",
  "alias",
  "stateBucket",
  "stateMeta",
  "stackState",
  "stackLocks",
  "stateKey",
  "stackSecretsKey",
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

export type Program = "stacks" | "bootstrap";

export interface TypeCalls extends Record<Phase, ProviderCall[]> {
  terraform: string;
  source: string;
  declaredBy: Program[];
}

const FILES: Record<string, { types: Record<string, unknown> }> = {
  athena,
  cloudwatch,
  events,
  firehose,
  glue,
  iam,
  kinesis,
  kms,
  lambda,
  logs,
  pulumi,
  s3,
  sns,
  sqs,
};

/** Checks one entry as it is loaded, so a typo in the data names its file, type and row. */
export function checked(file: string, type: string, value: unknown): TypeCalls {
  const entry = value as TypeCalls;
  const where = `iam/provider-calls/${file}.json ${type}`;
  if (typeof entry.terraform !== "string" || typeof entry.source !== "string")
    throw new Error(`${where}: terraform and source are required`);
  if (!Array.isArray(entry.declaredBy) || entry.declaredBy.some((p) => p !== "stacks" && p !== "bootstrap"))
    throw new Error(`${where}: declaredBy must list "stacks" and/or "bootstrap"`);
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

export const PROVIDER_CALLS: Record<string, TypeCalls> = Object.fromEntries(
  Object.entries(FILES).flatMap(([file, { types }]) =>
    Object.entries(types).map(([type, value]) => [type, checked(file, type, value)]),
  ),
);

export function kindsOf(row: Pick<ProviderCall, "on">): Kind[] {
  return ([] as Kind[]).concat(row.on);
}

export interface TableRow extends ProviderCall {
  type: string;
  phase: Phase;
}

/** The rows of the given phases for every type a program declares (or every such type when `types` is omitted). */
export function rowsFor(program: Program, phases: readonly Phase[], types?: readonly string[]): TableRow[] {
  return Object.entries(PROVIDER_CALLS)
    .filter(([type, entry]) => entry.declaredBy.includes(program) && (!types || types.includes(type)))
    .flatMap(([type, entry]) =>
      phases.flatMap((phase) => entry[phase].map((row) => ({ ...row, type, phase }))),
    );
}
