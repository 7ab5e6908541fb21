/**
 * The permission table: for every resource type and data source the programs declare (their modules in
 * resource-types/) and for the platform (iam/platform-calls.json: the provider, the Pulumi state backend and
 * secrets provider), the AWS API calls made on create, read (refresh), update and delete, each with the IAM
 * action it needs and what that action is authorised against. The deploy roles (all phases) and the preview
 * role (reads) are built from it, and the tests hold it to the programs: a type with no entry fails a test,
 * not a deploy.
 */
import { DATA_SOURCES, RESOURCE_TYPES } from "../resource-types";
import {
  checked,
  type Phase,
  type Program,
  type ProviderCall,
  type TypeCalls,
} from "../resource-types/calls";
// What the platform itself calls, beside the resource types: the AWS provider's own checks, the Pulumi
// DIY backend on S3 and the awskms:// secrets provider (from the source of terraform-provider-aws and pulumi).
import PLATFORM_CALLS from "./platform-calls.json";

export { checked, KINDS, kindsOf, PHASES } from "../resource-types/calls";
export type { Kind, Phase, Program, ProviderCall, TypeCalls } from "../resource-types/calls";

export const PROVIDER_CALLS: Record<string, TypeCalls> = Object.fromEntries([
  ...[...RESOURCE_TYPES, ...DATA_SOURCES].flatMap((t) =>
    t.calls ? [[t.token, checked(`resource-types: ${t.token}`, t.calls)]] : [],
  ),
  ...Object.entries(PLATFORM_CALLS).map(([token, calls]) => [
    token,
    checked(`iam/platform-calls.json: ${token}`, calls),
  ]),
]);

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
