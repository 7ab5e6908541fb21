/**
 * The local lake as SQL: DuckDB views named like the Glue tables, over the files the local run left on
 * disk, with the Glue tables' own column types (model/beer-schema.ts) and their partition columns, read
 * from each file's path by the zone's layout (./layout.ts), as Athena's projection would.
 */
import fs from "fs";
import path from "path";
import { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { Column, duckdbType } from "../../model/beer-schema";
import { DataZone, partitionColumns } from "../../model/lake";
import { LakeOnDisk, modelOf, partitionPattern, zoneDirectory, zoneFiles } from "./layout";
import { S3RVER_OBJECT_SUFFIX } from "../services/s3";

export class NoLakeError extends Error {}

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

function hasFiles(dir: string): boolean {
  if (!fs.existsSync(dir)) return false;
  return fs.readdirSync(dir, { recursive: true }).some((f) => String(f).endsWith(S3RVER_OBJECT_SUFFIX));
}

/** The view of one zone: its columns from the files, its partition columns from each file's path. */
function zoneView(lake: LakeOnDisk, zone: DataZone): string {
  const struct = (columns: Column[]) =>
    `{${columns.map((c) => `${quote(c.name)}: ${quote(duckdbType(c.type))}`).join(", ")}}`;
  const files = quote(zoneFiles(lake, zone));
  const source =
    zone.table.format === "json"
      ? `read_json(${files}, format = 'newline_delimited', compression = 'gzip', columns = ${struct(zone.table.columns)}, filename = true, hive_partitioning = false)`
      : `read_parquet(${files}, filename = true, hive_partitioning = false)`;
  const pattern = quote(partitionPattern(zone));
  const partitions = partitionColumns(zone)
    .map((k, i) => `regexp_extract(replace(filename, '\\', '/'), ${pattern}, ${i + 1}) AS "${k.name}"`)
    .join(", ");
  // (DuckDB's own hive_partitioning is off: it would guess types, and read only key=value folders.)
  return `SELECT * EXCLUDE (filename), ${partitions} FROM ${source}`;
}

/** A view with the table's columns and no rows, for a zone with no files yet. */
function emptyView(zone: DataZone): string {
  const columns = [...zone.table.columns, ...partitionColumns(zone)]
    .map((c) => `NULL::${duckdbType(c.type)} AS "${c.name}"`)
    .join(", ");
  return `SELECT ${columns} WHERE false`;
}

/** Opens DuckDB with a view per Glue table (`beers_raw`, `beers_curated`) over the last local run's lake. */
export async function openLake(workDir: string): Promise<{ connection: DuckDBConnection; lake: LakeOnDisk }> {
  const summaryFile = path.join(workDir, "last-run.json");
  if (!fs.existsSync(summaryFile)) {
    throw new NoLakeError(
      `no lake yet: ${summaryFile} does not exist. Run \`npm start\` first; it leaves a lake under ${path.join(workDir, "lake")}.`,
    );
  }
  const lake = (JSON.parse(fs.readFileSync(summaryFile, "utf8")) as { lake: LakeOnDisk }).lake;
  const model = modelOf(lake);
  if (!hasFiles(zoneDirectory(lake, model.raw))) {
    throw new NoLakeError(
      `no lake yet: the last run (${summaryFile}) left no object under ${zoneDirectory(lake, model.raw)}. Run \`npm start\` again.`,
    );
  }
  const connection = await (await DuckDBInstance.create(":memory:")).connect();
  for (const zone of [model.raw, model.curated]) {
    const body = hasFiles(zoneDirectory(lake, zone)) ? zoneView(lake, zone) : emptyView(zone);
    await connection.run(`CREATE VIEW ${zone.table.name} AS ${body}`);
  }
  return { connection, lake };
}
