/**
 * Reads the stack configuration (flat `<namespace>:<key>` strings, as pulumi.runtime.allConfig() gives
 * them) into a StackConfig: every key by its reader (./spec.ts), then the rules between keys
 * (./rules.ts). The first problem stops it with an error naming the key, before any resource is declared.
 */
import { stackConfigError } from "./errors";
import { readRegion } from "./readers";
import { RULES } from "./rules";
import { CONFIG_SPEC, ConfigKey, StackConfig } from "./spec";
import { isStackName, STACK_NAME_RULE } from "./stack-name";

export const PROJECT = "punkapi-consumer";

export type { StackConfig } from "./spec";

const KEYS = Object.keys(CONFIG_SPEC) as ConfigKey[];

export function parseStackConfig(raw: Record<string, string>, stack: string, project = PROJECT): StackConfig {
  const full = (key: string) => `${project}:${key}`;
  if (!isStackName(stack)) throw stackConfigError("stack", `name "${stack}" must be ${STACK_NAME_RULE}`);
  for (const key of Object.keys(raw)) {
    if (!key.startsWith(`${project}:`)) continue;
    const name = key.slice(project.length + 1);
    if (!(name in CONFIG_SPEC)) {
      const near = KEYS.find((k) => k.toLowerCase() === name.toLowerCase() || editDistance(k, name) <= 2);
      throw stackConfigError(key, `is not a known key${near ? ` (did you mean ${full(near)}?)` : ""}`);
    }
  }
  const region = readRegion(raw);
  const values: Record<string, unknown> = {};
  for (const key of KEYS) {
    const text = raw[full(key)];
    if (text === undefined)
      throw stackConfigError(
        full(key),
        "is not set (Pulumi.yaml declares its default; the Pulumi CLI ≥ 3.44 applies it)",
      );
    values[key] = CONFIG_SPEC[key].reader.read(text, full(key));
  }
  const config = { ...values, project, stack, region } as StackConfig;
  for (const rule of RULES) {
    const broken = rule.check(config);
    if (broken) throw stackConfigError(full(broken.key), broken.message);
  }
  return config;
}

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length][b.length];
}
