/**
 * The local lake on disk, as s3rver stores it (`<directory>/<bucket>/<key>._S3rver_object`), read through
 * the lake model: each data zone's folder, its files, and the partition values in a file's path, found by
 * the zone's own layout (model/lake.ts). The local run writes it; `npm run query` and the run's summary read it.
 */
import fs from "fs";
import path from "path";
import { lakeModel, LakeModel, DataZone } from "../../../model/lake";
import type { LakeSchema } from "../../../schema/beer-schema";
import { patternTokens } from "../../../config/firehose-prefix";
import { S3RVER_OBJECT_SUFFIX } from "../services/s3-object-files";

/** Where a run left its lake, and the prefixes it was written with (kept in the run's summary). */
export interface LakeOnDisk {
  directory: string;
  bucket: string;
  project: string;
  prefixes: { raw: string; curated: string; errors: string };
}

/** Refused: there is no lake where one was asked for (exit 2). */
export class NoLakeError extends Error {
  override name = "Refusal";
}

/**
 * A run folder's summary as stored, and its lake with the lake's folder made absolute (the summary's paths
 * are relative to its run folder, so that the folder can be moved).
 */
export function readRunFolder<S extends { lake: LakeOnDisk }>(
  runFolder: string,
): { summary: S; lake: LakeOnDisk } {
  const file = path.join(runFolder, "summary.json");
  if (!fs.existsSync(file))
    throw new NoLakeError(`no lake yet: ${file} does not exist. Run \`npm start\` first.`);
  const summary = JSON.parse(fs.readFileSync(file, "utf8")) as S;
  return { summary, lake: { ...summary.lake, directory: path.resolve(runFolder, summary.lake.directory) } };
}

export function modelOf(lake: LakeOnDisk, schema?: LakeSchema): LakeModel {
  return lakeModel(
    {
      project: lake.project,
      rawPrefix: lake.prefixes.raw,
      curatedPrefix: lake.prefixes.curated,
      errorPrefix: lake.prefixes.errors,
    },
    schema,
  );
}

/** The folder of a zone's objects on disk. */
export function zoneDirectory(lake: LakeOnDisk, zone: DataZone): string {
  return path.join(lake.directory, lake.bucket, ...zone.layout.root.split("/").filter(Boolean));
}

/** Every object file of the zone, as a glob. */
export function zoneFiles(lake: LakeOnDisk, zone: DataZone): string {
  return path.join(zoneDirectory(lake, zone), "**", `*${S3RVER_OBJECT_SUFFIX}`);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A regular expression over an object's file path, with one group per partition key in the layout's
 * order: each key's value as its timestamp pattern writes it (`yyyy` four digits, `MM` two).
 */
export function partitionPattern(zone: DataZone): string {
  const byName = new Map(zone.layout.keys.map((k) => [k.name, k]));
  const tail = zone.layout.template
    .split(/(\$\{[a-z_][a-z0-9_]*\})/)
    .map((part) => {
      const key = /^\$\{(.+)\}$/.exec(part)?.[1];
      if (!key) return escape(part);
      const value = patternTokens(byName.get(key)!.pattern)
        .map((t) => (t.kind === "literal" ? escape(t.text) : t.width === 1 ? "\\d{1,2}" : `\\d{${t.width}}`))
        .join("");
      return `(${value})`;
    })
    .join("");
  return `${escape(`/${zone.layout.root}`)}${tail}[^/]*$`;
}
