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

/** Both tables are partitioned by ingestion date, `dt=yyyy-MM-dd` from Firehose's prefix. */
export const PARTITION: Column = { name: "dt", type: "string", comment: "ingestion date (UTC), yyyy-MM-dd" };

export const TABLES = { raw: "beers_raw", curated: "beers_curated" } as const;

type Parsed =
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
        const name = /^[a-z_]+/.exec(text.slice(i))![0];
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

/** Why `value` does not fit the Hive type (every value may be null), or undefined when it does. */
export function misfit(value: unknown, type: string | Parsed, path = "$"): string | undefined {
  const t = typeof type === "string" ? parseType(type) : type;
  if (value === null || value === undefined) return undefined;
  if (t.kind === "array") {
    if (!Array.isArray(value)) return `${path}: expected array`;
    for (let i = 0; i < value.length; i++) {
      const problem = misfit(value[i], t.of, `${path}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  }
  if (t.kind === "struct") {
    if (typeof value !== "object" || Array.isArray(value)) return `${path}: expected struct`;
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!t.fields.some((f) => f.name === key))
        return `${path}.${key}: not in the struct (the value would be lost)`;
    }
    for (const f of t.fields) {
      const problem = misfit(record[f.name], f.type, `${path}.${f.name}`);
      if (problem) return problem;
    }
    return undefined;
  }
  switch (t.name) {
    case "int":
      return Number.isInteger(value) && Math.abs(value as number) < 2 ** 31
        ? undefined
        : `${path}: ${JSON.stringify(value)} is not an int`;
    case "bigint":
      return Number.isInteger(value) ? undefined : `${path}: ${JSON.stringify(value)} is not a bigint`;
    case "double":
      return typeof value === "number" && Number.isFinite(value)
        ? undefined
        : `${path}: ${JSON.stringify(value)} is not a double`;
    case "string":
      return typeof value === "string" ? undefined : `${path}: ${JSON.stringify(value)} is not a string`;
    case "boolean":
      return typeof value === "boolean" ? undefined : `${path}: ${JSON.stringify(value)} is not a boolean`;
    default:
      return `${path}: unknown type ${t.name}`;
  }
}

/** Every field of the record in a column, each fitting its type; fields with no column are reported too. */
export function rowMisfits(record: Record<string, unknown>, columns: Column[]): string[] {
  const problems = columns
    .map((c) => misfit(record[c.name], c.type, `$.${c.name}`))
    .filter((p): p is string => !!p);
  return problems;
}

/** The same type in DuckDB's dialect, for the local views. */
export function duckdbType(type: string | Parsed): string {
  const t = typeof type === "string" ? parseType(type) : type;
  if (t.kind === "array") return `${duckdbType(t.of)}[]`;
  if (t.kind === "struct")
    return `STRUCT(${t.fields.map((f) => `"${f.name}" ${duckdbType(f.type)}`).join(", ")})`;
  return (
    { int: "INTEGER", bigint: "BIGINT", double: "DOUBLE", string: "VARCHAR", boolean: "BOOLEAN" }[t.name] ??
    "VARCHAR"
  );
}
