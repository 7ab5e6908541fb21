/**
 * Re-curation: the curated zone of a range of days rebuilt from the raw zone, through the same conversion
 * the local Firehose uses (the curated table's columns, ../stand-ins/firehose/parquet.ts). Each raw object
 * of the range becomes one curated object, in the curated folder its arrival evaluates to and named after
 * it (the raw object's time and uuid under the curated stream's name), so `beers_latest` orders the rows as
 * before and a second run writes the same keys. Nothing is written when a record is refused; the range's
 * earlier curated objects are deleted only once every rebuilt object is written, so a run that fails
 * part-way leaves duplicates. The zones' streams buffer apart: a record that arrived just after midnight of
 * `from` may sit in a raw object of the day before and a curated object of `from`, which the rebuild
 * replaces without it; docs/operations.md says to start the range a day earlier.
 */
import type { LakeModel } from "../../model/lake";
import type { ParquetEncoder } from "../stand-ins/firehose/parquet";
import { renderPrefix } from "../stand-ins/firehose/render-prefix";
import { deleteObject, getObject, listKeys, putObject, recordsOf, S3 } from "./lake-objects";
import { arrivalOf, dayOf, objectName } from "./object-names";

export interface RecurateRequest {
  s3: S3;
  bucket: string;
  lake: LakeModel;
  /** The curated delivery stream's name, which the rebuilt objects' names carry, as Firehose's do. */
  curatedStream: string;
  /** Days, `yyyy-MM-dd`, both included. */
  from: string;
  to: string;
  /** Converts with the curated table's columns (lake.curated.table.columns). */
  encoder: ParquetEncoder;
}

export interface RecurateReport {
  from: string;
  to: string;
  days: string[];
  rawObjects: number;
  rawRecords: number;
  curatedObjects: number;
  rowsRebuilt: number;
  /** Raw records the curated table's types cannot hold, with the raw object's key and why. */
  refused: { key: string; reason: string }[];
  /** The range's curated objects before, now replaced. */
  replacedObjects: number;
}

/** The objects of a zone whose records arrived within the range of days. */
async function inRange(
  req: RecurateRequest,
  root: string,
  prefix: string,
): Promise<{ key: string; day: string }[]> {
  const found: { key: string; day: string }[] = [];
  for (const key of await listKeys(req.s3, req.bucket, root)) {
    const arrival = arrivalOf(prefix, key);
    if (!arrival) continue;
    const day = dayOf(arrival);
    if (day >= req.from && day <= req.to) found.push({ key, day });
  }
  return found;
}

export async function recurate(req: RecurateRequest): Promise<RecurateReport> {
  const { raw, curated } = req.lake;
  const sources = await inRange(req, raw.layout.root, raw.prefix);
  const before = await inRange(req, curated.layout.root, curated.prefix);
  const report: RecurateReport = {
    from: req.from,
    to: req.to,
    days: [...new Set(sources.map((s) => s.day))].sort(),
    rawObjects: sources.length,
    rawRecords: 0,
    curatedObjects: 0,
    rowsRebuilt: 0,
    refused: [],
    replacedObjects: 0,
  };
  // Every object converted first: if any record is refused, nothing is written and nothing deleted, so a
  // schema that no longer holds the data (in AWS there is no copy to fall back on) costs no row.
  const rebuilt: { target: string; body: Buffer; rows: number }[] = [];
  for (const { key } of sources) {
    const records = recordsOf(key, await getObject(req.s3, req.bucket, key));
    report.rawRecords += records.length;
    const { body, failed } = await req.encoder.convert(records);
    for (const f of failed) report.refused.push({ key, reason: f.reason });
    if (!body) continue;
    const name = objectName(key)!;
    const folder = renderPrefix(curated.prefix, { arrival: arrivalOf(raw.prefix, key)! });
    const target = `${folder}${req.curatedStream}-${name.version}-${name.written}-${name.uuid}.parquet`;
    rebuilt.push({ target, body, rows: records.length - failed.length });
  }
  if (report.refused.length) return report;
  const written = new Set<string>();
  for (const { target, body, rows } of rebuilt) {
    await putObject(req.s3, req.bucket, target, body);
    written.add(target);
    report.curatedObjects++;
    report.rowsRebuilt += rows;
  }
  for (const { key } of before) {
    if (written.has(key)) continue;
    await deleteObject(req.s3, req.bucket, key);
    report.replacedObjects++;
  }
  return report;
}
