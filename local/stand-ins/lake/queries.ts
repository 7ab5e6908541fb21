/** What `npm run query` asks by default, and how it prints rows: pure, over the views of ./views.ts. */

export type Row = Record<string, unknown>;

/** The answers `npm run query` gives with no SQL; the raw zone's partition keys say when (dt, or year/month/...). */
export function defaultQueries(partitionKeys: string[]): { title: string; sql: string }[] {
  const when =
    partitionKeys.length === 1
      ? `"${partitionKeys[0]}"`
      : `concat_ws('/', ${partitionKeys.map((k) => `"${k}"`).join(", ")})`;
  return [
    {
      title: "Beers ingested",
      sql: `SELECT count(*) AS records, count(DISTINCT id) AS distinct_beers, min(${when}) AS first_partition, max(${when}) AS last_partition FROM beers_raw`,
    },
    {
      title: "Strongest (beers_latest: one row per beer)",
      sql: `SELECT id, name, abv FROM beers_latest WHERE abv IS NOT NULL ORDER BY abv DESC, id LIMIT 5`,
    },
    {
      title: "Most bitter (beers_latest)",
      sql: `SELECT id, name, ibu FROM beers_latest WHERE ibu IS NOT NULL ORDER BY ibu DESC, id LIMIT 5`,
    },
    {
      title: "IBU distribution (beers_latest)",
      sql: `SELECT CASE WHEN ibu IS NULL THEN 'unknown' WHEN ibu < 20 THEN '0-19' WHEN ibu < 40 THEN '20-39'
                 WHEN ibu < 60 THEN '40-59' WHEN ibu < 100 THEN '60-99' ELSE '100+' END AS ibu,
                 count(*) AS beers
          FROM beers_latest GROUP BY 1 ORDER BY min(coalesce(ibu, 1e9))`,
    },
  ];
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number")
    return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

export function formatTable(rows: Row[]): string {
  if (rows.length === 0) return "(no rows)";
  const columns = Object.keys(rows[0]);
  const widths = columns.map((c) => Math.min(48, Math.max(c.length, ...rows.map((r) => cell(r[c]).length))));
  const line = (values: string[]) =>
    values
      .map((v, i) => (v.length > widths[i] ? `${v.slice(0, widths[i] - 1)}…` : v.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  return [
    line(columns),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map((r) => line(columns.map((c) => cell(r[c])))),
  ].join("\n");
}
