/**
 * The real program (index.ts) run on the mocks for a stack, once per stack and configuration, shared by the
 * test processes through local/harness/program-cache.ts; or one component on its own.
 */
import path from "path";
import { readStackFiles } from "../../config/stack-files";
import type { DeclaredResource, ProgramRun, RunProgramOptions } from "../../local/harness/run-program";
import { cachedRun as cached } from "../../local/harness/program-cache";

export const ROOT = path.resolve(__dirname, "../..");

export function stackConfig(stack: string, overrides: Record<string, string> = {}): Record<string, string> {
  return { ...readStackFiles(ROOT, stack).config, ...overrides };
}

/** A program's run, from the shared cache (local/harness/program-cache.ts) or evaluated now. */
export function cachedRun(opts: RunProgramOptions): Promise<ProgramRun> {
  return cached(ROOT, opts);
}

/**
 * The one configuration, other than the stacks' own, that the tests of a whole stack use: custom prefixes
 * (Hive-style year/month/day raw folders, an unnamed yyyy/MM/dd curated path), catalogue mode, the
 * shortest silence alarm the 5-minute schedule allows, and an alarm e-mail (so that the stack declares
 * every type a stack can, its subscription too: the deploy path's checks use it). Shared so that the
 * program is evaluated once for all of them (an evaluation is about 5 s of CPU); each test uses its part.
 */
export const VARIANT = {
  rawPrefix: "landing/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/",
  curatedPrefix: "analytics/!{timestamp:yyyy/MM/dd}/",
  ingestMode: "catalogue",
  silenceAlarmMinutes: "6",
  alarmEmail: "alarms@example.org",
} as const;

/** VARIANT with its keys in the project's namespace, as a stack file holds them. */
export const VARIANT_CONFIG: Record<string, string> = Object.fromEntries(
  Object.entries(VARIANT).map(([k, v]) => [`punkapi-consumer:${k}`, v]),
);

export function runStack(stack: string, overrides: Record<string, string> = {}): Promise<ProgramRun> {
  return cachedRun({
    programDir: ROOT,
    project: "punkapi-consumer",
    stack,
    config: stackConfig(stack, overrides),
  });
}

/**
 * Declares what `program` declares (a component on its own, with stand-ins for the resources it is given)
 * on the mocks, as the test stack of the project, and returns what it declared and its outputs.
 */
export function runComponent(
  program: () => Record<string, unknown>,
  config: Record<string, string> = {},
): Promise<ProgramRun> {
  return cachedRun({
    programDir: ROOT,
    project: "punkapi-consumer",
    stack: "test",
    config: { "aws:region": "us-east-1", ...config },
    program,
  });
}

export function ofType(run: ProgramRun, type: string): DeclaredResource[] {
  return run.resources.filter((r) => r.type === type);
}

/** The one resource of a type whose logical name ends with `suffix`. */
export function one(run: ProgramRun, type: string, suffix = ""): DeclaredResource {
  const found = ofType(run, type).filter((r) => r.name.endsWith(suffix));
  if (found.length !== 1) throw new Error(`expected one ${type} ending "${suffix}", found ${found.length}`);
  return found[0];
}

export function parentType(run: ProgramRun, resource: DeclaredResource): string | undefined {
  return run.resources.find((r) => r.urn === resource.parent)?.type;
}
