/**
 * Runs the real Pulumi program (index.ts) in this process on the Pulumi mocks interface, the way the
 * engine would for a stack, and records every resource it declares: type, name, parent, inputs, and the
 * state the mock answered. No CLI, no credentials. Used by the tests, `npm run plan` and the local run.
 */
import path from "path";
import * as pulumi from "@pulumi/pulumi";
import { awsCall, awsResourceState, LOCAL_ACCOUNT, ResourceState } from "./aws-state";
import { isEngineResource } from "../../resource-types";

// Internal to @pulumi/pulumi (no typings): clears the runtime's leak candidates.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { leakedPromises } = require("@pulumi/pulumi/runtime/debuggable") as { leakedPromises(): unknown };

export interface DeclaredResource {
  urn: string;
  type: string;
  name: string;
  /** The parent's URN; undefined for children of the stack itself. */
  parent: string | undefined;
  custom: boolean;
  /** Resource options the engine would see. */
  protect: boolean;
  retainOnDelete: boolean;
  dependsOn: string[];
  // Resource inputs are whatever the program passed, per resource type: the consumers narrow them.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  inputs: Record<string, any>;
  id: string | undefined;
  state: Record<string, unknown>;
  /** What a component registered as its outputs (registerOutputs); undefined for a custom resource. */
  registeredOutputs?: Record<string, unknown>;
}

export interface ProgramRun {
  resources: DeclaredResource[];
  outputs: Record<string, unknown>;
  /** The data sources (invokes) the program called, by token. */
  invokes: string[];
}

export interface RunProgramOptions {
  programDir: string;
  /**
   * The program itself, instead of `<programDir>/index.ts`: a function that declares resources and returns
   * the outputs (a component under test, on its own).
   */
  program?: () => Record<string, unknown>;
  project: string;
  stack: string;
  config: Record<string, string>;
  /** How a resource comes to exist; AWS-like state by default. */
  newResource?: (
    type: string,
    name: string,
    inputs: Record<string, unknown>,
  ) => ResourceState | Promise<ResourceState>;
}

type MockRequest = {
  getParent(): string;
  getType(): string;
  getName(): string;
  getProtect(): boolean;
  getRetainondelete(): boolean;
  getDependenciesList(): string[];
};
type RequestFacts = { parent: string; protect: boolean; retainOnDelete: boolean; dependsOn: string[] };
type OutputsRequest = {
  getUrn(): string;
  getOutputs(): { toJavaScript(): Record<string, unknown> } | undefined;
};
type Monitor = {
  registerResource: (req: MockRequest, cb: unknown) => unknown;
  registerResourceOutputs: (req: OutputsRequest, cb: unknown) => unknown;
};

function urnOf(stack: string, project: string, parent: string, type: string, name: string): string {
  let qualified = type;
  if (parent) qualified = `${parent.split("::")[2].split("$").pop()}$${type}`;
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

/** Loads the program afresh: its module-level code declares the resources, its exports are the outputs. */
function loadProgram(programDir: string): Record<string, unknown> {
  const entry = require.resolve(path.resolve(programDir, "index.ts"));
  delete require.cache[entry];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(entry) as Record<string, unknown>;
}

export async function runProgram(opts: RunProgramOptions): Promise<ProgramRun> {
  const resources: DeclaredResource[] = [];
  const invokes = new Set<string>();
  const facts = new Map<string, RequestFacts>();
  // The stack's own region (a program without one stops on its configuration before any ARN is made).
  const env = { ...LOCAL_ACCOUNT, region: opts.config["aws:region"] ?? "" };
  const newResource = opts.newResource ?? ((type, name, inputs) => awsResourceState(type, name, inputs, env));
  await pulumi.runtime.setMocks(
    {
      newResource: async (args) => {
        const fact = facts.get(`${args.type}::${args.name}`);
        const parent = fact?.parent || undefined;
        const result = isEngineResource({ type: args.type, custom: args.custom ?? true })
          ? { id: `${args.name}-id`, state: { ...args.inputs } }
          : await newResource(args.type, args.name, args.inputs);
        resources.push({
          urn: urnOf(opts.stack, opts.project, parent ?? "", args.type, args.name),
          type: args.type,
          name: args.name,
          parent,
          custom: args.custom ?? true,
          protect: fact?.protect ?? false,
          retainOnDelete: fact?.retainOnDelete ?? false,
          dependsOn: fact?.dependsOn ?? [],
          inputs: args.inputs,
          id: result.id,
          state: result.state,
        });
        return { id: result.id, state: result.state };
      },
      call: (args) => {
        invokes.add(args.token);
        return awsCall(args.token, args.inputs, env);
      },
    },
    opts.project,
    opts.stack,
    false,
  );
  // The mocks interface does not pass the parent or the options to newResource; the monitor's request has them.
  const monitor = pulumi.runtime.getMonitor() as unknown as Monitor;
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) => {
    facts.set(`${req.getType()}::${req.getName()}`, {
      parent: req.getParent(),
      protect: req.getProtect(),
      retainOnDelete: req.getRetainondelete(),
      dependsOn: req.getDependenciesList(),
    });
    return register(req, cb);
  };
  // Nor does it see what a component registers as its outputs: the monitor's request has them too.
  const registered = new Map<string, Record<string, unknown>>();
  const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
  monitor.registerResourceOutputs = (req, cb) => {
    registered.set(req.getUrn(), req.getOutputs()?.toJavaScript() ?? {});
    return registerOutputs(req, cb);
  };
  pulumi.runtime.setAllConfig(opts.config);

  // A resource whose inputs failed (an error thrown in an apply) never registers; the engine fails the run
  // for it, and so does this: its error surfaces as an unhandled rejection.
  let fail!: (error: Error) => void;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => undefined);
  const onFailure = (reason: unknown) => fail(reason instanceof Error ? reason : new Error(String(reason)));
  process.on("unhandledRejection", onFailure);
  try {
    const exported = opts.program ? opts.program() : loadProgram(opts.programDir);
    const outputs: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(exported)) {
      outputs[key] = pulumi.Output.isInstance(value)
        ? await Promise.race([new Promise((resolve) => value.apply(resolve)), failed])
        : value;
    }
    // Exported at run time but marked internal in the typings: waits until every registration has been answered.
    await Promise.race([
      (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs(),
      failed,
    ]);
    await Promise.race([new Promise((resolve) => setImmediate(resolve)), failed]);
    for (const r of resources) if (registered.has(r.urn)) r.registeredOutputs = registered.get(r.urn);
    return { resources, outputs, invokes: [...invokes].sort() };
  } catch (error) {
    // The engine ends a failed run with an error and reports no leaks; outputs left waiting on the failed
    // resource would otherwise make the runtime set exit code 1 when this process ends.
    leakedPromises();
    throw error;
  } finally {
    process.off("unhandledRejection", onFailure);
  }
}
