/**
 * What a Firehose object's key says: the folder its prefix evaluated to, and its name
 * `<delivery stream>-<version>-<yyyy>-<MM>-<dd>-<HH>-<mm>-<ss>-<uuid><ext>` (Firehose guide, "Amazon S3
 * object name format"; local/stand-ins/firehose/render-prefix.ts writes it), and when its records arrived:
 * the prefix is evaluated for the oldest record's arrival, the name's time is when the object was written,
 * a buffer's interval later at most. Pure.
 */
import { renderPrefix } from "../stand-ins/firehose/render-prefix";
import { formatTimestamp } from "../../config/timestamp-format";

export interface ObjectName {
  folder: string;
  stream: string;
  version: string;
  /** The name's time, `yyyy-MM-dd-HH-mm-ss` (UTC), when the object was written. */
  written: string;
  uuid: string;
  extension: string;
}

// (No ^: the stream's greedy group starts at the name's first character anyway.)
const NAME =
  /(.+)-(\d+)-(\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2})-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(\.[a-z.]+)?$/;

/** The parts of a key Firehose named; undefined for any other key. */
export function objectName(key: string): ObjectName | undefined {
  const slash = key.lastIndexOf("/");
  const m = NAME.exec(key.slice(slash + 1));
  if (!m) return undefined;
  return {
    folder: key.slice(0, slash + 1),
    stream: m[1],
    version: m[2],
    written: m[3],
    uuid: m[4],
    extension: m[5] ?? "",
  };
}

export function writtenAt(name: ObjectName): Date {
  const [y, mo, d, h, mi, s] = name.written.split("-").map(Number);
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}

/**
 * When the object's records arrived, as near as its key tells: the latest minute, at or before the name's
 * time, for which the zone's prefix evaluates to the object's folder (a day back at most: no buffer waits
 * longer). Undefined when none does: the object is no object of that prefix.
 */
export function arrivalOf(prefix: string, key: string): Date | undefined {
  const name = objectName(key);
  if (!name) return undefined;
  const written = writtenAt(name).getTime();
  for (let minutes = 0; minutes <= 24 * 60; minutes++) {
    const t = new Date(written - minutes * 60_000);
    if (renderPrefix(prefix, { arrival: t }) === name.folder) return t;
  }
  return undefined;
}

/** The arrival's UTC day, `yyyy-MM-dd`: what a range of days is compared with. */
export const dayOf = (arrival: Date): string => formatTimestamp("yyyy-MM-dd", arrival);
