/**
 * The lake's table schemas, in Hive/Glue types, declared once: the Glue tables (and Firehose's Parquet
 * conversion) use them in AWS, the local views use them in DuckDB, the tests hold every real beer to them.
 * Types are chosen for the real data: every measurement is a nullable double (target_og has 1041.7, ph has
 * 79, ibu is null five times), first_brewed is a string ("MM/YYYY" or "YYYY" is not a date), and the raw
 * table has both contracts' image fields.
 */
export interface Column {
  name: string;
  type: string;
  comment?: string;
}

const amount = "struct<value:double,unit:string>";

export const RAW_COLUMNS: Column[] = [
  { name: "id", type: "int" },
  { name: "name", type: "string" },
  { name: "tagline", type: "string" },
  { name: "first_brewed", type: "string", comment: "MM/YYYY or YYYY" },
  { name: "description", type: "string" },
  { name: "image_url", type: "string", comment: "v2 contract" },
  { name: "image", type: "string", comment: "v3 contract" },
  { name: "abv", type: "double" },
  { name: "ibu", type: "double" },
  { name: "target_fg", type: "double" },
  { name: "target_og", type: "double" },
  { name: "ebc", type: "double" },
  { name: "srm", type: "double" },
  { name: "ph", type: "double" },
  { name: "attenuation_level", type: "double" },
  { name: "volume", type: amount },
  { name: "boil_volume", type: amount },
  {
    name: "method",
    type: `struct<mash_temp:array<struct<temp:${amount},duration:double>>,fermentation:struct<temp:${amount}>,twist:string>`,
  },
  {
    name: "ingredients",
    type: `struct<malt:array<struct<name:string,amount:${amount}>>,hops:array<struct<name:string,amount:${amount},add:string,attribute:string>>,yeast:string>`,
  },
  { name: "food_pairing", type: "array<string>" },
  { name: "brewers_tips", type: "string" },
  { name: "contributed_by", type: "string" },
];

/** The analytical columns, one row per ingested record. */
export const CURATED_COLUMNS: Column[] = RAW_COLUMNS.filter((c) =>
  [
    "id",
    "name",
    "tagline",
    "first_brewed",
    "abv",
    "ibu",
    "target_fg",
    "target_og",
    "ebc",
    "srm",
    "ph",
    "attenuation_level",
  ].includes(c.name),
);

export const TABLES = { raw: "beers_raw", curated: "beers_curated" } as const;

/**
 * The columns of the lake's two tables: what the Glue tables, Firehose's conversion, the local views and
 * a re-curation read. Extending the schema is adding a column above (docs/operations.md); a test or a tool
 * that tries an extended schema passes its own without editing this file.
 */
export interface LakeSchema {
  raw: Column[];
  curated: Column[];
}

export const LAKE_SCHEMA: LakeSchema = { raw: RAW_COLUMNS, curated: CURATED_COLUMNS };

export type Parsed =
  | { kind: "scalar"; name: string }
  | { kind: "array"; of: Parsed }
  | { kind: "struct"; fields: { name: string; type: Parsed }[] };

/** Parses a Hive type string (the subset used here: scalars, array<>, struct<>). */
export function parseType(text: string): Parsed {
  let i = 0;
  const read = (): Parsed => {
    const word = /^[a-z]+/.exec(text.slice(i))?.[0];
    if (!word) throw new Error(`bad type at ${i} in ${text}`);
    i += word.length;
    if (word === "array") {
      i++; // <
      const of = read();
      i++; // >
      return { kind: "array", of };
    }
    if (word === "struct") {
      i++; // <
      const fields: { name: string; type: Parsed }[] = [];
      while (text[i] !== ">") {
        const name = /^[a-z_]+/.exec(text.slice(i))?.[0];
        if (!name) throw new Error(`bad field name at ${i} in ${text}`);
        i += name.length + 1; // name:
        fields.push({ name, type: read() });
        if (text[i] === ",") i++;
      }
      i++; // >
      return { kind: "struct", fields };
    }
    return { kind: "scalar", name: word };
  };
  const parsed = read();
  if (i !== text.length) throw new Error(`trailing text in type ${text}`);
  return parsed;
}

/** Hive's scalar types and DuckDB's for them (a Map: a type named like an Object method is no type). */
const DUCKDB_SCALARS = new Map([
  ["int", "INTEGER"],
  ["bigint", "BIGINT"],
  ["double", "DOUBLE"],
  ["string", "VARCHAR"],
  ["boolean", "BOOLEAN"],
]);

/** The same type in DuckDB's dialect, for the local views. */
export function duckdbType(type: string | Parsed): string {
  const t = typeof type === "string" ? parseType(type) : type;
  if (t.kind === "array") return `${duckdbType(t.of)}[]`;
  if (t.kind === "struct")
    return `STRUCT(${t.fields.map((f) => `"${f.name}" ${duckdbType(f.type)}`).join(", ")})`;
  const scalar = DUCKDB_SCALARS.get(t.name);
  // A type with no translation here would read as text locally while Athena types it: refused instead.
  if (!scalar) throw new Error(`no DuckDB type for the Hive type ${t.name}`);
  return scalar;
}
