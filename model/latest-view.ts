/**
 * `beers_latest`: one row per beer id, its most recent version seen, over the curated table. Declared once
 * here: a Glue view for Athena (LakeCatalog) and a DuckDB view for `npm run query` run the same SQL.
 *
 * "Most recent" is when the record reached Firehose: Firehose keeps no metadata of a record, but names each
 * object `<stream>-<version>-<yyyy>-<MM>-<dd>-<HH>-<mm>-<ss>-<uuid>` after its first record's arrival (UTC),
 * and the path of the object a row came from is `"$path"` in Athena (a column of the local reader too). So
 * duplicates collapse whatever wrote them: a beer sampled again, an overlapping catalogue snapshot, a
 * retried invocation that wrote a page twice. Copies in the same object arrived within one buffer and are
 * the same answer of the API; the path then breaks the tie, so the choice is stable.
 */
import { Column, CURATED_COLUMNS, parseType, Parsed, TABLES } from "../schema/beer-schema";

export const LATEST_VIEW = "beers_latest";

/** The object's arrival, as Firehose wrote it in the object's name (sortable text, UTC). */
const ARRIVAL = String.raw`regexp_extract("$path", '-(\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2})-[0-9a-f]{8}-', 1)`;

export const LATEST_COLUMNS: Column[] = [
  ...CURATED_COLUMNS,
  {
    name: "arrived_utc",
    type: "string",
    comment: "when the version shown reached Firehose, yyyy-MM-dd-HH-mm-ss",
  },
];

/** The view's SQL over `source`, a relation with the curated columns and `"$path"` (Athena: the table). */
export function latestViewSql(source: string = TABLES.curated, curated: Column[] = CURATED_COLUMNS): string {
  const columns = curated.map((c) => `"${c.name}"`).join(", ");
  return [
    `SELECT ${columns}, arrived AS "arrived_utc" FROM (`,
    `SELECT *, ${ARRIVAL} AS arrived,`,
    `row_number() OVER (PARTITION BY "id" ORDER BY ${ARRIVAL} DESC, "$path" DESC) AS version`,
    `FROM ${source}`,
    `) WHERE version = 1`,
  ].join(" ");
}

/** A Hive type in Presto's (Athena's) dialect, as an Athena view stores its columns. */
export function prestoType(type: string | Parsed): string {
  const t = typeof type === "string" ? parseType(type) : type;
  if (t.kind === "array") return `array(${prestoType(t.of)})`;
  if (t.kind === "struct") return `row(${t.fields.map((f) => `${f.name} ${prestoType(f.type)}`).join(", ")})`;
  return { int: "integer", string: "varchar" }[t.name] ?? t.name;
}

/**
 * The Glue table fields that make a view Athena reads: Athena keeps its own definition, base64 JSON in
 * `viewOriginalText` between `/* Presto View: ` and ` *\/`, with the columns in Presto types.
 */
export function athenaView(database: string) {
  const definition = {
    originalSql: latestViewSql(),
    catalog: "awsdatacatalog",
    schema: database,
    columns: LATEST_COLUMNS.map((c) => ({ name: c.name, type: prestoType(c.type) })),
  };
  return {
    name: LATEST_VIEW,
    tableType: "VIRTUAL_VIEW",
    parameters: { presto_view: "true", comment: "Presto View" },
    viewOriginalText: `/* Presto View: ${Buffer.from(JSON.stringify(definition)).toString("base64")} */`,
    viewExpandedText: "/* Presto View */",
    columns: LATEST_COLUMNS.map((c) => ({ name: c.name, type: c.type, comment: c.comment })),
  };
}
