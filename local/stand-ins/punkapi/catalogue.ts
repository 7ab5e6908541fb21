/**
 * The real v2 catalogue (punkapi-db@2.6.0, 325 beers) and its filters (punkapi-lib@2.5.0), as the public
 * API served them until 2024. The v3 catalogue is a different one: ./catalogue-v3.ts.
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

export const catalogue = lib;

export function allBeers(): V2Beer[] {
  return [...db].sort((a, b) => a.id - b.id);
}
