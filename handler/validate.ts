/**
 * The beer shape of each contract, checked before anything is written. It is a shape check, not a
 * plausibility check: the real catalogue has ph 79, attenuation above 100 % and fg above og, and those are
 * beers. What it rejects is what is not a beer: an error body, an HTML page, a wrong type, a missing field.
 */
import { Contract, CONTRACTS, imageField, kind } from "./contract";

export type Validation = { ok: true; id: number; name: string } | { ok: false; reason: string };

type Check = (value: unknown, path: string) => string | undefined;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const expected = (what: string, path: string, value: unknown) =>
  `${path}: expected ${what}, got ${kind(value)}`;

const str: Check = (v, p) => (typeof v === "string" ? undefined : expected("string", p, v));
const nonEmptyStr: Check = (v, p) =>
  typeof v === "string" && v.trim() !== "" ? undefined : expected("non-empty string", p, v);
const num: Check = (v, p) =>
  typeof v === "number" && Number.isFinite(v) ? undefined : expected("number", p, v);
const nullable =
  (check: Check): Check =>
  (v, p) =>
    v === null ? undefined : check(v, p);
const positiveInt: Check = (v, p) =>
  typeof v === "number" && Number.isInteger(v) && v >= 1 ? undefined : expected("integer ≥ 1", p, v);
const brewDate: Check = (v, p) =>
  typeof v === "string" && /^(\d{2}\/)?\d{4}$/.test(v) ? undefined : expected('"MM/YYYY" or "YYYY"', p, v);

const object =
  (fields: Record<string, Check>): Check =>
  (v, p) => {
    if (!isObject(v)) return expected("object", p, v);
    for (const [key, check] of Object.entries(fields)) {
      if (!(key in v)) return `${p}.${key}: missing`;
      const problem = check(v[key], `${p}.${key}`);
      if (problem) return problem;
    }
    return undefined;
  };

const arrayOf =
  (check: Check): Check =>
  (v, p) => {
    if (!Array.isArray(v)) return expected("array", p, v);
    for (let i = 0; i < v.length; i++) {
      const problem = check(v[i], `${p}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  };

const quantity = object({ value: nullable(num), unit: str });
const temperature = object({ value: nullable(num), unit: str });

function beerShape(contract: Contract): Check {
  return object({
    id: positiveInt,
    name: nonEmptyStr,
    tagline: str,
    first_brewed: brewDate,
    description: str,
    [imageField(contract)]: nullable(str),
    abv: nullable(num),
    ibu: nullable(num),
    target_fg: nullable(num),
    target_og: nullable(num),
    ebc: nullable(num),
    srm: nullable(num),
    ph: nullable(num),
    attenuation_level: nullable(num),
    volume: quantity,
    boil_volume: quantity,
    method: object({
      mash_temp: arrayOf(object({ temp: temperature, duration: nullable(num) })),
      fermentation: object({ temp: temperature }),
      twist: nullable(str),
    }),
    ingredients: object({
      malt: arrayOf(object({ name: str, amount: quantity })),
      hops: arrayOf(object({ name: str, amount: quantity, add: nullable(str), attribute: nullable(str) })),
      yeast: nullable(str),
    }),
    food_pairing: arrayOf(str),
    brewers_tips: nullable(str),
    contributed_by: nullable(str),
  });
}

const shapes = Object.fromEntries(CONTRACTS.map((c) => [c, beerShape(c)])) as Record<Contract, Check>;

export function validateBeer(contract: Contract, value: unknown): Validation {
  const problem = shapes[contract](value, "$");
  if (problem) return { ok: false, reason: `not a ${contract} beer: ${problem}` };
  const beer = value as { id: number; name: string };
  return { ok: true, id: beer.id, name: beer.name };
}
