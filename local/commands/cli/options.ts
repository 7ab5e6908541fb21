/**
 * The options several commands share, so each means the same everywhere, and the checks of option values
 * (a bad value is a UsageError naming the option: exit 2).
 */
import fs from "fs";
import path from "path";
import type { OptionSpec } from "./command";
import { UsageError } from "./command";

export const STACK: OptionSpec = {
  type: "string",
  value: "NAME",
  help: "the stack: Pulumi.yaml + Pulumi.NAME.yaml",
};
export const WORK_DIR = {
  type: "string",
  value: "DIR",
  default: ".local",
  help: "where local runs keep their lakes, logs and summaries",
} as const satisfies OptionSpec;
export const CONFIG = {
  type: "string",
  multiple: true,
  short: "c",
  value: "key=value",
  help: "a configuration value over the stack file's, as `pulumi --config` takes it (repeatable)",
} as const satisfies OptionSpec;
export const JSON_OUTPUT = {
  type: "boolean",
  default: false,
  help: "print JSON instead of text",
} as const satisfies OptionSpec;

/** A whole number in a range. */
export function wholeNumber(option: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || n < min || n > max)
    throw new UsageError(`--${option} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return n;
}

/** A number in a range (decimals allowed). */
export function number(option: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max)
    throw new UsageError(`--${option} must be a number from ${min} to ${max}, got "${raw}"`);
  return n;
}

export function oneOf<const T extends string>(option: string, raw: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(raw))
    throw new UsageError(`--${option} must be ${allowed.join(" or ")}, got "${raw}"`);
  return raw as T;
}

/** An http(s) URL: the handler reads nothing else. */
export function httpUrl(option: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--${option} must be an absolute http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new UsageError(`--${option} must be an http or https URL, got "${raw}"`);
  return raw.replace(/\/+$/, "");
}

/** `key=value` pairs, the key namespaced with the project when it is not. */
export function configPairs(pairs: string[] | undefined, project: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs ?? []) {
    const eq = pair.indexOf("=");
    if (eq < 1) throw new UsageError(`--config takes key=value, got "${pair}"`);
    const key = pair.slice(0, eq);
    out[key.includes(":") ? key : `${project}:${key}`] = pair.slice(eq + 1);
  }
  return out;
}

/**
 * The work directory, made if missing: a directory this process can write, marked so that git and the
 * project's format check ignore everything in it (a `.gitignore` of `*`).
 */
export function workDirectory(raw: string): string {
  const dir = path.resolve(raw);
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory())
    throw new UsageError(`--work-dir ${raw}: exists and is not a directory`);
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
    const ignore = path.join(dir, ".gitignore");
    if (!fs.existsSync(ignore))
      fs.writeFileSync(ignore, "# Written by punkapi-consumer's local runs: nothing here is source.\n*\n");
  } catch (error) {
    throw new UsageError(`--work-dir ${raw}: cannot be written (${(error as NodeJS.ErrnoException).code})`);
  }
  return dir;
}
