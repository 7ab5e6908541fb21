/**
 * The pipeline's roles as AWS would judge them (@cloud-copilot/iam-simulate): each role's declared policy,
 * the resource's own policy (key, bucket) where AWS reads one, and a concrete request built from a
 * declared resource. Each deploy role can make every call the provider makes on its stack; the preview
 * role every read; nobody can widen a role, reach the bootstrap's identities, or touch another stack.
 */
import { expect } from "chai";
import type { PolicyDocument } from "../../iam/policy-document";
import { kindsOf, PHASES, PROVIDER_CALLS, TableRow } from "../../iam/provider-calls";
import { Decision, decide } from "../../iam/simulate";
import type { DeclaredResource, ProgramRun } from "../../local/provider/run-program";
import {
  ACCOUNT,
  concreteArns,
  doc,
  resourcePolicyFor,
  runBootstrap,
  runPipelineStack,
  StateFacts,
  STACKS,
} from "../helpers/deploy-path";

const role = (path: string) => `arn:aws:iam::${ACCOUNT}:role/${path}`;

describe("the pipeline's roles, simulated", function () {
  this.timeout(60_000);
  let bootstrap: ProgramRun;
  const stacks: Record<string, ProgramRun> = {};
  let state: StateFacts;
  let deployRole: Record<string, string>;
  let previewRole: string;

  before(async () => {
    for (const stack of STACKS) stacks[stack] = await runPipelineStack(stack);
    bootstrap = await runBootstrap();
    deployRole = bootstrap.outputs.deployRoleArns as Record<string, string>;
    previewRole = bootstrap.outputs.previewRoleArn as string;
    const key = bootstrap.resources.find((r) => r.type === "aws:kms/key:Key")!;
    state = {
      bucketArn: `arn:aws:s3:::${bootstrap.outputs.stateBucketName}`,
      keyArn: String(key.state.arn),
      project: "punkapi-consumer",
    };
  });

  /** The identity policy the bootstrap attaches to a role (by its ARN). */
  function identityOf(roleArn: string): PolicyDocument {
    const name = roleArn.split("/").pop();
    const attached = bootstrap.resources.find(
      (r) => r.type === "aws:iam/rolePolicy:RolePolicy" && r.inputs.role === name,
    );
    if (!attached) throw new Error(`no policy attached to ${roleArn}`);
    return doc(attached.inputs.policy);
  }

  function ask(
    principal: string,
    action: string,
    resource: string,
    context: Record<string, string> = {},
    extra: { identity?: PolicyDocument[]; resourcePolicy?: PolicyDocument } = {},
  ): Promise<Decision> {
    return decide(
      { principal, action, resource, context },
      {
        identity: extra.identity ?? [identityOf(principal)],
        resource: extra.resourcePolicy ?? resourcePolicyFor(resource, [bootstrap, ...Object.values(stacks)]),
      },
    );
  }

  /** The request context a row's call carries for this resource. */
  function contextFor(row: TableRow, r: DeclaredResource, run: ProgramRun): Record<string, string> {
    if (row.passedToService) return { "iam:PassedToService": row.passedToService };
    if (!row.boundary) return {};
    const roleResource =
      r.type === "aws:iam/role:Role"
        ? r
        : run.resources.find((x) => x.type === "aws:iam/role:Role" && x.state.name === r.inputs.role);
    return { "iam:PermissionsBoundary": String(roleResource?.inputs.permissionsBoundary) };
  }

  /**
   * Every call the provider makes for a run's resources in the given phases, with the ARNs it is authorised
   * on: AWS allows a call only when every one of them is allowed (a Glue table call names catalog,
   * database and table).
   */
  function calls(stack: string, phases: readonly (typeof PHASES)[number][]) {
    const run = stacks[stack];
    const out: { row: TableRow; resources: string[]; context: Record<string, string>; of: string }[] = [];
    const pseudo: DeclaredResource = {
      urn: "",
      type: "",
      name: "state",
      parent: undefined,
      custom: true,
      protect: false,
      retainOnDelete: false,
      dependsOn: [],
      inputs: {},
      id: "",
      state: {},
    };
    const subjects: [string, DeclaredResource][] = [
      ...run.resources
        .filter((r) => r.custom && PROVIDER_CALLS[r.type])
        .map((r): [string, DeclaredResource] => [r.type, r]),
      ...["pulumi:providers:aws", "pulumi:backend:diy-s3", "pulumi:secrets:awskms", ...run.invokes].map(
        (t): [string, DeclaredResource] => [t, pseudo],
      ),
    ];
    for (const [type, r] of subjects) {
      const arns = concreteArns(r, run, stack, state);
      for (const phase of phases) {
        for (const call of PROVIDER_CALLS[type]?.[phase] ?? []) {
          const row = { ...call, type, phase };
          // One request per choice of an ARN for each kind the call names (several objects of the state, say).
          const choices = kindsOf(row).reduce<string[][]>(
            (sets, kind) => sets.flatMap((set) => (arns[kind] ?? []).map((a) => [...set, a])),
            [[]],
          );
          for (const resources of choices)
            out.push({ row, resources, context: contextFor(row, r, run), of: r.name });
        }
      }
    }
    return out;
  }

  /** Every (call, ARN) request, one per ARN a call is authorised on. */
  function requests(stack: string, phases: readonly (typeof PHASES)[number][]) {
    const seen = new Set<string>();
    return calls(stack, phases)
      .flatMap((c) => c.resources.map((resource) => ({ ...c, resource })))
      .filter((q) => {
        const key = `${q.row.type} ${q.row.phase} ${q.row.action} ${q.resource} ${JSON.stringify(q.context)}`;
        return !seen.has(key) && seen.add(key);
      });
  }

  /** A call is allowed when each of its ARNs is. */
  async function allows(
    principal: string,
    c: { row: TableRow; resources: string[]; context: Record<string, string> },
  ) {
    for (const resource of c.resources)
      if ((await ask(principal, c.row.action, resource, c.context)) !== "Allowed") return false;
    return true;
  }

  const readActions = () =>
    new Set(Object.values(PROVIDER_CALLS).flatMap((e) => e.read.map((r) => r.action)));

  for (const stack of STACKS) {
    it(`the ${stack} deploy role can make every call of every phase on every resource of its stack`, async () => {
      const all = requests(stack, PHASES).filter((q) => !q.row.adminOnly);
      expect(all.length).to.be.greaterThan(300);
      const denied: string[] = [];
      for (const q of all) {
        const decision = await ask(deployRole[stack], q.row.action, q.resource, q.context);
        if (decision !== "Allowed")
          denied.push(`${q.row.type} ${q.row.phase} ${q.row.action} on ${q.resource}: ${decision}`);
      }
      expect(denied).to.deep.equal([]);
    });
  }

  it("denies the admin-only writes to every deploy role (IAM cannot scope them to one stack)", async () => {
    for (const stack of STACKS) {
      const adminOnly = requests(stack, PHASES).filter((q) => q.row.adminOnly);
      expect(adminOnly.map((q) => q.row.action).sort()).to.deep.equal([
        "kinesis:UpdateShardCount",
        "kinesis:UpdateStreamMode",
      ]);
      for (const q of adminOnly)
        expect(await ask(deployRole[stack], q.row.action, q.resource), q.row.action).to.equal(
          "ImplicitlyDenied",
        );
    }
  });

  it("the preview role can make every read call on every resource of both stacks, and read their state", async () => {
    const denied: string[] = [];
    for (const stack of STACKS) {
      for (const q of requests(stack, ["read"])) {
        const decision = await ask(previewRole, q.row.action, q.resource, q.context);
        if (decision !== "Allowed")
          denied.push(`${stack} ${q.row.type} ${q.row.action} on ${q.resource}: ${decision}`);
      }
    }
    expect(denied).to.deep.equal([]);
  });

  it("the preview role can write nothing: no create, update or delete call, no state write, no lock", async () => {
    const reads = readActions();
    let checked = 0;
    for (const stack of STACKS) {
      for (const c of calls(stack, ["create", "update", "delete"]).filter((x) => !reads.has(x.row.action))) {
        expect(await allows(previewRole, c), `${c.row.action} on ${c.resources.join(", ")}`).to.equal(false);
        checked++;
      }
    }
    expect(checked).to.be.greaterThan(150);
  });

  it("the test deploy role is denied every call on prod's resources and state, and prod's on test's", async () => {
    // Left out: calls on nothing but what the stacks share - "*", the state bucket's listing and meta.yaml,
    // the state key (S3 encrypts every stack's state with it on the caller's behalf; the objects are per stack).
    const shared = new Set(["*", state.keyArn, state.bucketArn, `${state.bucketArn}/.pulumi/meta.yaml`]);
    const ofTheStack = (c: { resources: string[] }) => c.resources.some((r) => !shared.has(r));
    for (const [actor, target] of [
      ["test", "prod"],
      ["prod", "test"],
    ]) {
      let checked = 0;
      for (const c of calls(target, PHASES).filter(ofTheStack)) {
        expect(
          await allows(deployRole[actor], c),
          `${actor} → ${c.row.action} on ${c.resources.join(", ")}`,
        ).to.equal(false);
        checked++;
      }
      expect(checked).to.be.greaterThan(300);
    }
  });

  describe("escalation", () => {
    const ownRoles = () => [previewRole, ...Object.values(deployRole)];
    const roleWrites = [
      "iam:PutRolePolicy",
      "iam:AttachRolePolicy",
      "iam:DeleteRolePolicy",
      "iam:UpdateAssumeRolePolicy",
      "iam:PutRolePermissionsBoundary",
      "iam:DeleteRolePermissionsBoundary",
      "iam:UpdateRole",
      "iam:DeleteRole",
      "iam:TagRole",
      "iam:PassRole",
    ];

    it("no pipeline role can change its own or another bootstrap role's permissions, trust or boundary", async () => {
      const boundaries = bootstrap.resources
        .filter((r) => r.type === "aws:iam/policy:Policy")
        .map((r) => String(r.state.arn));
      expect(boundaries).to.have.length(STACKS.length);
      for (const actor of ownRoles()) {
        for (const target of ownRoles()) {
          for (const action of roleWrites)
            expect(await ask(actor, action, target), `${actor} ${action} ${target}`).not.to.equal("Allowed");
        }
        for (const boundary of boundaries) {
          for (const action of [
            "iam:CreatePolicyVersion",
            "iam:SetDefaultPolicyVersion",
            "iam:DeletePolicy",
            "iam:DeletePolicyVersion",
          ])
            expect(await ask(actor, action, boundary), `${actor} ${action}`).not.to.equal("Allowed");
        }
      }
    });

    it("a deploy role creates a role only with its stack's boundary", async () => {
      const boundary = (s: string) =>
        `arn:aws:iam::${ACCOUNT}:policy/punkapi-consumer-bootstrap/punkapi-consumer-${s}-boundary`;
      const newRole = role("punkapi-consumer-test-extra");
      expect(
        await ask(deployRole.test, "iam:CreateRole", newRole, {
          "iam:PermissionsBoundary": boundary("test"),
        }),
      ).to.equal("Allowed");
      expect(await ask(deployRole.test, "iam:CreateRole", newRole)).to.equal("ExplicitlyDenied");
      expect(
        await ask(deployRole.test, "iam:CreateRole", newRole, {
          "iam:PermissionsBoundary": boundary("prod"),
        }),
      ).to.equal("ExplicitlyDenied");
      // and writes an inline policy only on a role that carries it
      const fn = role("punkapi-consumer-test-ingest");
      expect(
        await ask(deployRole.test, "iam:PutRolePolicy", fn, { "iam:PermissionsBoundary": boundary("test") }),
      ).to.equal("Allowed");
      expect(await ask(deployRole.test, "iam:PutRolePolicy", fn)).to.equal("ImplicitlyDenied");
    });

    it("a deploy role passes its stack's roles only to the service that uses them, and no other role", async () => {
      const pass = (target: string, service: string) =>
        ask(deployRole.test, "iam:PassRole", target, { "iam:PassedToService": service });
      expect(await pass(role("punkapi-consumer-test-ingest"), "lambda.amazonaws.com")).to.equal("Allowed");
      expect(await pass(role("punkapi-consumer-test-firehose"), "firehose.amazonaws.com")).to.equal(
        "Allowed",
      );
      expect(await pass(role("punkapi-consumer-test-ingest"), "ec2.amazonaws.com")).to.equal(
        "ImplicitlyDenied",
      );
      expect(await pass(role("punkapi-consumer-test-firehose"), "lambda.amazonaws.com")).to.equal(
        "ImplicitlyDenied",
      );
      expect(await pass(role("punkapi-consumer-prod-ingest"), "lambda.amazonaws.com")).to.equal(
        "ImplicitlyDenied",
      );
      expect(await pass(role("Admin"), "lambda.amazonaws.com")).to.equal("ImplicitlyDenied");
    });

    it("no KMS key outside the stack can be tagged, re-policied or deleted, however its policy delegates", async () => {
      const foreign = `arn:aws:kms:us-east-1:${ACCOUNT}:key/11111111-2222-4333-8444-555555555555`;
      const delegatesToIam: PolicyDocument = {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
            Action: ["kms:*"],
            Resource: ["*"],
          },
        ],
      };
      const prodKey = String(stacks.prod.resources.find((r) => r.type === "aws:kms/key:Key")!.state.arn);
      for (const action of [
        "kms:TagResource",
        "kms:PutKeyPolicy",
        "kms:ScheduleKeyDeletion",
        "kms:CreateGrant",
        "kms:Decrypt",
      ]) {
        for (const actor of ownRoles()) {
          expect(
            await ask(actor, action, foreign, {}, { resourcePolicy: delegatesToIam }),
            `${actor} ${action}`,
          ).not.to.equal("Allowed");
        }
        expect(await ask(deployRole.test, action, prodKey), `test ${action} on prod's key`).not.to.equal(
          "Allowed",
        );
      }
    });

    it("a deploy role never assumes a role, even one whose trust it rewrote to name it", async () => {
      const rewritten: PolicyDocument = {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { AWS: deployRole.test }, Action: ["sts:AssumeRole"] }],
      };
      expect(
        await ask(
          deployRole.test,
          "sts:AssumeRole",
          role("punkapi-consumer-test-ingest"),
          {},
          { resourcePolicy: rewritten },
        ),
      ).to.equal("ExplicitlyDenied");
    });

    it("the guardrails hold even beside a grant of everything", async () => {
      const everything: PolicyDocument = {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["iam:*", "sts:AssumeRole"], Resource: ["*"] }],
      };
      const identity = [identityOf(deployRole.test), everything];
      const self = deployRole.test;
      for (const action of ["iam:PutRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:AttachRolePolicy"])
        expect(await ask(self, action, self, {}, { identity }), action).to.equal("ExplicitlyDenied");
      expect(await ask(self, "iam:CreateRole", role("punkapi-consumer-test-x"), {}, { identity })).to.equal(
        "ExplicitlyDenied",
      );
      expect(
        await ask(
          self,
          "iam:DeleteRolePermissionsBoundary",
          role("punkapi-consumer-test-ingest"),
          {},
          { identity },
        ),
      ).to.equal("ExplicitlyDenied");
      expect(await ask(self, "sts:AssumeRole", role("Admin"), {}, { identity })).to.equal("ExplicitlyDenied");
    });

    it("nobody but the pipeline's roles and the admins reaches the state, even with s3:* granted", async () => {
      const stranger = role("SomeoneElse");
      const all: PolicyDocument = {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["s3:*"], Resource: ["*"] }],
      };
      const object = `${state.bucketArn}/.pulumi/stacks/punkapi-consumer/prod.json`;
      expect(await ask(stranger, "s3:GetObject", object, {}, { identity: [all] })).to.equal(
        "ExplicitlyDenied",
      );
      expect(await ask(role("Admin"), "s3:GetObject", object, {}, { identity: [all] })).to.equal("Allowed");
      expect(await ask(deployRole.prod, "s3:GetObject", object, { "aws:SecureTransport": "false" })).to.equal(
        "ExplicitlyDenied",
      );
    });
  });
});
