/**
 * Reads a stack's configuration the way the Pulumi engine assembles it, for runs without the CLI (the
 * local run, `npm run plan`, the tests): the defaults declared in Pulumi.yaml, overlaid with
 * Pulumi.<stack>.yaml. Keys come out flat and namespaced (`punkapi-consumer:streamMode`), values as strings.
 */
import fs from "fs";
import path from "path";
import { parse } from "yaml";

interface ProjectFile {
  name: string;
  config?: Record<string, { type?: string; default?: unknown; value?: unknown; description?: string }>;
}

export interface StackFiles {
  project: string;
  config: Record<string, string>;
  declared: ProjectFile["config"];
}

export function readProjectFile(dir: string): ProjectFile {
  return parse(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8")) as ProjectFile;
}

export function listStacks(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
}

export function readStackFiles(dir: string, stack: string): StackFiles {
  const project = readProjectFile(dir);
  const stackFile = path.join(dir, `Pulumi.${stack}.yaml`);
  if (!fs.existsSync(stackFile)) {
    throw new Error(
      `no stack "${stack}": ${path.basename(stackFile)} does not exist (stacks here: ${listStacks(dir).join(", ")})`,
    );
  }
  const config: Record<string, string> = {};
  for (const [key, spec] of Object.entries(project.config ?? {})) {
    const value = spec.value ?? spec.default;
    if (value === undefined) continue;
    config[key.includes(":") ? key : `${project.name}:${key}`] = String(value);
  }
  const stackConfig =
    (parse(fs.readFileSync(stackFile, "utf8")) as { config?: Record<string, unknown> } | null)?.config ?? {};
  for (const [key, value] of Object.entries(stackConfig)) {
    config[key.includes(":") ? key : `${project.name}:${key}`] =
      typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
  }
  return { project: project.name, config, declared: project.config };
}
