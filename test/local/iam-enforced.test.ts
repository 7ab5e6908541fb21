/**
 * The local run enforces the IAM the stack declares: every AWS call the function and the local Firehose
 * make goes through the role that makes it (its inline policies and boundary, the bucket's policy), and
 * is denied as AWS would deny it. A stack whose function role lacks kinesis:PutRecords, or whose delivery
 * role lacks s3:PutObject, fails locally with AccessDenied naming the action, and nothing else is denied;
 * the declared stacks run clean (test/local/start.test.ts).
 */
import { expect } from "chai";
import fs from "fs";
import os from "os";
import path from "path";
import type { PolicyDocument } from "../../iam/policy-document";
import type { DeclaredResource } from "../../local/harness/run-program";
import { LocalRunSummary, LocalStackRun } from "../../local/runner/local-stack";
import { ROOT } from "../helpers/program";

/** The program's declarations, with one action removed from one role's inline policy. */
function without(action: string, roleSuffix: string) {
  return (resources: DeclaredResource[]) =>
    resources.map((r) => {
      if (r.type !== "aws:iam/rolePolicy:RolePolicy" || !String(r.inputs.role).endsWith(roleSuffix)) return r;
      const policy = JSON.parse(r.inputs.policy) as PolicyDocument;
      for (const s of policy.Statement) s.Action = s.Action.filter((a) => a !== action);
      return { ...r, inputs: { ...r.inputs, policy: JSON.stringify(policy) } };
    });
}

describe("IAM enforced in the local run", function () {
  this.timeout(60_000);
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  async function run(amend?: (r: DeclaredResource[]) => DeclaredResource[]): Promise<LocalRunSummary> {
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "punkapi-iam-run-"));
    dirs.push(workDir);
    const local = new LocalStackRun({
      projectDir: ROOT,
      stack: "test",
      workDir,
      invocations: 1,
      speed: 3000,
      keepRunning: false,
      amend,
    });
    await local.deploy();
    return local.run();
  }

  it("fails a function whose role lacks kinesis:PutRecords with AccessDenied naming the action", async () => {
    const summary = await run(without("kinesis:PutRecords", "-ingest"));
    expect(summary.ok).to.equal(false);
    expect(summary.beers.written).to.equal(0);
    const denial = summary.iam.denied.find((d) => d.action === "kinesis:PutRecords");
    expect(denial?.resource).to.equal(
      "arn:aws:kinesis:us-east-1:123456789012:stream/punkapi-consumer-test-beers",
    );
    expect(summary.errors.join("\n")).to.match(
      /AccessDeniedException.*not authorized to perform: kinesis:PutRecords on resource: arn:aws:kinesis:us-east-1:123456789012:stream\/punkapi-consumer-test-beers/,
    );
    expect(summary.invocations.toFailureQueue).to.equal(1);
  });

  it("fails a delivery whose role lacks s3:PutObject with AccessDenied naming the action", async () => {
    const summary = await run(without("s3:PutObject", "-firehose"));
    expect(summary.ok).to.equal(false);
    expect(summary.delivery.objects).to.equal(0);
    // The function wrote its beers; only the delivery's writes to the lake were denied.
    expect(summary.beers.written).to.be.greaterThan(0);
    expect([...new Set(summary.iam.denied.map((d) => d.action))]).to.deep.equal(["s3:PutObject"]);
    expect(summary.errors.join("\n")).to.match(
      /AccessDenied.*not authorized to perform: s3:PutObject on resource: arn:aws:s3:::punkapi-consumer-test-lake-123456789012\/raw\/beers\//,
    );
  });
});
