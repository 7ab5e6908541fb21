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

/** A stack or project file that is missing or not YAML: the CLIs exit 2 naming it. */
export function configFileError(message: string): Error {
  return Object.assign(new Error(message), { name: "ConfigFileError" });
}

function readYaml(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw configFileError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code})`);
  }
  try {
    return parse(text);
  } catch (error) {
    throw configFileError(`${file}: not valid YAML: ${(error as Error).message.split("\n")[0]}`);
  }
}

export function readProjectFile(dir: string): ProjectFile {
  return readYaml(path.join(dir, "Pulumi.yaml")) as ProjectFile;
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
    throw configFileError(
      `no stack "${stack}": ${path.basename(stackFile)} does not exist (stacks here: ${listStacks(dir).join(", ")})`,
    );
  }
  const config: Record<string, string> = {};
  for (const [key, spec] of Object.entries(project.config ?? {})) {
    const value = spec.value ?? spec.default;
    if (value === undefined) continue;
    config[key.includes(":") ? key : `${project.name}:${key}`] = String(value);
  }
  const stackConfig = (readYaml(stackFile) as { config?: Record<string, unknown> } | null)?.config ?? {};
  for (const [key, value] of Object.entries(stackConfig)) {
    config[key.includes(":") ? key : `${project.name}:${key}`] =
      typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
  }
  return { project: project.name, config, declared: project.config };
}
