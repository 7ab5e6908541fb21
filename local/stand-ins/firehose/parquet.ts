/**
 * Firehose's record format conversion, locally: a buffer of JSON records becomes one Parquet object
 * (Snappy), with exactly the columns and types of the Glue table Firehose is pointed at. Fields the table
 * does not have are dropped, as the OpenX JSON SerDe drops them. DuckDB does the writing. A record that
 * cannot be converted (not JSON, or a value its column's type cannot hold) is set apart with DuckDB's
 * reason, and the others are written: Firehose sends such a record to the error prefix
 * (Firehose guide, "Handling errors for data format conversion").
 */
import fs from "fs";
import path from "path";
import { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { removeTempDir, tempDir } from "../../support/temp-dirs";
import { Column, duckdbType } from "../../../schema/beer-schema";

/** A buffer converted: its Parquet object (none when no record converts) and the records that did not. */
export interface Conversion {
  body: Buffer | undefined;
  failed: { index: number; reason: string }[];
}

export class ParquetEncoder {
  private connection: Promise<DuckDBConnection> | undefined;
  private readonly dir = tempDir("punkapi-parquet-");
  private n = 0;

  /** `columns`: the Glue table's, in its order (read by tests of which table a run converts with). */
  constructor(readonly columns: Column[]) {}

  private connect(): Promise<DuckDBConnection> {
    // Stryker disable next-line StringLiteral: 1 equivalent mutant, DuckDB opens an in-memory database for an empty path as for ":memory:".
    this.connection ??= DuckDBInstance.create(":memory:").then((db) => db.connect());
    return this.connection;
  }

  async encode(ndjson: Buffer): Promise<Buffer> {
    const connection = await this.connect();
    // Stryker disable next-line UpdateOperator: 1 equivalent mutant, the number only keeps one encoding's files apart from another's, which counting down does as well.
    const input = path.join(this.dir, `${++this.n}.json`);
    const output = path.join(this.dir, `${this.n}.parquet`);
    fs.writeFileSync(input, ndjson);
    const columns = this.columns
      .map((c) => {
        // Stryker disable next-line StringLiteral: 1 equivalent mutant, a DuckDB type from duckdbType() holds no single quote (Glue types are parsed to words, field names and punctuation), so none is doubled.
        const type = duckdbType(c.type).replace(/'/g, "''");
        return `'${c.name}': '${type}'`;
      })
      .join(", ");
    const select = this.columns.map((c) => `"${c.name}"`).join(", ");
    try {
      await connection.run(
        `COPY (SELECT ${select} FROM read_json('${input}', format = 'newline_delimited', columns = {${columns}})) ` +
          `TO '${output}' (FORMAT PARQUET, COMPRESSION SNAPPY)`,
      );
      return fs.readFileSync(output);
    } finally {
      fs.rmSync(input, { force: true });
      fs.rmSync(output, { force: true });
    }
  }

  /**
   * The records (each one JSON line) as one Parquet object, and those that cannot be converted, by index.
   * The whole buffer is tried first; only when it fails is each record tried alone, to find which.
   */
  async convert(records: readonly Uint8Array[]): Promise<Conversion> {
    // Firehose writes no object for an empty buffer.
    if (!records.length) return { body: undefined, failed: [] };
    const all = Buffer.concat(records);
    try {
      return { body: await this.encode(all), failed: [] };
    } catch {
      // One bad record fails the whole COPY: find which, keep the others.
    }
    const good: Uint8Array[] = [];
    const failed: Conversion["failed"] = [];
    for (const [index, record] of records.entries()) {
      try {
        await this.encode(Buffer.from(record));
        good.push(record);
      } catch (error) {
        // DuckDB names its temporary file: left out, the reason is the value's.
        const reason = (error as Error).message.split("\n")[0].replace(/ in file "[^"]*",?/, "");
        failed.push({ index, reason });
      }
    }
    return { body: good.length ? await this.encode(Buffer.concat(good)) : undefined, failed };
  }

  close(): void {
    removeTempDir(this.dir);
  }
}
