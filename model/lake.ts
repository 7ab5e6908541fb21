/**
 * The lake, computed once from the configuration: each zone with its Firehose prefix, its literal start
 * (what IAM grants and lifecycle rules name), its folder layout and partition keys (../config/prefix-layout.ts),
 * and for the data zones the table that reads it. The Glue tables, the IAM policies, the lifecycle rules,
 * the local Firehose and the local DuckDB views all read this; none works a prefix out again.
 */
import type { StackConfig } from "../config/spec";
import { staticPart } from "../config/firehose-prefix";
import { PartitionKey, PrefixLayout, prefixLayout } from "../config/prefix-layout";
import { formatTimestamp } from "../config/timestamp-format";
import { stackConfigError } from "../config/errors";
import { Column, LAKE_SCHEMA, LakeSchema, TABLES } from "../schema/beer-schema";

export interface DataZone {
  id: "raw" | "curated";
  /** The configuration key the prefix comes from (errors name it). */
  key: "rawPrefix" | "curatedPrefix";
  /** Firehose's `Prefix`, as configured. */
  prefix: string;
  /** The prefix's literal start: exact IAM resources and lifecycle filters end here. */
  literalStart: string;
  layout: PrefixLayout;
  table: { name: string; columns: Column[]; format: "json" | "parquet" };
}

export interface ErrorZone {
  id: "errors";
  key: "errorPrefix";
  prefix: string;
  literalStart: string;
}

export interface LakeModel {
  raw: DataZone;
  curated: DataZone;
  errors: ErrorZone;
  /** The literal starts of every zone: where Firehose may write. */
  writablePrefixes: string[];
}

/** The two data zones of a lake, for what reads them both. */
export type LakeZones = Pick<LakeModel, DataZone["id"]>;

/**
 * Where the redrive records which error objects it has put back into the stream (one object per error
 * object, named after it): outside every zone, so no table reads it and Firehose never writes there.
 */
export const REDRIVE_LEDGER = "operations/redriven/";

/** The first day a projection lists: nothing was ingested before. */
export const PROJECTION_START = new Date(Date.UTC(2024, 0, 1));

function dataZone(id: DataZone["id"], prefix: string, project: string, schema: LakeSchema): DataZone {
  const key = id === "raw" ? "rawPrefix" : "curatedPrefix";
  const layout = prefixLayout(prefix);
  if ("error" in layout) throw stackConfigError(`${project}:${key}`, layout.error);
  const columns = schema[id];
  const clash = layout.keys.find((k) => columns.some((c) => c.name === k.name));
  if (clash)
    throw stackConfigError(
      `${project}:${key}`,
      `names a partition "${clash.name}", which is a column of the table: Athena refuses a partition named like a column`,
    );
  return {
    id,
    key,
    prefix,
    literalStart: staticPart(prefix),
    layout,
    table: { name: TABLES[id], columns, format: id === "raw" ? "json" : "parquet" },
  };
}

export function lakeModel(
  config: Pick<StackConfig, "project" | "rawPrefix" | "curatedPrefix" | "errorPrefix">,
  schema: LakeSchema = LAKE_SCHEMA,
): LakeModel {
  const raw = dataZone("raw", config.rawPrefix, config.project, schema);
  const curated = dataZone("curated", config.curatedPrefix, config.project, schema);
  const errors: ErrorZone = {
    id: "errors",
    key: "errorPrefix",
    prefix: config.errorPrefix,
    literalStart: staticPart(config.errorPrefix),
  };
  return {
    raw,
    curated,
    errors,
    writablePrefixes: [...new Set([raw, curated, errors].map((z) => z.literalStart))],
  };
}

/** The table's partition columns, one per partition key, strings as Firehose writes them. */
export function partitionColumns(zone: DataZone): Column[] {
  return zone.layout.keys.map((k) => ({
    name: k.name,
    type: "string",
    comment: `ingestion ${k.projection.type === "date" && k.projection.unit === "DAYS" ? "date" : "time"} (UTC), ${k.pattern}`,
  }));
}

/** Where a zone's table reads: the zone's folder in the bucket. */
export function zoneLocation(bucket: string, zone: DataZone): string {
  return `s3://${bucket}/${zone.layout.root}`;
}

function projection(k: PartitionKey): Record<string, string> {
  const p = `projection.${k.name}`;
  if (k.projection.type === "integer") {
    return {
      [`${p}.type`]: "integer",
      [`${p}.range`]: `${k.projection.min},${k.projection.max}`,
      ...(k.projection.digits > 1 ? { [`${p}.digits`]: String(k.projection.digits) } : {}),
    };
  }
  return {
    [`${p}.type`]: "date",
    [`${p}.format`]: k.pattern,
    [`${p}.range`]: `${formatTimestamp(k.pattern, PROJECTION_START)},NOW`,
    [`${p}.interval`]: "1",
    [`${p}.interval.unit`]: k.projection.unit,
  };
}

/**
 * Partition projection (Athena guide, "Partition projection"): every partition key's values listed from
 * the layout, and the template that turns them into the folder Firehose writes.
 */
export function projectionParameters(bucket: string, zone: DataZone): Record<string, string> {
  return {
    "projection.enabled": "true",
    ...Object.assign({}, ...zone.layout.keys.map(projection)),
    "storage.location.template": `${zoneLocation(bucket, zone)}${zone.layout.template}`,
  };
}
