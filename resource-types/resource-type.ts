/**
 * What the repository knows of one resource type (or data source) the programs declare, in one module per
 * type (resource-types/<service>/<type>.ts), found from ./index.ts: its token, what AWS reports back when
 * it is created (the Pulumi mocks answer with it), the format of its ARN, the provider calls it needs (the
 * deploy and preview roles are built from them), what `npm run plan` prints of it, how the local run brings
 * it about, and its price lines.
 */
import type { ArnEnv } from "../model/arn";
import type { AwsEnv } from "../model/names";
import type { TypeCalls } from "./calls";
import type { Inputs } from "./inputs";
import type { Pricing } from "./pricing";

export type { Inputs };

/** The id AWS gives a created resource and the attributes it reports (ARN, name) beside the inputs. */
export interface ResourceState {
  id: string;
  state: Record<string, unknown>;
}

export interface ResourceType {
  readonly token: string;
  /**
   * The ARN of a resource of this type with this physical name (or name pattern: the deploy roles are
   * granted on `<stack>-*`); `inputs` gives what else the ARN holds (a log stream's group, a role's path).
   */
  readonly arn?: (env: ArnEnv, name: string, inputs?: Inputs) => string;
  /** What AWS reports back on create. Without it: an id of `<name>-id` and the inputs, as for a type that reports nothing the program reads. */
  readonly reported?: (name: string, inputs: Inputs, env: AwsEnv) => ResourceState;
  /** The input properties `npm run plan` prints (policies are always printed). */
  readonly plan?: readonly string[];
  /**
   * How the local run brings it about: `realised` by a realiser of local/runner/realisers/, `read` by those
   * realisers or the local IAM. Without it, the summary lists it as not realised on this machine.
   */
  readonly local?: "realised" | "read";
  /** The provider's calls per phase; without them, a type of a provider other than AWS. */
  readonly calls?: TypeCalls;
  /** Its lines in the monthly estimate (cost/estimate.ts). */
  readonly price?: Pricing;
}

/** A data source (a provider function the program calls): what the mocks answer, and what it needs. */
export interface DataSource {
  readonly token: string;
  readonly answer: (args: Inputs, env: AwsEnv) => Record<string, unknown>;
  readonly calls?: TypeCalls;
}

/** The physical name a resource gets: its `key` input if the program set one, else its logical name. */
export function physicalName(name: string, inputs: Inputs, key = "name"): string {
  return typeof inputs[key] === "string" ? (inputs[key] as string) : name;
}

/** The state of a type that reports its name and ARN, under the id AWS uses for it. */
export function named(id: string, name: string, arn: string, inputs: Inputs): ResourceState {
  return { id, state: { ...inputs, name, arn } };
}

/**
 * What most types report: their physical name and their ARN (`arnOf`), under the name as id, or under the
 * ARN for the types AWS identifies by it (a delivery stream, a topic, a managed policy).
 */
export function reportsNameAndArn(
  arnOf: (env: ArnEnv, name: string, inputs?: Inputs) => string,
  id: "name" | "arn" = "name",
): NonNullable<ResourceType["reported"]> {
  return (name, inputs, env) => {
    const n = physicalName(name, inputs);
    const a = arnOf(env, n, inputs);
    return named(id === "arn" ? a : n, n, a, inputs);
  };
}

/** A stable stand-in for an id AWS would generate (a key id, a subscription id), from the logical name. */
export function generatedId(name: string): string {
  return `00000000-0000-4000-8000-${String(hash(name)).padStart(12, "0").slice(0, 12)}`;
}

export function hash(value: string): number {
  let h = 0;
  for (const c of value) h = (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0;
  return h;
}

/** An input that the program set as text, else undefined. */
export function text(inputs: Inputs, key: string): string | undefined {
  return typeof inputs[key] === "string" ? (inputs[key] as string) : undefined;
}
