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
import type { DeclaredResource, ProgramRun } from "../../local/harness/run-program";
import {
  ACCOUNT,
  concreteArns,
  doc,
  resourcePolicyFor,
  runBootstrap,
  runPipelineStack,
  StateFacts,
  stateFactsOf,
  STACKS,
} from "../helpers/deploy-path";

const role = (path: string) => `arn:aws:iam::${ACCOUNT}:role/${path}`;

describe("the pipeline's roles, simulated", function () {
  this.timeout(60_000);
  let bootstrap: ProgramRun;
  const stacks: Record<string, ProgramRun> = {};
  let state: StateFacts;
  let deployRole: Record<string, string>;
  let previewRole: Record<string, string>;

  before(async () => {
    for (const stack of STACKS) stacks[stack] = await runPipelineStack(stack);
    bootstrap = await runBootstrap();
    deployRole = bootstrap.outputs.deployRoleArns as Record<string, string>;
    previewRole = bootstrap.outputs.previewRoleArns as Record<string, string>;
    state = stateFactsOf(bootstrap);
  });

  /**
   * The identity policy the bootstrap gives a role (by its ARN): its inline policy and the managed policies
   * attached to it, as one document, as IAM evaluates them together.
   */
  function identityOf(roleArn: string): PolicyDocument {
    const name = roleArn.split("/").pop();
    const inline = bootstrap.resources.find(
      (r) => r.type === "aws:iam/rolePolicy:RolePolicy" && r.inputs.role === name,
    );
    if (!inline) throw new Error(`no policy attached to ${roleArn}`);
    const managed = bootstrap.resources
      .filter((r) => r.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment" && r.inputs.role === name)
      .map((a) =>
        bootstrap.resources.find(
          (p) => p.type === "aws:iam/policy:Policy" && p.state.arn === a.inputs.policyArn,
        ),
      )
      .map((p) => doc(p!.inputs.policy));
    const documents = [doc(inline.inputs.policy), ...managed];
    return { Version: "2012-10-17", Statement: documents.flatMap((d) => d.Statement) };
  }

  function ask(
    principal: string,
    action: string,
    resource: string,
    context: Record<string, string | string[]> = {},
    extra: { identity?: PolicyDocument[]; resourcePolicy?: PolicyDocument | "none" } = {},
  ): Promise<Decision> {
    const resourcePolicy =
      extra.resourcePolicy === "none"
        ? undefined
        : (extra.resourcePolicy ?? resourcePolicyFor(resource, [bootstrap, ...Object.values(stacks)]));
    const identity = extra.identity ?? [identityOf(principal)];
    // The same request against the same policies is the same decision: judged once (many calls of a phase
    // repeat another's, a read after a write say).
    const key = JSON.stringify([principal, action, resource, context, identity, resourcePolicy ?? null]);
    if (!decisions.has(key))
      decisions.set(
        key,
        decide({ principal, action, resource, context }, { identity, resource: resourcePolicy }),
      );
    return decisions.get(key)!;
  }
  const decisions = new Map<string, Promise<Decision>>();

  /**
   * The request context a row's call carries for this resource, read from the resource as declared: the
   * boundary its role carries, its alarm's actions, its permission's principal, its key's spec.
   */
  function contextFor(
    row: TableRow,
    r: DeclaredResource,
    run: ProgramRun,
  ): Record<string, string | string[]> {
    const context: Record<string, string | string[]> = {};
    for (const [operator, block] of Object.entries(row.condition ?? {})) {
      for (const [key, value] of Object.entries(block)) {
        const i = r.inputs;
        switch (key) {
          case "iam:PassedToService": // a fact of the call: the service the role is passed to
            context[key] = value;
            break;
          case "iam:PermissionsBoundary": {
            const roleResource =
              r.type === "aws:iam/role:Role"
                ? r
                : run.resources.find((x) => x.type === "aws:iam/role:Role" && x.state.name === i.role);
            if (roleResource?.inputs.permissionsBoundary)
              context[key] = String(roleResource.inputs.permissionsBoundary);
            break;
          }
          case "cloudwatch:AlarmActions":
            context[key] = [
              ...(i.alarmActions ?? []),
              ...(i.okActions ?? []),
              ...(i.insufficientDataActions ?? []),
            ];
            break;
          case "lambda:Principal":
            context[key] = String(i.principal);
            break;
          case "events:TargetArn": // the targets' ARNs, a list, as PutTargets carries them
            context[key] = [String(i.arn)];
            break;
          case "sns:Protocol":
            context[key] = String(i.protocol);
            break;
          case "kms:KeySpec":
            context[key] = i.customerMasterKeySpec ?? i.keySpec ?? "SYMMETRIC_DEFAULT";
            break;
          case "kms:KeyUsage":
            context[key] = i.keyUsage ?? "ENCRYPT_DECRYPT";
            break;
          case "kms:KeyOrigin":
            context[key] = "AWS_KMS";
            break;
          case "kms:MultiRegion":
            context[key] = String(i.multiRegion ?? false);
            break;
          case "kms:BypassPolicyLockoutSafetyCheck":
            context[key] = String(i.bypassPolicyLockoutSafetyCheck ?? false);
            break;
          default:
            // A tag on the request: the declared resource's tags (the provider sends them on create).
            if (key.startsWith("aws:RequestTag/")) {
              const tag = (i.tags as Record<string, string> | undefined)?.[
                key.slice("aws:RequestTag/".length)
              ];
              if (tag !== undefined) context[key] = tag;
              break;
            }
            throw new Error(
              `no way to read ${key} (${operator}) from a declared ${r.type}: teach contextFor`,
            );
        }
      }
    }
    return context;
  }

  /**
   * Every call the provider makes for a run's resources in the given phases, with the ARNs it is authorised
   * on: AWS allows a call only when every one of them is allowed (a Glue table call names catalog,
   * database and table).
   */
  function calls(stack: string, phases: readonly (typeof PHASES)[number][]) {
    const run = stacks[stack];
    const out: {
      row: TableRow;
      resources: string[];
      context: Record<string, string | string[]>;
      of: string;
    }[] = [];
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
          // A call made only when the resource has an argument set is not made for one without it.
          if (call.onlyIf && !r.inputs[call.onlyIf]) continue;
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
    c: { row: TableRow; resources: string[]; context: Record<string, string | string[]> },
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

  it("denies every deploy role the administrator's calls, each for its reason", async () => {
    for (const stack of STACKS) {
      const all = calls(stack, PHASES);
      // A permission another, ordinary call needs too stays (GenerateDataKey on the state key: every state write).
      const ordinary = new Set(
        all.filter((c) => !c.row.adminOnly).map((c) => `${c.row.action} ${c.resources.join()}`),
      );
      const adminOnly = all.filter(
        (c) => c.row.adminOnly && !ordinary.has(`${c.row.action} ${c.resources.join()}`),
      );
      expect([...new Set(adminOnly.map((c) => c.row.action))].sort()).to.deep.equal([
        "iam:UpdateAssumeRolePolicy",
        "kinesis:UpdateShardCount",
        "kinesis:UpdateStreamMode",
        "kms:Encrypt",
        "s3:PutObject",
      ]);
      for (const c of adminOnly) expect(await allows(deployRole[stack], c), c.row.action).to.equal(false);
    }
  });

  it("each stack's preview role can make every read call on every resource of its stack, and read its state", async () => {
    const denied: string[] = [];
    for (const stack of STACKS) {
      for (const q of requests(stack, ["read"])) {
        const decision = await ask(previewRole[stack], q.row.action, q.resource, q.context);
        if (decision !== "Allowed")
          denied.push(`${stack} ${q.row.type} ${q.row.action} on ${q.resource}: ${decision}`);
      }
    }
    expect(denied).to.deep.equal([]);
  });

  it("a preview role can write nothing: no create, update or delete call, no state write, no lock", async () => {
    const reads = readActions();
    let checked = 0;
    for (const stack of STACKS) {
      for (const c of calls(stack, ["create", "update", "delete"]).filter((x) => !reads.has(x.row.action))) {
        for (const preview of STACKS)
          expect(
            await allows(previewRole[preview], c),
            `${preview}: ${c.row.action} on ${c.resources.join(", ")}`,
          ).to.equal(false);
        checked++;
      }
    }
    expect(checked).to.be.greaterThan(150);
  });

  it("a stack's preview role reads nothing of the other stack: no resource, no state, no secret", async () => {
    // As for the deploy roles below: calls on nothing but what the stacks share are left out.
    const shared = new Set(["*", state.keyArn, state.bucketArn, `${state.bucketArn}/.pulumi/meta.yaml`]);
    for (const [mine, other] of [
      ["test", "prod"],
      ["prod", "test"],
    ]) {
      const read: string[] = [];
      let checked = 0;
      for (const c of calls(other, ["read"]).filter((x) => x.resources.some((r) => !shared.has(r)))) {
        if (await allows(previewRole[mine], c)) read.push(`${c.row.action} on ${c.resources.join(", ")}`);
        checked++;
      }
      expect(read, `${mine}'s preview reading ${other}`).to.deep.equal([]);
      expect(checked).to.be.greaterThan(100);
      expect(await ask(previewRole[mine], "kms:Decrypt", state.secretsKeyArns[other])).to.not.equal(
        "Allowed",
      );
    }
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

  it('grants nothing on "*" but reads, the creation of plain keys, and creations tagged with its own stack', async () => {
    const reads = readActions();
    for (const stack of STACKS) {
      for (const statement of identityOf(deployRole[stack]).Statement.filter(
        (x) => x.Effect === "Allow" && x.Resource?.includes("*"),
      )) {
        for (const action of statement.Action) {
          if (action === "kms:CreateKey")
            expect(statement.Condition, "kms:CreateKey on * is conditioned").to.be.an("object");
          else if (statement.Condition)
            expect(statement.Condition, `${action} on *`).to.deep.equal({
              StringEquals: { "aws:RequestTag/punkapi:stack": stack },
            });
          else expect(reads.has(action), `${action} on *`).to.equal(true);
        }
      }
    }
  });

  it("creates a Glue Data Quality ruleset (which no ARN scopes) only tagged with its own stack", async () => {
    const create = (stack: string, tags: Record<string, string>) =>
      ask(
        deployRole[stack],
        "glue:CreateDataQualityRuleset",
        "*",
        Object.fromEntries(Object.entries(tags).map(([k, v]) => [`aws:RequestTag/${k}`, v])),
      );
    expect(await create("test", { "punkapi:stack": "test" })).to.equal("Allowed");
    expect(await create("test", { "punkapi:stack": "prod" })).to.equal("ImplicitlyDenied");
    expect(await create("test", {})).to.equal("ImplicitlyDenied");
    expect(await create("prod", { "punkapi:stack": "prod" })).to.equal("Allowed");
    expect(await create("prod", { "punkapi:stack": "test" })).to.equal("ImplicitlyDenied");
    // Reading, changing and deleting one are scoped to the stack's own ruleset by its ARN.
    const ruleset = (s: string) =>
      `arn:aws:glue:us-east-1:${ACCOUNT}:dataQualityRuleset/punkapi-consumer-${s}-curated-quality`;
    for (const action of ["glue:GetTags", "glue:UpdateDataQualityRuleset", "glue:DeleteDataQualityRuleset"]) {
      expect(await ask(deployRole.test, action, ruleset("test")), action).to.equal("Allowed");
      expect(await ask(deployRole.test, action, ruleset("prod")), action).to.equal("ImplicitlyDenied");
    }
  });

  describe("writes that would open a stack's resources to others", () => {
    const rule = (s: string) => `arn:aws:events:us-east-1:${ACCOUNT}:rule/punkapi-consumer-${s}-schedule`;
    const fn = (s: string, account: string = ACCOUNT) =>
      `arn:aws:lambda:us-east-1:${account}:function:punkapi-consumer-${s}-ingest`;
    const topic = (s: string) => `arn:aws:sns:us-east-1:${ACCOUNT}:punkapi-consumer-${s}-alarms`;

    it("events:PutTargets: the schedule may target the stack's own function only", async () => {
      const put = (targets: string[]) =>
        ask(deployRole.test, "events:PutTargets", rule("test"), { "events:TargetArn": targets });
      expect(await put([fn("test")])).to.equal("Allowed");
      expect(await put([fn("prod")])).to.equal("ImplicitlyDenied");
      expect(await put([fn("test", "444455556666")])).to.equal("ImplicitlyDenied");
      expect(await put([fn("test"), "arn:aws:sqs:us-east-1:444455556666:outside"])).to.equal(
        "ImplicitlyDenied",
      );
    });

    it("sns:Subscribe: the alarm topic takes e-mail subscriptions only, no endpoint another account runs", async () => {
      const subscribe = (protocol: string) =>
        ask(deployRole.test, "sns:Subscribe", topic("test"), { "sns:Protocol": protocol });
      expect(await subscribe("email")).to.equal("Allowed");
      for (const protocol of ["https", "http", "lambda", "sqs", "firehose", "application"])
        expect(await subscribe(protocol), protocol).to.equal("ImplicitlyDenied");
    });
  });

  describe("escalation", () => {
    const ownRoles = () => [...Object.values(previewRole), ...Object.values(deployRole)];
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
    const boundary = (s: string) =>
      `arn:aws:iam::${ACCOUNT}:policy/punkapi-consumer-bootstrap/punkapi-consumer-${s}-boundary`;

    it("no pipeline role can change its own or another bootstrap role's permissions, trust or boundary", async () => {
      const boundaries = bootstrap.resources
        .filter((r) => r.type === "aws:iam/policy:Policy" && String(r.inputs.name).endsWith("-boundary"))
        .map((r) => String(r.state.arn));
      expect(boundaries).to.have.length(STACKS.length);
      for (const actor of ownRoles()) {
        for (const target of ownRoles()) {
          for (const action of roleWrites)
            expect(await ask(actor, action, target), `${actor} ${action} ${target}`).not.to.equal("Allowed");
        }
        for (const policy of boundaries) {
          for (const action of [
            "iam:CreatePolicyVersion",
            "iam:SetDefaultPolicyVersion",
            "iam:DeletePolicy",
            "iam:DeletePolicyVersion",
          ])
            expect(await ask(actor, action, policy), `${actor} ${action}`).not.to.equal("Allowed");
        }
      }
    });

    it("a deploy role creates its stack's two roles only, and only with its stack's boundary", async () => {
      const fn = role("punkapi-consumer-test-ingest");
      const withBoundary = { "iam:PermissionsBoundary": boundary("test") };
      expect(await ask(deployRole.test, "iam:CreateRole", fn, withBoundary)).to.equal("Allowed");
      expect(await ask(deployRole.test, "iam:CreateRole", fn)).to.equal("ExplicitlyDenied");
      expect(
        await ask(deployRole.test, "iam:CreateRole", fn, { "iam:PermissionsBoundary": boundary("prod") }),
      ).to.equal("ExplicitlyDenied");
      // No other role, even one named like the stack's (it could be given a trust of anyone's choosing).
      expect(
        await ask(deployRole.test, "iam:CreateRole", role("punkapi-consumer-test-backdoor"), withBoundary),
      ).to.equal("ImplicitlyDenied");
      // An inline policy only on a role that carries the boundary; a trust never (an administrator's change).
      expect(await ask(deployRole.test, "iam:PutRolePolicy", fn, withBoundary)).to.equal("Allowed");
      expect(await ask(deployRole.test, "iam:PutRolePolicy", fn)).to.equal("ImplicitlyDenied");
      expect(await ask(deployRole.test, "iam:UpdateAssumeRolePolicy", fn, withBoundary)).to.equal(
        "ImplicitlyDenied",
      );
      // Reading a role is not conditioned: a role without the boundary (or gone) answers, it is not denied.
      expect(await ask(deployRole.test, "iam:GetRole", fn)).to.equal("Allowed");
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

    it("a deploy role creates only plain symmetric keys, never one that skips the lockout check", async () => {
      const plain = {
        "kms:KeySpec": "SYMMETRIC_DEFAULT",
        "kms:KeyUsage": "ENCRYPT_DECRYPT",
        "kms:KeyOrigin": "AWS_KMS",
        "kms:MultiRegion": "false",
        "kms:BypassPolicyLockoutSafetyCheck": "false",
      };
      expect(await ask(deployRole.test, "kms:CreateKey", "*", plain)).to.equal("Allowed");
      for (const [key, value] of [
        ["kms:MultiRegion", "true"],
        ["kms:BypassPolicyLockoutSafetyCheck", "true"],
        ["kms:KeySpec", "HMAC_256"],
        ["kms:KeyOrigin", "EXTERNAL"],
      ])
        expect(await ask(deployRole.test, "kms:CreateKey", "*", { ...plain, [key]: value }), key).to.equal(
          "ImplicitlyDenied",
        );
    });

    it("a deploy role reads only its own stack's secrets, and writes no secrets provider and no shared meta.yaml", async () => {
      expect(await ask(deployRole.test, "kms:Decrypt", state.secretsKeyArns.test)).to.equal("Allowed");
      expect(await ask(deployRole.test, "kms:Decrypt", state.secretsKeyArns.prod)).to.equal(
        "ImplicitlyDenied",
      );
      expect(await ask(deployRole.test, "kms:Encrypt", state.secretsKeyArns.test)).to.equal(
        "ImplicitlyDenied",
      );
      expect(await ask(previewRole.prod, "kms:Decrypt", state.secretsKeyArns.prod)).to.equal("Allowed");
      expect(await ask(previewRole.test, "kms:Decrypt", state.secretsKeyArns.prod)).to.equal(
        "ImplicitlyDenied",
      );
      expect(await ask(deployRole.test, "s3:PutObject", `${state.bucketArn}/.pulumi/meta.yaml`)).to.equal(
        "ImplicitlyDenied",
      );
    });

    it("a deploy role lets EventBridge alone invoke its functions, and alarms only its own stack's topic", async () => {
      const fn = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:punkapi-consumer-test-ingest`;
      const add = (principal: string) =>
        ask(deployRole.test, "lambda:AddPermission", fn, { "lambda:Principal": principal });
      expect(await add("events.amazonaws.com")).to.equal("Allowed");
      expect(await add("*")).to.equal("ImplicitlyDenied");
      expect(await add("210987654321")).to.equal("ImplicitlyDenied");
      const alarm = `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:punkapi-consumer-test-ingest-function-errors`;
      const topic = (s: string) => `arn:aws:sns:us-east-1:${ACCOUNT}:punkapi-consumer-${s}-alarms`;
      const put = (actions: string[]) =>
        ask(deployRole.test, "cloudwatch:PutMetricAlarm", alarm, { "cloudwatch:AlarmActions": actions });
      expect(await put([topic("test")])).to.equal("Allowed");
      expect(await put([topic("prod")])).to.equal("ImplicitlyDenied");
      expect(await put([topic("test"), "arn:aws:automate:us-east-1:ec2:terminate"])).to.equal(
        "ImplicitlyDenied",
      );
    });

    it("the prod deploy role cannot empty prod's lake (a protected lake is never force-destroyed); test's can", async () => {
      const object = (s: string) =>
        `arn:aws:s3:::punkapi-consumer-${s}-lake-${ACCOUNT}/raw/beers/dt=2026-11-28/x.gz`;
      for (const action of ["s3:DeleteObject", "s3:DeleteObjectVersion"]) {
        expect(await ask(deployRole.prod, action, object("prod")), action).to.equal("ImplicitlyDenied");
        expect(await ask(deployRole.test, action, object("test")), action).to.equal("Allowed");
      }
      // The query results, disposable, are emptied by every destroy.
      const results = `arn:aws:s3:::punkapi-consumer-prod-lake-athena-${ACCOUNT}/results/q.csv`;
      expect(await ask(deployRole.prod, "s3:DeleteObjectVersion", results)).to.equal("Allowed");
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
      const provider = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
      for (const stack of STACKS) {
        const identity = [identityOf(deployRole[stack]), everything];
        const me = deployRole[stack];
        const targets: [string[], string[]][] = [
          [ownRoles(), roleWrites],
          [
            [boundary("test"), boundary("prod")],
            ["iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion", "iam:DeletePolicy"],
          ],
          [[provider], ["iam:DeleteOpenIDConnectProvider", "iam:UpdateOpenIDConnectProviderThumbprint"]],
        ];
        for (const [resources, actions] of targets)
          for (const target of resources)
            for (const action of actions)
              expect(
                await ask(me, action, target, {}, { identity }),
                `${stack} ${action} ${target}`,
              ).to.equal("ExplicitlyDenied");
        expect(
          await ask(me, "iam:CreateRole", role(`punkapi-consumer-${stack}-x`), {}, { identity }),
        ).to.equal("ExplicitlyDenied");
        expect(
          await ask(
            me,
            "iam:DeleteRolePermissionsBoundary",
            role(`punkapi-consumer-${stack}-ingest`),
            {},
            { identity },
          ),
        ).to.equal("ExplicitlyDenied");
        expect(await ask(me, "sts:AssumeRole", role("Admin"), {}, { identity })).to.equal("ExplicitlyDenied");
      }
    });

    it("nobody but the pipeline's roles and the admins reaches the state; each stack's state only its own deploy role writes", async () => {
      const all: PolicyDocument = {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["s3:*"], Resource: ["*"] }],
      };
      const object = (s: string) => `${state.bucketArn}/.pulumi/stacks/punkapi-consumer/${s}.json`;
      expect(
        await ask(role("SomeoneElse"), "s3:GetObject", object("prod"), {}, { identity: [all] }),
      ).to.equal("ExplicitlyDenied");
      expect(await ask(role("Admin"), "s3:GetObject", object("prod"), {}, { identity: [all] })).to.equal(
        "Allowed",
      );
      expect(
        await ask(deployRole.prod, "s3:GetObject", object("prod"), { "aws:SecureTransport": "false" }),
      ).to.equal("ExplicitlyDenied");
      // Each side alone keeps a stack's deploy role off another's state: its own grants, without the bucket
      // policy; and the bucket policy, whatever the role is granted.
      for (const action of ["s3:PutObject", "s3:GetObject"])
        expect(
          await ask(deployRole.test, action, object("prod"), {}, { resourcePolicy: "none" }),
          action,
        ).to.equal("ImplicitlyDenied");
      // Outside the stacks' objects, the bucket itself: nobody else, whatever they are granted.
      expect(
        await ask(role("SomeoneElse"), "s3:PutBucketPolicy", state.bucketArn, {}, { identity: [all] }),
      ).to.equal("ExplicitlyDenied");
      expect(await ask(deployRole.test, "s3:PutObject", object("prod"), {}, { identity: [all] })).to.equal(
        "ExplicitlyDenied",
      );
      expect(await ask(deployRole.test, "s3:GetObject", object("prod"), {}, { identity: [all] })).to.equal(
        "ExplicitlyDenied",
      );
      expect(await ask(previewRole.prod, "s3:PutObject", object("prod"), {}, { identity: [all] })).to.equal(
        "ExplicitlyDenied",
      );
      expect(await ask(previewRole.prod, "s3:GetObject", object("prod"), {}, { identity: [all] })).to.equal(
        "Allowed",
      );
      // The other stack's preview cannot read it, whatever it is granted.
      expect(await ask(previewRole.test, "s3:GetObject", object("prod"), {}, { identity: [all] })).to.equal(
        "ExplicitlyDenied",
      );
      // AWS's own service-linked roles (Access Analyzer, Config) may still look.
      const analyzer = role("aws-service-role/access-analyzer.amazonaws.com/AWSServiceRoleForAccessAnalyzer");
      expect(await ask(analyzer, "s3:GetBucketPolicy", state.bucketArn, {}, { identity: [all] })).to.equal(
        "Allowed",
      );
    });

    it("administrators can make every call the provider makes on the bootstrap's keys and aliases, and use the keys", async () => {
      const admin = role("Admin");
      const everything: PolicyDocument = {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["*"], Resource: ["*"] }],
      };
      let checked = 0;
      for (const r of bootstrap.resources.filter(
        (x) => x.type === "aws:kms/key:Key" || x.type === "aws:kms/alias:Alias",
      )) {
        const arns = concreteArns(r, bootstrap, "test", state);
        for (const phase of PHASES) {
          for (const row of PROVIDER_CALLS[r.type][phase]) {
            for (const target of kindsOf(row).flatMap((kind) => arns[kind] ?? [])) {
              expect(
                await ask(admin, row.action, target, {}, { identity: [everything] }),
                `${r.name} ${row.action}`,
              ).to.equal("Allowed");
              checked++;
            }
          }
        }
        // ... and use each key as the stacks and `pulumi stack init` do (the table's rows on that kind of key).
        if (r.type === "aws:kms/key:Key") {
          const kind = r.name.endsWith("-secrets") ? "stackSecretsKey" : "stateKey";
          const uses = Object.values(PROVIDER_CALLS)
            .flatMap((e) => PHASES.flatMap((p) => e[p]))
            .filter((x) => kindsOf(x).includes(kind));
          for (const action of new Set(uses.map((x) => x.action)))
            expect(
              await ask(admin, action, String(r.state.arn), {}, { identity: [everything] }),
              `${r.name} ${action}`,
            ).to.equal("Allowed");
        }
      }
      expect(checked).to.be.greaterThan(40);
    });
  });
});
