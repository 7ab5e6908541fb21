/**
 * What scopes one stack's grants: its name prefix. No stack's patterns may reach a resource of the
 * bootstrap (the state bucket, the keys, the roles, the boundaries), and no role policy may outgrow what
 * IAM accepts (10,240 characters of inline policies per role), even in the longest region names.
 */
import { expect } from "chai";
import { resourceArnWithWildcardsToRegex } from "@cloud-copilot/iam-utils";
import { deployPolicyParts, kindPatterns, previewPolicy, Scope } from "../../bootstrap/policies";
import { isStackName } from "../../config/stack-name";
import type { ProgramRun } from "../../local/harness/run-program";
import { ACCOUNT, doc, runBootstrap, STACKS, stateFactsOf } from "../helpers/deploy-path";

describe("one stack's scope", () => {
  let bootstrap: ProgramRun;
  let scope: Scope;
  before(async () => {
    bootstrap = await runBootstrap();
    const state = stateFactsOf(bootstrap);
    scope = {
      partition: "aws",
      region: "us-east-1",
      accountId: ACCOUNT,
      project: "punkapi-consumer",
      stateBucketArn: state.bucketArn,
      stateKeyArn: state.keyArn,
      stacks: Object.fromEntries(
        STACKS.map((s) => [s, { lakeForceDestroy: s === "test", secretsKeyArn: state.secretsKeyArns[s] }]),
      ),
    };
  });

  it("reaches no resource of the bootstrap, for any stack name a stack may have", () => {
    const bootstrapArns = bootstrap.resources
      .filter((r) => r.custom && r.type.startsWith("aws:"))
      .flatMap((r) => [
        r.state.arn,
        r.type === "aws:s3/bucket:Bucket" ? `${r.state.arn}/.pulumi/meta.yaml` : undefined,
      ])
      .filter((a): a is string => typeof a === "string" && a.startsWith("arn:"));
    expect(bootstrapArns.length).to.be.greaterThan(8);
    // The names the bootstrap's resources start with are the names a stack could collide with.
    const candidates = ["test", "prod", "state", "bootstrap", "deploy", "preview", "github", "dev"].filter(
      isStackName,
    );
    expect(candidates).not.to.include.members(["state", "bootstrap"]);
    for (const stack of candidates) {
      const s = {
        ...scope,
        stacks: {
          ...scope.stacks,
          [stack]: { lakeForceDestroy: true, secretsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/x" },
        },
      };
      const patterns = Object.entries(kindPatterns(s, stack)).filter(
        // the state's own kinds name the bootstrap's bucket on purpose, and "*" names nothing
        ([kind]) =>
          ![
            "*",
            "stateBucket",
            "stateMeta",
            "stackState",
            "stackLocks",
            "stateKey",
            "stackSecretsKey",
            "kinesisKey",
          ].includes(kind),
      );
      for (const [kind, list] of patterns)
        for (const pattern of list)
          for (const arn of bootstrapArns)
            expect(
              resourceArnWithWildcardsToRegex(pattern).test(arn),
              `${stack} ${kind} ${pattern} ~ ${arn}`,
            ).to.equal(false);
    }
  });

  it("keeps every role's inline policies within IAM's 10,240 characters and each managed one within 6,144, in the longest region names", () => {
    const size = (d: object) => JSON.stringify(d).replace(/\s/g, "").length;
    for (const region of ["us-east-1", "ap-southeast-7", "us-gov-west-1"]) {
      const s = { ...scope, region };
      for (const stack of STACKS) {
        const parts = deployPolicyParts(s, stack);
        expect(size(parts.inline), `deploy ${stack} in ${region}`).to.be.lessThan(10_240);
        expect(size(parts.state), `deploy ${stack}'s state in ${region}`).to.be.lessThan(6_144);
      }
      for (const stack of STACKS)
        expect(size(previewPolicy(s, stack)), `preview ${stack} in ${region}`).to.be.lessThan(10_240);
    }
    // and the declared ones
    for (const r of bootstrap.resources.filter((x) => x.type === "aws:iam/rolePolicy:RolePolicy"))
      expect(size(doc(r.inputs.policy)), r.name).to.be.lessThan(10_240);
  });
});
