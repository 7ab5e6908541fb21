/** The real catalogue, for expectations: what the stand-in served, byte for byte. */
import { allBeers, toV3, V2Beer } from "../../local/punkapi/catalogue";
import { v3Json } from "../../local/punkapi/v3-wire";

const byId = new Map<number, V2Beer>(allBeers().map((b) => [b.id, b]));

export function expectedRecord(id: number, contract: "v2" | "v3" = "v2"): Buffer {
  const beer = byId.get(id);
  if (!beer) throw new Error(`no beer ${id} in the catalogue`);
  return Buffer.from(`${contract === "v2" ? JSON.stringify(beer) : v3Json(toV3(beer))}\n`, "utf8");
}

/** Multiset comparison helper: sorted ids. */
export function sortedIds(ids: Iterable<number | string>): number[] {
  return [...ids].map(Number).sort((a, b) => a - b);
}
