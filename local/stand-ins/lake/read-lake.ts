/**
 * Reads the local lake from disk, as s3rver stores it: `<lake>/<bucket>/<key>._S3rver_object`. Each object
 * is gzip (when its key ends in .gz) newline-delimited JSON.
 */
import fs from "fs";
import path from "path";
import { gunzipSync } from "zlib";
import { S3RVER_OBJECT_SUFFIX } from "../services/s3-object-files";

export interface LakeObject {
  bucket: string;
  key: string;
  file: string;
  lines: string[];
}

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full) : [full];
  });
}

/** Every object under `prefix` in the bucket, oldest key first, with its lines. */
export function readLake(lakeDir: string, bucket: string, prefix = ""): LakeObject[] {
  const root = path.join(lakeDir, bucket);
  return walk(root)
    .filter((f) => f.endsWith(S3RVER_OBJECT_SUFFIX))
    .map((file) => {
      const key = path.relative(root, file).split(path.sep).join("/").slice(0, -S3RVER_OBJECT_SUFFIX.length);
      const raw = fs.readFileSync(file);
      const text = (key.endsWith(".gz") ? gunzipSync(raw) : raw).toString("utf8");
      return { bucket, key, file, lines: text.split("\n").filter((l) => l.length > 0) };
    })
    .filter((o) => o.key.startsWith(prefix))
    .sort((a, b) => a.key.localeCompare(b.key));
}
