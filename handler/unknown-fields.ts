/**
 * Schema drift: the fields of a beer that the lake's record schema does not declare, at any depth. The
 * curated table is a deliberate projection of that schema (schema/beer-schema.ts: RAW_COLUMNS declares
 * every field of a beer, nested; CURATED_COLUMNS picks the analytical ones), so the fields the projection
 * leaves out on purpose are not drift: counting them would alarm on every beer. Drift is a field no column
 * of the lake declares (a new top-level field, a new member of a struct, of a struct inside an array):
 * Firehose's Parquet conversion drops it and no table can show it; only the raw zone's bytes keep it.
 * The schema is read from schema/beer-schema.ts, shipped beside the handler (components/ingest/handler-package.ts).
 */
import { Parsed, parseType, RAW_COLUMNS } from "../schema/beer-schema";

/** A beer as the lake's schema declares it: a struct of the raw table's columns. */
export const LAKE_RECORD: Parsed = {
  kind: "struct",
  fields: RAW_COLUMNS.map((c) => ({ name: c.name, type: parseType(c.type) })),
};

/**
 * The paths of the fields of `value` that `type` does not declare, sorted, each once: `country` at the
 * top, `method.twist_notes` in a struct, `ingredients.hops[].origin` in the structs of an array. An
 * unknown field is named, not searched: what is inside it is unknown too. A value of another shape than
 * declared (null where a struct is, a string where an array is) holds no field to name: it is the
 * shape check's to judge (validate.ts), and null is what a nullable column holds.
 * Names match case-insensitively: the OpenX JSON SerDe that Firehose's conversion and the raw table read
 * with is case-insensitive by default, so `ABV` lands in `abv` and is not dropped.
 */
export function unknownFields(value: unknown, type: Parsed = LAKE_RECORD): string[] {
  const found = new Set<string>();
  const visit = (v: unknown, t: Parsed, path: string) => {
    if (t.kind === "array") {
      if (Array.isArray(v)) for (const item of v) visit(item, t.of, `${path}[]`);
      return;
    }
    if (t.kind !== "struct" || typeof v !== "object" || v === null || Array.isArray(v)) return;
    for (const [key, member] of Object.entries(v)) {
      const name = path ? `${path}.${key}` : key;
      const declared = t.fields.find((f) => f.name === key.toLowerCase());
      if (declared) visit(member, declared.type, name);
      else found.add(name);
    }
  };
  visit(value, type, "");
  return [...found].sort();
}
