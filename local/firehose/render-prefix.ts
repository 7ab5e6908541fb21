/**
 * Evaluates Firehose S3 prefixes the way the Firehose developer guide describes ("Custom prefixes for
 * Amazon S3 objects", semantic rules and examples):
 * - `!{timestamp:<pattern>}` is the UTC approximate arrival time of the oldest record in the object,
 *   formatted with a Java DateTimeFormatter pattern (text in single quotes is literal); every instance in a
 *   prefix is the same instant;
 * - `!{firehose:error-output-type}` is the failure kind, `!{firehose:random-string}` 11 random characters;
 * - a `Prefix` without a timestamp expression gets `yyyy/MM/dd/HH/` appended, and no prefix at all is just that.
 * Pure: the clock and the random source are parameters.
 */
import { parsePrefix } from "../../config/firehose-prefix";

export interface RenderContext {
  arrival: Date;
  errorOutputType?: string;
  random?: () => string;
}

export const DEFAULT_TIME_PATTERN = "yyyy/MM/dd/HH/";

const pad = (n: number, width: number) => String(n).padStart(width, "0");

function dayOfYear(d: Date): number {
  return (
    Math.floor(
      (Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) /
        86_400_000,
    ) + 1
  );
}

/** A Java DateTimeFormatter pattern, in UTC, for the letters Firehose prefixes use. */
export function formatTimestamp(pattern: string, at: Date): string {
  let out = "";
  for (let i = 0; i < pattern.length;) {
    const c = pattern[i];
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) {
        out += "'"; // '' is a quote
        i += 2;
        continue;
      }
      if (end < 0) throw new Error(`unclosed quote in timestamp pattern "${pattern}"`);
      out += pattern.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(c)) {
      out += c;
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === c) n++;
    i += n;
    const hour = at.getUTCHours();
    switch (c) {
      case "y":
      case "u":
        out += n === 2 ? pad(at.getUTCFullYear() % 100, 2) : pad(at.getUTCFullYear(), n);
        break;
      case "M":
        out += pad(at.getUTCMonth() + 1, n);
        break;
      case "d":
        out += pad(at.getUTCDate(), n);
        break;
      case "D":
        out += pad(dayOfYear(at), n);
        break;
      case "H":
        out += pad(hour, n);
        break;
      case "h":
        out += pad(hour % 12 === 0 ? 12 : hour % 12, n);
        break;
      case "a":
        out += hour < 12 ? "AM" : "PM";
        break;
      case "m":
        out += pad(at.getUTCMinutes(), n);
        break;
      case "s":
        out += pad(at.getUTCSeconds(), n);
        break;
      case "S":
        out += pad(at.getUTCMilliseconds(), 3).slice(0, n).padEnd(n, "0");
        break;
      default:
        throw new Error(`timestamp pattern letter "${c}" is not supported`);
    }
  }
  return out;
}

function randomString(): string {
  return Math.random().toString(16).slice(2, 13).padEnd(11, "0");
}

/**
 * Evaluates a prefix for one object. Only `Prefix` gets the default time appended when it has no
 * timestamp expression; the guide's `ErrorOutputPrefix` examples show none appended there.
 */
export function renderPrefix(
  prefix: string,
  ctx: RenderContext,
  role: "prefix" | "errorPrefix" = "prefix",
): string {
  const parts = parsePrefix(prefix);
  if ("error" in parts) throw new Error(`invalid prefix "${prefix}": ${parts.error}`);
  let out = "";
  let hasTimestamp = false;
  for (const part of parts) {
    if (typeof part === "string") {
      out += part;
    } else if (part.namespace === "timestamp") {
      hasTimestamp = true;
      out += formatTimestamp(part.value, ctx.arrival);
    } else if (part.namespace === "firehose" && part.value === "error-output-type") {
      if (!ctx.errorOutputType) throw new Error(`"${prefix}" needs an error output type`);
      out += ctx.errorOutputType;
    } else if (part.namespace === "firehose" && part.value === "random-string") {
      out += (ctx.random ?? randomString)();
    } else {
      throw new Error(`unsupported expression !{${part.namespace}:${part.value}}`);
    }
  }
  if (!hasTimestamp && role === "prefix") out += formatTimestamp(DEFAULT_TIME_PATTERN, ctx.arrival);
  if (out.length > 512)
    throw new Error(`evaluated prefix is longer than 512 characters: ${out.slice(0, 40)}…`);
  return out;
}

/**
 * The object key: `<evaluated prefix><delivery stream>-<version>-<yyyy>-<MM>-<dd>-<HH>-<mm>-<ss>-<uuid><ext>`
 * (Firehose guide, "Amazon S3 object name format"), the suffix time being when the object is written.
 */
export function objectKey(args: {
  prefix: string;
  deliveryStream: string;
  version: number;
  writtenAt: Date;
  uuid: string;
  extension: string;
}): string {
  const time = formatTimestamp("yyyy-MM-dd-HH-mm-ss", args.writtenAt);
  return `${args.prefix}${args.deliveryStream}-${args.version}-${time}-${args.uuid}${args.extension}`;
}
