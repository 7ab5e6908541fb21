/** The real program (index.ts) run on the mocks for a stack, once per stack and configuration. */
import path from "path";
import { readStackFiles } from "../../config/stack-files";
import { DeclaredResource, ProgramRun, runProgram } from "../../local/provider/run-program";

export const ROOT = path.resolve(__dirname, "../..");
const runs = new Map<string, Promise<ProgramRun>>();

export function stackConfig(stack: string, overrides: Record<string, string> = {}): Record<string, string> {
  return { ...readStackFiles(ROOT, stack).config, ...overrides };
}

export function runStack(stack: string, overrides: Record<string, string> = {}): Promise<ProgramRun> {
  const key = `${stack} ${JSON.stringify(overrides)}`;
  if (!runs.has(key)) {
    // Runs are chained: the mocks are process-wide, so two programs must not register at the same time.
    const previous = [...runs.values()].pop() ?? Promise.resolve();
    runs.set(
      key,
      previous
        .catch(() => undefined)
        .then(() =>
          runProgram({
            programDir: ROOT,
            project: "punkapi-consumer",
            stack,
            config: stackConfig(stack, overrides),
          }),
        ),
    );
  }
  return runs.get(key)!;
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
