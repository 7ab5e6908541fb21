/**
 * The real v3 catalogue (alxiw/punkapi data/, 415 beers, vendored in ./v3-catalogue, see SOURCE.md) and
 * its filters, as the v3 server applies them (repository/dao/filters.py, repository/utils/*.py): each beer
 * kept with the exact text the server sends for it.
 */
import fs from "fs";
import path from "path";
import { parsePythonJson } from "./python-json";

export const V3_DATA_DIR = path.join(__dirname, "v3-catalogue", "data");

export type V3Beer = { id: number; name: string; image: string | null } & Record<string, unknown>;

export interface V3Entry {
  beer: V3Beer;
  /** The body the server sends for this beer alone (and, joined by ",", inside a list). */
  wire: string;
}

let loaded: V3Entry[] | undefined;

/** Every beer, sorted by id as the server's `sorted_db`; read on first use. */
export function v3Catalogue(): V3Entry[] {
  loaded ??= fs
    .readdirSync(V3_DATA_DIR)
    .filter((f) => f.endsWith(".json"))
    .map((f) => {
      const { value, wire } = parsePythonJson(fs.readFileSync(path.join(V3_DATA_DIR, f), "utf8"));
      return { beer: value as V3Beer, wire };
    })
    .sort((a, b) => a.beer.id - b.beer.id);
  return loaded;
}

/** The filters of /beers, already validated (./v3-params.ts); absent ones are undefined. */
export interface V3Filters {
  ids?: string;
  beer_name?: string;
  brewed_before?: string;
  brewed_after?: string;
  abv_gt?: number;
  abv_lt?: number;
  ibu_gt?: number;
  ibu_lt?: number;
  ebc_gt?: number;
  ebc_lt?: number;
  food?: string;
}

/** datetime.strptime with "%m/%Y", "%Y", "%m-%Y" in turn (repository/utils/date.py), as a month number. */
function parseDate(s: string): number | undefined {
  const m = /^(?:(1[0-2]|0[1-9]|[1-9])[/-])?(\d{4})$/.exec(s);
  if (!m || +m[2] < 1) return undefined; // year 0 is out of datetime's range
  return +m[2] * 12 + (m[1] === undefined ? 0 : +m[1] - 1);
}

/**
 * A beer_name fuzzy match (repository/utils/string.py): each character in order, none skipping a space.
 * Upstream builds the regex without escaping, so a name holding regex syntax is a regex there too; an
 * invalid one throws (the server answers 500, ./routes-v3.ts).
 */
function fuzzy(name: string, wanted: string): boolean {
  const pattern = [...wanted.toLowerCase().replaceAll("_", " ")].map((c) => `[^ ${c}]*${c}`).join("");
  return new RegExp(pattern).test(name.toLowerCase());
}

const cmp = (v: unknown, test: (x: number) => boolean) => typeof v === "number" && test(v);

export function filterV3(beers: V3Entry[], f: V3Filters): V3Entry[] {
  const ids = f.ids?.split(",").map(Number);
  const before = f.brewed_before === undefined ? undefined : parseDate(f.brewed_before);
  const after = f.brewed_after === undefined ? undefined : parseDate(f.brewed_after);
  const food = f.food?.toLowerCase().replaceAll("_", " ");
  return beers.filter(({ beer: b }) => {
    const brewed = parseDate(String(b.first_brewed));
    return (
      (ids === undefined || ids.includes(b.id)) &&
      (f.beer_name === undefined || fuzzy(b.name, f.beer_name)) &&
      (f.brewed_before === undefined || (brewed !== undefined && before !== undefined && brewed < before)) &&
      (f.brewed_after === undefined || (brewed !== undefined && after !== undefined && brewed > after)) &&
      (f.abv_gt === undefined || cmp(b.abv, (x) => x > f.abv_gt!)) &&
      (f.abv_lt === undefined || cmp(b.abv, (x) => x < f.abv_lt!)) &&
      (f.ibu_gt === undefined || cmp(b.ibu, (x) => x > f.ibu_gt!)) &&
      (f.ibu_lt === undefined || cmp(b.ibu, (x) => x < f.ibu_lt!)) &&
      (f.ebc_gt === undefined || cmp(b.ebc, (x) => x > f.ebc_gt!)) &&
      (f.ebc_lt === undefined || cmp(b.ebc, (x) => x < f.ebc_lt!)) &&
      (food === undefined || (b.food_pairing as string[]).some((o) => o.toLowerCase().includes(food)))
    );
  });
}

/** `random.choice(sorted_db)`: any beer, uniformly, repeats allowed. */
export function randomV3(): V3Entry {
  const beers = v3Catalogue();
  return beers[Math.floor(Math.random() * beers.length)];
}
