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
import { DEFAULT_TIME_PATTERN, parsePrefix } from "../../../config/firehose-prefix";
import { formatTimestamp } from "../../../config/timestamp-format";
import type { PrefixRole } from "../../../config/firehose-prefix";

export interface RenderContext {
  arrival: Date;
  errorOutputType?: string;
  random?: () => string;
}

function randomString(): string {
  return Math.random().toString(16).slice(2, 13).padEnd(11, "0");
}

/**
 * Evaluates a prefix for one object. Only `Prefix` gets the default time appended when it has no
 * timestamp expression; the guide's `ErrorOutputPrefix` examples show none appended there.
 */
export function renderPrefix(prefix: string, ctx: RenderContext, role: PrefixRole = "prefix"): string {
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
