/** The real catalogues, for expectations: what the stand-in served, byte for byte. */
import fs from "fs";
import path from "path";
import { allBeers, V2Beer } from "../../local/stand-ins/punkapi/catalogue";
import { V3_DATA_DIR } from "../../local/stand-ins/punkapi/catalogue-v3";
import type { Contract } from "../../handler/contract";

const byId = new Map<number, V2Beer>(allBeers().map((b) => [b.id, b]));

/** The number of beers in the vendored v3 catalogue: its files. */
export const V3_FILES = fs
  .readdirSync(V3_DATA_DIR)
  .filter((f) => f.endsWith(".json"))
  .sort();

/**
 * A v3 beer's body as the server sends it, by a second route, not the stand-in's parser: the upstream
 * file with the whitespace between tokens taken out. That is Python's output because the files already
 * spell every number as Python writes it and escape only quotes (held to CPython's own hashes in
 * test/local/v3-catalogue.test.ts).
 */
export function v3FileCompact(id: number): string {
  const text = fs.readFileSync(path.join(V3_DATA_DIR, `${String(id).padStart(3, "0")}.json`), "utf8");
  let out = "";
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === "\\") out += text[++i];
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (!" \t\n\r".includes(c)) out += c;
  }
  return out;
}

export function expectedRecord(id: number, contract: Contract = "v2"): Buffer {
  if (contract === "v3") return Buffer.from(`${v3FileCompact(id)}\n`, "utf8");
  const beer = byId.get(id);
  if (!beer) throw new Error(`no beer ${id} in the catalogue`);
  return Buffer.from(`${JSON.stringify(beer)}\n`, "utf8");
}

/** Multiset comparison helper: sorted ids. */
export function sortedIds(ids: Iterable<number | string>): number[] {
  return [...ids].map(Number).sort((a, b) => a - b);
}
