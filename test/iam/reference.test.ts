/**
 * Every policy document the stacks and the bootstrap declare, held against the AWS authorization
 * reference: actions exist, each is granted on a resource it is authorised on (an action that names no
 * resource only on "*"), and each condition key applies to the actions it guards. And the checker itself
 * catches each kind of mistake.
 */
import { expect } from "chai";
import type { PolicyDocument } from "../../iam/policy-document";
import { DocumentKind, referenceProblems } from "../helpers/iam-reference";
import type { ProgramRun } from "../../local/harness/run-program";
import { doc, runBootstrap, runPipelineStack } from "../helpers/deploy-path";

/** Every document a run declares, with how AWS uses it. */
function documents(run: ProgramRun): { name: string; kind: DocumentKind; document: PolicyDocument }[] {
  const out: { name: string; kind: DocumentKind; document: PolicyDocument }[] = [];
  for (const r of run.resources) {
    if (typeof r.inputs.assumeRolePolicy === "string")
      out.push({ name: `${r.name} trust`, kind: "trust", document: doc(r.inputs.assumeRolePolicy) });
    if (typeof r.inputs.policy !== "string") continue;
    const kind: DocumentKind =
      r.type === "aws:kms/key:Key"
        ? "key"
        : r.type === "aws:s3/bucketPolicy:BucketPolicy"
          ? "bucket"
          : r.type === "aws:iam/policy:Policy"
            ? "boundary"
            : "identity";
    out.push({ name: r.name, kind, document: doc(r.inputs.policy) });
  }
  return out;
}

describe("policy documents against the AWS authorization reference", () => {
  for (const program of ["test", "prod", "bootstrap"]) {
    it(`${program}: every document holds`, async () => {
      const run = program === "bootstrap" ? await runBootstrap() : await runPipelineStack(program);
      const docs = documents(run);
      expect(docs.length).to.be.greaterThan(4);
      const problems = (
        await Promise.all(docs.map((d) => referenceProblems(d.document, d.kind, d.name)))
      ).flat();
      expect(problems).to.deep.equal([]);
    });
  }

  const one = (statement: object): PolicyDocument =>
    ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", ...statement }] }) as PolicyDocument;

  it("catches an action that does not exist", async () => {
    const problems = await referenceProblems(
      one({ Action: ["kinesis:PutRecordz"], Resource: ["*"] }),
      "identity",
    );
    expect(problems.join()).to.match(/kinesis:PutRecordz is not an action/);
  });

  it("catches an action that names no resource granted on an ARN", async () => {
    const problems = await referenceProblems(
      one({
        Action: ["kinesis:UpdateShardCount"],
        Resource: ["arn:aws:kinesis:us-east-1:123456789012:stream/s"],
      }),
      "identity",
    );
    expect(problems.join()).to.match(/UpdateShardCount names no resource, so it is granted only on "\*"/);
  });

  it("catches an action granted on a resource it is not authorised on", async () => {
    const problems = await referenceProblems(
      one({ Action: ["s3:PutObject"], Resource: ["arn:aws:s3:::bucket"] }),
      "identity",
    );
    expect(problems.join()).to.match(/s3:PutObject is authorised on .*object/);
  });

  it("catches a key policy granting an action not authorised on a key, and lets its wildcard grant pass", async () => {
    const keyPolicy = (Action: string[]) =>
      referenceProblems(
        one({ Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action, Resource: ["*"] }),
        "key",
      );
    expect((await keyPolicy(["kms:DescribeKey", "kms:CreateKey"])).join()).to.match(
      /kms:CreateKey is not authorised on a key, so a key policy cannot grant it$/,
    );
    expect(await keyPolicy(["kms:*"])).to.deep.equal([]);
  });

  it("catches a condition key that never applies to the action", async () => {
    const problems = await referenceProblems(
      one({
        Action: ["iam:GetRolePolicy"],
        Resource: ["arn:aws:iam::123456789012:role/r"],
        Condition: { StringEquals: { "iam:PermissionsBoundary": "arn:aws:iam::123456789012:policy/b" } },
      }),
      "identity",
    );
    expect(problems.join()).to.match(/iam:PermissionsBoundary does not apply to iam:GetRolePolicy/);
  });
});
