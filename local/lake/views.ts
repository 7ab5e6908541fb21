/**
 * The local lake as SQL: DuckDB views named like the Glue tables, over the files the local run left on
 * disk, with the Glue tables' own column types (components/catalog/beer-schema.ts).
 */
import fs from "fs";
import path from "path";
import { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { CURATED_COLUMNS, duckdbType, RAW_COLUMNS, TABLES } from "../../components/catalog/beer-schema";
import { staticPart } from "../../config/firehose-prefix";
import { S3RVER_OBJECT_SUFFIX } from "../services/s3";
import type { LocalRunSummary } from "../run/local-stack";

export class NoLakeError extends Error {}

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

function hasFiles(dir: string): boolean {
  if (!fs.existsSync(dir)) return false;
  return fs.readdirSync(dir, { recursive: true }).some((f) => String(f).endsWith(S3RVER_OBJECT_SUFFIX));
}

/** Opens DuckDB with `beers_raw` and `beers_curated` over the lake of the last local run in `workDir`. */
export async function openLake(
  workDir: string,
): Promise<{ connection: DuckDBConnection; summary: LocalRunSummary }> {
  const summaryFile = path.join(workDir, "last-run.json");
  if (!fs.existsSync(summaryFile)) {
    throw new NoLakeError(
      `no lake yet: ${summaryFile} does not exist. Run \`npm start\` first; it leaves a lake under ${path.join(workDir, "lake")}.`,
    );
  }
  const summary = JSON.parse(fs.readFileSync(summaryFile, "utf8")) as LocalRunSummary;
  const bucketDir = path.join(summary.lake.directory, summary.lake.bucket);
  const rawDir = path.join(bucketDir, staticPart(summary.lake.prefix).replace(/dt=$/, ""));
  if (!hasFiles(rawDir)) {
    throw new NoLakeError(
      `no lake yet: the last run (${summaryFile}) left no object under ${rawDir}. Run \`npm start\` again.`,
    );
  }
  const connection = await (await DuckDBInstance.create(":memory:")).connect();
  const struct = (columns: typeof RAW_COLUMNS) =>
    `{${columns.map((c) => `${quote(c.name)}: ${quote(duckdbType(c.type))}`).join(", ")}}`;
  const files = (dir: string) => quote(path.join(dir, "**", `*${S3RVER_OBJECT_SUFFIX}`));
  // dt is a string in Glue (partition projection formats it); the same here.
  await connection.run(
    `CREATE VIEW ${TABLES.raw} AS SELECT * FROM read_json(${files(rawDir)}, format = 'newline_delimited', ` +
      `compression = 'gzip', hive_partitioning = true, hive_types = {'dt': 'VARCHAR'}, columns = ${struct(RAW_COLUMNS)})`,
  );
  const curatedDir = summary.curated
    ? path.join(bucketDir, staticPart(summary.curated.prefix).replace(/dt=$/, ""))
    : undefined;
  if (curatedDir && hasFiles(curatedDir)) {
    await connection.run(
      `CREATE VIEW ${TABLES.curated} AS SELECT * FROM read_parquet(${files(curatedDir)}, hive_partitioning = true, hive_types = {'dt': 'VARCHAR'})`,
    );
  } else {
    // No curated files (a stack without the curated stream): an empty view with the declared columns.
    const columns = CURATED_COLUMNS.map((c) => `NULL::${duckdbType(c.type)} AS "${c.name}"`).join(", ");
    await connection.run(
      `CREATE VIEW ${TABLES.curated} AS SELECT ${columns}, NULL::VARCHAR AS dt WHERE false`,
    );
  }
  return { connection, summary };
}
