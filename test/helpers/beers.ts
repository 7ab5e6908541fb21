/** The real catalogue, for expectations: what the stand-in served, byte for byte. */
import { allBeers, toV3, V2Beer } from "../../local/punkapi/catalogue";

const byId = new Map<number, V2Beer>(allBeers().map((b) => [b.id, b]));

export function expectedRecord(id: number, contract: "v2" | "v3" = "v2"): Buffer {
  const beer = byId.get(id);
  if (!beer) throw new Error(`no beer ${id} in the catalogue`);
  return Buffer.from(`${JSON.stringify(contract === "v2" ? beer : toV3(beer))}\n`, "utf8");
}

/** Multiset comparison helper: sorted ids. */
export function sortedIds(ids: Iterable<number | string>): number[] {
  return [...ids].map(Number).sort((a, b) => a - b);
}
