/**
 * `npm run plan -- --stack <name> [--config key=value ...]`: an offline preview from the same program, without credentials or the
 * Pulumi CLI: the resource tree (type, name, parent), the key properties of each resource, and every
 * statement of every policy, and a monthly cost estimate (cost/estimate.ts). Invalid configuration exits 2
 * naming the key.
 */
import { readStackFiles } from "../../config/stack-files";
import { parseStackConfig } from "../../config/stack-config";
import { CommandSpec, EXIT, parseCommand, runCommand } from "./cli/command";
import { CONFIG, configPairs, JSON_OUTPUT, STACK } from "./cli/options";
import type { DeclaredResource } from "../harness/run-program";
import { cachedRun } from "../harness/program-cache";
import type { PolicyDocument } from "../../components/security/policies";
import { estimate, formatEstimate } from "../../cost/estimate";
import { typeOfDeclared } from "../../resource-types";
import { LOCAL_ACCOUNT } from "../harness/aws-state";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

/** The properties worth seeing of a resource (its type's, in the registry); everything else is in the program. */
const keyProperties = (r: DeclaredResource): readonly string[] => typeOfDeclared(r)?.plan ?? [];

const POLICY_PROPERTIES = ["policy", "assumeRolePolicy"];

function compact(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function describe(r: DeclaredResource, indent: string): string[] {
  const lines = [`${indent}${r.type}  ${r.name}${r.protect ? "  [protected, retained on delete]" : ""}`];
  for (const key of keyProperties(r)) {
    const value = r.inputs[key];
    if (value !== undefined) lines.push(`${indent}    ${key}: ${compact(value)}`);
  }
  for (const key of POLICY_PROPERTIES) {
    const text = r.inputs[key];
    if (typeof text !== "string") continue;
    const doc = JSON.parse(text) as PolicyDocument;
    lines.push(`${indent}    ${key}:`);
    for (const s of doc.Statement) {
      const who = s.Principal ? ` principal ${compact(s.Principal)}` : "";
      const when = s.Condition ? ` when ${compact(s.Condition)}` : "";
      lines.push(
        `${indent}      ${s.Effect}${who} ${s.Action.join(", ")}${s.Resource ? ` on ${s.Resource.join(", ")}` : ""}${when}`,
      );
    }
  }
  return lines;
}

const SPEC = {
  name: "npm run plan",
  summary: "an offline preview of a stack: its resource tree, key properties and every policy statement",
  options: { stack: { ...STACK, default: "test" }, config: CONFIG, json: JSON_OUTPUT },
} satisfies CommandSpec;

runCommand(SPEC, async () => {
  const { values } = parseCommand(SPEC);
  const stack = values.stack;
  const files = readStackFiles(process.cwd(), stack);
  // --config key=value, as `pulumi preview --config` takes it: a try-out without editing the stack file.
  Object.assign(files.config, configPairs(values.config, files.project));
  // The configuration is checked before the program is loaded: a bad key is named at once (exit 2).
  const config = parseStackConfig(files.config, stack, files.project);
  const run = await cachedRun(process.cwd(), {
    programDir: process.cwd(),
    project: files.project,
    stack,
    config: files.config,
  });
  if (values.json) {
    const resources = run.resources.map((r) => ({
      type: r.type,
      name: r.name,
      parent: run.resources.find((p) => p.urn === r.parent)?.name,
      protect: r.protect,
      properties: Object.fromEntries(
        keyProperties(r)
          .filter((k) => r.inputs[k] !== undefined)
          .map((k) => [k, r.inputs[k]]),
      ),
    }));
    const cost = estimate(config, run.resources);
    console.log(
      JSON.stringify({
        stack,
        resources,
        outputs: run.outputs,
        monthlyEstimate: { totalUsd: cost.totalUsd, lines: cost.lines, notes: cost.notes },
      }),
    );
    return EXIT.ok;
  }
  const out: string[] = [
    `plan for stack "${stack}" (offline, from the program under Pulumi mocks; account ${LOCAL_ACCOUNT.accountId} stands for yours)`,
    "",
  ];
  const children = (parent: string | undefined) => run.resources.filter((r) => r.parent === parent);
  const walk = (parent: string | undefined, depth: number) => {
    for (const r of children(parent)) {
      out.push(...describe(r, "  ".repeat(depth + 1)));
      walk(r.urn, depth + 1);
    }
  };
  walk(undefined, 0);
  const custom = run.resources.filter((r) => r.custom).length;
  out.push("", `${custom} resources in ${run.resources.length - custom} components`, "outputs:");
  for (const [k, v] of Object.entries(run.outputs)) out.push(`  ${k}: ${compact(v)}`);
  out.push("", ...formatEstimate(estimate(config, run.resources), stack));
  console.log(out.join("\n"));
  return EXIT.ok;
});
