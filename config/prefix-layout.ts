/**
 * The folders a data prefix makes, as a catalog must see them: the zone's root folder, and under it a
 * template with one partition key per timestamp expression (`year=!{timestamp:yyyy}/` gives the key
 * `year`; an unnamed `!{timestamp:yyyy/MM/dd}/` gives `dt`). Glue's partition projection, the local DuckDB
 * views and the configuration check all read this one derivation. A prefix whose objects no projection
 * could find is refused, with the reason: a random string in the path, a minute or finer, a prefix that does
 * not end in a folder.
 */
import { effectivePrefix, parsePrefix, patternTokens } from "./firehose-prefix";

export type TimeUnit = "YEARS" | "MONTHS" | "DAYS" | "HOURS";

export interface PartitionKey {
  name: string;
  /** The DateTimeFormatter pattern Firehose formats the arrival time with, as it is in the path. */
  pattern: string;
  /** A single field (`yyyy`, `MM`) projects as an integer range; several (`yyyy-MM-dd`) as a date. */
  projection:
    | { type: "date"; unit: TimeUnit }
    | { type: "integer"; min: number; max: number; digits: number };
}

export interface PrefixLayout {
  /** The folder every object of the zone is under: the prefix's literal start, up to its last `/`. */
  root: string;
  /** The rest of the path to an object's folder, `${key}` standing for each partition key's value. */
  template: string;
  keys: PartitionKey[];
}

/** The fields a partition may hold, finest last, with the unit of a date projection and an integer range. */
const FIELDS: Record<string, { unit: TimeUnit; range: (width: number) => [number, number] }> = {
  y: { unit: "YEARS", range: (w) => (w === 2 ? [24, 99] : [2024, 2099]) },
  u: { unit: "YEARS", range: (w) => (w === 2 ? [24, 99] : [2024, 2099]) },
  M: { unit: "MONTHS", range: () => [1, 12] },
  d: { unit: "DAYS", range: () => [1, 31] },
  H: { unit: "HOURS", range: () => [0, 23] },
};
const UNITS: TimeUnit[] = ["YEARS", "MONTHS", "DAYS", "HOURS"];

const HIVE_NAME = /(?:^|\/)([a-z_][a-z0-9_]*)=$/;

/** The key of `core` (the expression's pattern without the separators at its ends); errors name `written`. */
function key(core: string, written: string, before: string, index: number): PartitionKey | { error: string } {
  const tokens = patternTokens(core);
  const fields = tokens.filter((t) => t.kind === "field");
  const text = `!{timestamp:${written}}`;
  for (const field of fields) {
    if (!(field.letter in FIELDS))
      return {
        error: `${text}: "${field.letter}" cannot be a partition Athena projects (use y, M, d and H: an hour at the finest)`,
      };
  }
  if (!fields.length) return { error: `${text} holds no date field` };
  const hive = HIVE_NAME.exec(before)?.[1];
  const name = hive ?? (index === 0 ? "dt" : `dt${index + 1}`);
  if (fields.length === 1) {
    const [min, max] = FIELDS[fields[0].letter].range(fields[0].width);
    return {
      name,
      pattern: core,
      projection: { type: "integer", min, max, digits: fields[0].width },
    };
  }
  const finest = Math.max(...fields.map((f) => UNITS.indexOf(FIELDS[f.letter].unit)));
  return { name, pattern: core, projection: { type: "date", unit: UNITS[finest] } };
}

/** The layout of a data prefix (raw or curated), or the reason a catalog could not find its objects. */
export function prefixLayout(prefix: string): PrefixLayout | { error: string } {
  const parts = parsePrefix(effectivePrefix(prefix));
  if ("error" in parts) return parts;
  const firstExpression = parts.findIndex((p) => typeof p !== "string");
  const start = firstExpression > 0 ? (parts[0] as string) : "";
  const root = start.slice(0, start.lastIndexOf("/") + 1);
  let template = start.slice(root.length);
  const keys: PartitionKey[] = [];
  for (const part of parts.slice(Math.max(firstExpression, 0))) {
    if (typeof part === "string") {
      template += part;
      continue;
    }
    if (part.namespace !== "timestamp")
      return {
        error: `!{${part.namespace}:${part.value}} cannot be in a data prefix: no partition projection can list its values, so Athena would find nothing`,
      };
    if (part.value.includes("'"))
      return {
        error: `!{timestamp:${part.value}}: quoted text is not supported in a data prefix's partitions`,
      };
    // Separators around the fields are path text, not part of the partition's value.
    const tokens = patternTokens(part.value);
    const first = tokens[0];
    const last = tokens[tokens.length - 1];
    const lead = first.kind === "literal" ? first.text : "";
    const trail = tokens.length > 1 && last.kind === "literal" ? last.text : "";
    const core = part.value.slice(lead.length, part.value.length - trail.length);
    template += lead;
    const k = key(core, part.value, template, keys.length);
    if ("error" in k) return k;
    if (keys.some((other) => other.name === k.name)) return { error: `two partitions are named "${k.name}"` };
    keys.push(k);
    template += `\${${k.name}}${trail}`;
  }
  if (!template.endsWith("/"))
    return {
      error: `must end with "/": each partition's objects must be in a folder of their own, the only unit Athena reads`,
    };
  return { root, template, keys };
}
