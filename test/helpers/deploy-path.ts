/**
 * The deploy path as the programs declare it: the bootstrap and both stacks run on the mocks (once per
 * process), each declared resource's concrete ARNs by kind, and the policies AWS would evaluate for a
 * request of a pipeline role. The ARNs here come from the declared resources themselves, not from the
 * patterns the roles are built from, so a test that compares them compares two derivations.
 */
import path from "path";
import { readStackFiles } from "../../config/stack-files";
import type { PolicyDocument } from "../../iam/policy-document";
import type { Kind } from "../../iam/provider-calls";
import type { DeclaredResource, ProgramRun } from "../../local/harness/run-program";
import { LOCAL_ACCOUNT } from "../../local/harness/aws-state";
import { cachedRun, ROOT, runStack, VARIANT_CONFIG } from "./program";

export const ACCOUNT = LOCAL_ACCOUNT.accountId;
export const REPO = "example-org/punkapi-consumer";
export const STACKS = ["test", "prod"] as const;
export const BOOTSTRAP_DIR = path.join(ROOT, "bootstrap");
/** The bootstrap's region, which every pipeline stack shares (bootstrap/pipeline-stacks.ts checks it). */
export const REGION = readStackFiles(BOOTSTRAP_DIR, "account").config["aws:region"];

/** The bootstrap as its stack file configures it. */
export function runBootstrap(): Promise<ProgramRun> {
  const files = readStackFiles(BOOTSTRAP_DIR, "account");
  return cachedRun({
    programDir: BOOTSTRAP_DIR,
    project: files.project,
    stack: "account",
    config: files.config,
  });
}

/**
 * The test stack with the shared variant (test/helpers/program.ts), whose alarm e-mail makes it declare
 * every type a stack can declare (its subscription too); the roles' grants do not depend on its prefixes.
 */
export const STACK_OVERRIDES = VARIANT_CONFIG;

/** The stacks as the deploy path meets them: test with an alarm e-mail (every type), prod as configured. */
export function runPipelineStack(stack: string): Promise<ProgramRun> {
  return stack === "test" ? runStack(stack, STACK_OVERRIDES) : runStack(stack);
}

export const doc = (text: string) => JSON.parse(text) as PolicyDocument;

const arn = (service: string, resource: string, regional = true) =>
  `arn:aws:${service}:${regional ? REGION : ""}:${ACCOUNT}:${resource}`;

function byName(run: ProgramRun, type: string, name: string): DeclaredResource {
  const found = run.resources.find((r) => r.type === type && (r.state.name === name || r.id === name));
  if (!found) throw new Error(`no declared ${type} named ${name}`);
  return found;
}

export interface StateFacts {
  bucketArn: string;
  keyArn: string;
  /** Each stack's secrets key. */
  secretsKeyArns: Record<string, string>;
  project: string;
}

/** The state bucket and keys the bootstrap declares. */
export function stateFactsOf(bootstrap: ProgramRun): StateFacts {
  const keys = bootstrap.resources.filter((r) => r.type === "aws:kms/key:Key");
  const keyArn = (suffix: string) => String(keys.find((k) => k.name.endsWith(suffix))!.state.arn);
  return {
    bucketArn: `arn:aws:s3:::${bootstrap.outputs.stateBucketName}`,
    keyArn: keyArn("state"),
    secretsKeyArns: Object.fromEntries(STACKS.map((s) => [s, keyArn(`${s}-secrets`)])),
    project: "punkapi-consumer",
  };
}

/** Where a request about a declared resource goes, by kind: the resource's own ARNs as AWS would name them. */
export function concreteArns(
  r: DeclaredResource,
  run: ProgramRun,
  stack: string,
  state: StateFacts,
): Partial<Record<Kind, string[]>> {
  const i = r.inputs;
  const own = String(r.state.arn ?? "");
  const bucketOf = (name: string) => `arn:aws:s3:::${name}`;
  const base: Partial<Record<Kind, string[]>> = {
    "*": ["*"],
    stateBucket: [state.bucketArn],
    stateMeta: [`${state.bucketArn}/.pulumi/meta.yaml`],
    stackState: [
      `${state.bucketArn}/.pulumi/stacks/${state.project}/${stack}.json`,
      `${state.bucketArn}/.pulumi/stacks/${state.project}/${stack}.json.bak`,
      `${state.bucketArn}/.pulumi/history/${state.project}/${stack}/${stack}-1764300000000000000.history.json`,
      `${state.bucketArn}/.pulumi/backups/${state.project}/${stack}/${stack}.1764300000000000000.json`,
    ],
    stackLocks: [`${state.bucketArn}/.pulumi/locks/organization/${state.project}/${stack}/0b6f2f0e.json`],
    stateKey: [state.keyArn],
    stackSecretsKey: [state.secretsKeyArns[stack] ?? state.keyArn],
  };
  switch (r.type) {
    case "aws:s3/bucket:Bucket":
      return { ...base, bucket: [own], object: [`${own}/raw/beers/dt=2026-11-28/beers-1.gz`] };
    case "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock":
    case "aws:s3/bucketOwnershipControls:BucketOwnershipControls":
    case "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration":
    case "aws:s3/bucketVersioning:BucketVersioning":
    case "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration":
    case "aws:s3/bucketPolicy:BucketPolicy":
      return { ...base, bucket: [bucketOf(i.bucket)] };
    case "aws:iam/role:Role":
      return { ...base, role: [own] };
    case "aws:iam/rolePolicy:RolePolicy":
    case "aws:iam/rolePolicyAttachment:RolePolicyAttachment":
      return { ...base, role: [String(byName(run, "aws:iam/role:Role", i.role).state.arn)] };
    case "aws:iam/policy:Policy":
      return { ...base, policy: [own] };
    case "aws:iam/openIdConnectProvider:OpenIdConnectProvider":
      return { ...base, oidcProvider: [own] };
    case "aws:kms/key:Key":
      return { ...base, key: [own] };
    case "aws:kms/alias:Alias": {
      const key = run.resources.find((k) => k.type === "aws:kms/key:Key" && k.state.keyId === i.targetKeyId);
      return { ...base, alias: [arn("kms", i.name)], key: [String(key?.state.arn)] };
    }
    case "aws:sns/topic:Topic":
      return { ...base, topic: [own] };
    case "aws:sns/topicSubscription:TopicSubscription":
      return { ...base, topic: [i.topic] };
    case "aws:sqs/queue:Queue":
      return { ...base, queue: [own] };
    case "aws:lambda/function:Function":
      return { ...base, function: [own], functionRole: [i.role] };
    case "aws:lambda/permission:Permission":
      return {
        ...base,
        function: [String(byName(run, "aws:lambda/function:Function", i.function).state.arn)],
      };
    case "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig":
      return {
        ...base,
        function: [String(byName(run, "aws:lambda/function:Function", i.functionName).state.arn)],
      };
    case "aws:kinesis/stream:Stream":
      // The AWS-managed key behind alias/aws/kinesis has an id AWS chooses.
      return { ...base, stream: [own], kinesisKey: [arn("kms", "key/6f1d9b5e-aws-managed-kinesis")] };
    case "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream":
      return { ...base, deliveryStream: [own], firehoseRole: [i.kinesisSourceConfiguration.roleArn] };
    case "aws:cloudwatch/logGroup:LogGroup":
      return { ...base, logGroup: [own] };
    case "aws:cloudwatch/logStream:LogStream":
      return { ...base, logStream: [own], logGroup: [arn("logs", `log-group:${i.logGroupName}`)] };
    case "aws:cloudwatch/metricAlarm:MetricAlarm":
      return { ...base, alarm: [own] };
    case "aws:cloudwatch/dashboard:Dashboard":
      return { ...base, dashboard: [String(r.state.dashboardArn)] };
    case "aws:cloudwatch/eventRule:EventRule":
      return { ...base, rule: [own] };
    case "aws:cloudwatch/eventTarget:EventTarget":
      return { ...base, rule: [String(byName(run, "aws:cloudwatch/eventRule:EventRule", i.rule).state.arn)] };
    case "aws:glue/catalogDatabase:CatalogDatabase":
      return {
        ...base,
        glueCatalog: [arn("glue", "catalog")],
        glueDatabase: [own],
        glueTable: [arn("glue", `table/${i.name}/beers_raw`)],
        glueFunction: [arn("glue", `userDefinedFunction/${i.name}/none`)],
      };
    case "aws:glue/catalogTable:CatalogTable":
      return {
        ...base,
        glueCatalog: [arn("glue", "catalog")],
        glueDatabase: [arn("glue", `database/${i.databaseName}`)],
        glueTable: [own],
      };
    case "aws:glue/dataQualityRuleset:DataQualityRuleset":
      return { ...base, glueRuleset: [own] };
    case "aws:athena/workgroup:Workgroup":
      return { ...base, workgroup: [own] };
    default:
      return base;
  }
}

/** The resource-side policy AWS evaluates with a request on this ARN, if any (bucket and key policies). */
export function resourcePolicyFor(targetArn: string, runs: ProgramRun[]): PolicyDocument | undefined {
  for (const run of runs) {
    for (const r of run.resources) {
      if (r.type === "aws:kms/key:Key" && r.state.arn === targetArn) return doc(r.inputs.policy);
      if (r.type === "aws:s3/bucketPolicy:BucketPolicy") {
        const bucket = `arn:aws:s3:::${r.inputs.bucket}`;
        if (targetArn === bucket || targetArn.startsWith(`${bucket}/`)) return doc(r.inputs.policy);
      }
    }
  }
  return undefined;
}
