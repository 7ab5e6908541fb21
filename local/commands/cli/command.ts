/**
 * One way for every command of the project (`npm start`, `npm run plan`, `query`, `punkapi`, `bench:*`,
 * `docs`) to read its arguments and end: node:util's parseArgs (strict), `--help` on each, and the same exit codes
 * everywhere: 0 done, 1 a run that failed, 2 a bad option or configuration (the message names the option,
 * or the file and key), 130 stopped with Ctrl-C.
 */
import fs from "fs";
import { parseArgs, ParseArgsConfig } from "util";
import { isStackConfigError } from "../../../config/errors";

export interface OptionSpec {
  type: "string" | "boolean";
  multiple?: boolean;
  short?: string;
  default?: string | boolean;
  /** The value's name in the help (`NAME`, `N`, `key=value`). */
  value?: string;
  help: string;
}

export interface CommandSpec {
  /** How the user types it: `npm start`, `npm run query`. */
  name: string;
  summary: string;
  options: Record<string, OptionSpec>;
  /** Positional arguments, as the help shows them (`[SQL]`); none when absent. */
  positionals?: string;
}

/** A mistake in how the command was called: exit 2 with the help. */
export class UsageError extends Error {
  override name = "UsageError";
}

export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

export function helpText(spec: CommandSpec): string {
  const rows = Object.entries(spec.options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : ""}--${name}${o.type === "string" ? ` ${o.value ?? "VALUE"}` : ""}`;
    const def = o.default !== undefined && o.default !== false ? ` (default ${o.default})` : "";
    return [flag, `${o.help}${def}`];
  });
  rows.push(["-h, --help", "this help"]);
  const width = Math.max(...rows.map(([flag]) => flag.length));
  const usage = `usage: ${spec.name}${spec.name.startsWith("npm run") || spec.name === "npm start" ? " --" : ""} [options]${spec.positionals ? ` ${spec.positionals}` : ""}`;
  return [usage, `  ${spec.summary}`, "", ...rows.map(([f, h]) => `  ${f.padEnd(width)}  ${h}`)].join("\n");
}

type Values<S extends CommandSpec> = {
  [K in keyof S["options"]]: S["options"][K]["type"] extends "boolean"
    ? boolean
    : S["options"][K]["multiple"] extends true
      ? string[]
      : S["options"][K]["default"] extends string
        ? string
        : string | undefined;
};

/** The command's options and positionals; `--help` prints the help and exits 0; a bad option is a UsageError. */
export function parseCommand<S extends CommandSpec>(
  spec: S,
  argv = process.argv.slice(2),
): { values: Values<S>; positionals: string[] } {
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: spec.positionals !== undefined,
      strict: true,
      options: {
        ...Object.fromEntries(
          Object.entries(spec.options).map(([name, o]) => [
            name,
            // parseArgs refuses a key set to undefined: only the ones given.
            Object.fromEntries(
              Object.entries({
                type: o.type,
                multiple: o.multiple,
                short: o.short,
                default: o.default,
              }).filter(([, v]) => v !== undefined),
            ),
          ]),
        ),
        help: { type: "boolean", short: "h", default: false },
      } as ParseArgsConfig["options"],
    });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional.*$/s, ""));
  }
  if (parsed.values.help) {
    console.log(helpText(spec));
    process.exit(EXIT.ok);
  }
  return { values: parsed.values as Values<S>, positionals: parsed.positionals };
}

/**
 * Runs the command's body and exits with its code; a usage or configuration error exits 2 with the
 * message (and the help, for a bad option), any other error 1.
 */
export function runCommand(spec: CommandSpec, body: () => Promise<number>): void {
  // The message written synchronously before the exit: a pipe's buffered write could be cut off by it
  // (seen once on a loaded machine: exit 2 with an empty stderr).
  const fail = (message: string, code: number): never => {
    fs.writeSync(2, `${message}\n`);
    return process.exit(code);
  };
  body().then(
    // What was printed is flushed first: the exit waits for stdout's queued writes (a pipe's may be pending).
    (code) => void process.stdout.write("", () => process.exit(code)),
    (error: Error) => {
      if (error instanceof UsageError)
        fail(`${spec.name}: ${error.message}\n\n${helpText(spec)}`, EXIT.usage);
      if (isStackConfigError(error) || isConfigFileError(error) || refusal(error))
        fail(`${spec.name}: ${error.message}`, EXIT.usage);
      fail(`${spec.name}: ${error.message}`, EXIT.failed);
    },
  );
}

/** Something the command refuses to do as asked (another run holds the work directory...): exit 2. */
export class Refusal extends Error {
  override name = "Refusal";
}

function refusal(error: unknown): boolean {
  return error instanceof Error && error.name === "Refusal";
}

/** A configuration file that cannot be read (missing, not YAML): named, exit 2. */
export function isConfigFileError(error: unknown): boolean {
  return error instanceof Error && error.name === "ConfigFileError";
}
