/**
 * The local lake as SQL: DuckDB views named like the Glue tables, over the objects a local run left on
 * disk, with the Glue tables' own column types (schema/beer-schema.ts) and their partition columns, read
 * from each object's path by the zone's layout (./layout.ts), as Athena's projection would. Each object
 * is read once on its own first: one that cannot be read is named and left out, never silently.
 */
import { LATEST_VIEW, latestViewSql } from "../../../model/latest-view";
import fs from "fs";
import path from "path";
import { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { Column, duckdbType, LakeSchema } from "../../../schema/beer-schema";
import { DataZone, partitionColumns } from "../../../model/lake";
import { LakeOnDisk, modelOf, NoLakeError, partitionPattern, readRunFolder, zoneDirectory } from "./layout";
import { S3RVER_OBJECT_SUFFIX } from "../services/s3-object-files";

export { NoLakeError };

/** An object of the lake that could not be read, and why. */
export interface BadObject {
  file: string;
  reason: string;
}

/** The local twin of a table that has Athena's "$path" column: `"beers_curated$path"`. */
const PATH_SUFFIX = "$path";

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

function objectFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(S3RVER_OBJECT_SUFFIX))
    .map((f) => path.join(dir, f))
    .sort();
}

function reader(zone: DataZone, files: string[]): string {
  const list = `[${files.map(quote).join(", ")}]`;
  const struct = (columns: Column[]) =>
    `{${columns.map((c) => `${quote(c.name)}: ${quote(duckdbType(c.type))}`).join(", ")}}`;
  // (DuckDB's own hive_partitioning is off: it would guess types, and read only key=value folders.)
  return zone.table.format === "json"
    ? `read_json(${list}, format = 'newline_delimited', compression = 'gzip', columns = ${struct(zone.table.columns)}, filename = true, hive_partitioning = false)`
    : // By name, as Athena reads Parquet: an object written before a column was added reads it as NULL.
      `read_parquet(${list}, filename = true, hive_partitioning = false, union_by_name = true)`;
}

/**
 * The view of one zone: its columns from the objects, its partition columns from each object's path. A
 * column of the table that no object has yet (the schema was extended) reads as NULL, as in Athena.
 */
function zoneView(zone: DataZone, files: string[], absent: Column[] = []): string {
  const pattern = quote(partitionPattern(zone));
  const partitions = partitionColumns(zone)
    .map((k, i) => `regexp_extract(replace(filename, '\\', '/'), ${pattern}, ${i + 1}) AS "${k.name}"`)
    .join(", ");
  const nulls = absent.map((c) => `NULL::${duckdbType(c.type)} AS "${c.name}", `).join("");
  return `SELECT * EXCLUDE (filename), ${nulls}${partitions}, replace(filename, '\\', '/') AS "$path" FROM ${reader(zone, files)}`;
}

/** A view with the table's columns and no rows, for a zone with no objects. */
function emptyView(zone: DataZone): string {
  const columns = [...zone.table.columns, ...partitionColumns(zone)]
    .map((c) => `NULL::${duckdbType(c.type)} AS "${c.name}"`)
    .join(", ");
  return `SELECT ${columns}, NULL::VARCHAR AS "$path" WHERE false`;
}

/** The zone's objects that read whole, and the others with DuckDB's reason. */
async function readable(connection: DuckDBConnection, zone: DataZone, files: string[]) {
  const good: string[] = [];
  const bad: BadObject[] = [];
  for (const file of files) {
    try {
      await connection.run(`SELECT count(*) FROM ${reader(zone, [file])}`);
      good.push(file);
    } catch (error) {
      bad.push({ file, reason: (error as Error).message.split("\n")[0] });
    }
  }
  return { good, bad };
}

/**
 * Opens DuckDB with a view per Glue table (`beers_raw`, `beers_curated`) over the lake of the run in
 * `runFolder` (its summary.json says where and how it was written).
 */
export async function openLake(
  runFolder: string,
  /** The tables' columns: the model's, unless a tool tries an extended schema. */
  schema?: LakeSchema,
): Promise<{ connection: DuckDBConnection; lake: LakeOnDisk; bad: BadObject[] }> {
  const { lake } = readRunFolder(runFolder);
  const model = modelOf(lake, schema);
  const connection = await (await DuckDBInstance.create(":memory:")).connect();
  const bad: BadObject[] = [];
  for (const zone of [model.raw, model.curated]) {
    const files = objectFiles(zoneDirectory(lake, zone));
    if (zone.id === "raw" && !files.length)
      throw new NoLakeError(`no lake yet: the run in ${runFolder} left no object in its raw zone.`);
    const readableFiles = await readable(connection, zone, files);
    bad.push(...readableFiles.bad);
    let body = emptyView(zone);
    if (readableFiles.good.length) {
      const described = await connection.runAndReadAll(
        `DESCRIBE SELECT * FROM ${reader(zone, readableFiles.good)}`,
      );
      const present = new Set(described.getRowObjects().map((r) => String(r.column_name)));
      body = zoneView(
        zone,
        readableFiles.good,
        zone.table.columns.filter((c) => !present.has(c.name)),
      );
    }
    // The table as Athena has it, and beside it the same with each row's object path, Athena's "$path".
    await connection.run(`CREATE VIEW "${zone.table.name}${PATH_SUFFIX}" AS ${body}`);
    await connection.run(
      `CREATE VIEW ${zone.table.name} AS SELECT * EXCLUDE ("$path") FROM "${zone.table.name}${PATH_SUFFIX}"`,
    );
  }
  await connection.run(
    `CREATE VIEW ${LATEST_VIEW} AS ${latestViewSql(`"${model.curated.table.name}${PATH_SUFFIX}"`, model.curated.table.columns)}`,
  );
  return { connection, lake, bad };
}
