/**
 * The real v2 catalogue (punkapi-db@2.6.0, 325 beers) and its filters (punkapi-lib@2.5.0), as the public
 * API served them until 2024, plus the same beers in the community v3's shape.
 */
// punkapi-lib and punkapi-db ship no type declarations; their shapes are described here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lib = require("punkapi-lib") as {
  random(): [V2Beer];
  beer(id: number): V2Beer[];
  beers(options: Record<string, string | undefined>): V2Beer[];
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const db = require("punkapi-db") as V2Beer[];

export type V2Beer = { id: number; name: string; image_url: string | null } & Record<string, unknown>;
export type V3Beer = Omit<V2Beer, "image_url"> & { image: string | null };

export const catalogue = lib;

export function allBeers(): V2Beer[] {
  return [...db].sort((a, b) => a.id - b.id);
}

/** v3 names the image by file ("001.png", "keg.png") where v2 gave a URL; key order is kept. */
export function toV3(beer: V2Beer): V3Beer {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(beer)) {
    if (key === "image_url")
      out.image = typeof value === "string" ? value.slice(value.lastIndexOf("/") + 1) : null;
    else out[key] = value;
  }
  return out as V3Beer;
}
