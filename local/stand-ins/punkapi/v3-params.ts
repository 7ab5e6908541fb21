/**
 * The v3 server's parameter validation, as FastAPI 0.138 and pydantic 2 do it (sources in
 * ./v3-catalogue/SOURCE.md), and the 422 entries they write: `/beers` takes its query as one pydantic model
 * (service/api/beers.py BeersSchema), `/beers/{beer_id}` one path int between 1 and the catalogue's size.
 */
import type { V3Filters } from "./catalogue-v3";

export interface ValidationEntry {
  type: string;
  loc: (string | number)[];
  msg: string;
  input: unknown;
  ctx?: Record<string, unknown>;
}

const INT_PARSING = "Input should be a valid integer, unable to parse string as an integer";
const FLOAT_PARSING = "Input should be a valid number, unable to parse string as a number";
const JSON_INT = /^-?(0|[1-9]\d*)$/;

/** pydantic-core's str_as_int (src/input/shared.rs): a JSON int, or one after its lenient clean-up. */
export function pydanticInt(raw: string): number | undefined {
  if (JSON_INT.test(raw)) return Number(raw);
  let s = raw.trim();
  if (s.startsWith("+")) {
    if (s[1] === "-") return undefined;
    s = s.slice(1);
  }
  const negative = s.startsWith("-");
  if (negative) {
    if (s[1] === "-" || s[1] === "+") return undefined;
    s = s.slice(1);
  }
  // Leading zeros (and underscores among them) go, but one zero stays before a dot or alone.
  const lead = /^0[0_]*/.exec(s);
  if (lead) {
    const rest = s.slice(lead[0].length);
    const lastLead = lead[0][lead[0].length - 1];
    if (rest === "" || rest.startsWith(".")) s = `${lastLead}${rest}`;
    else if (/^[1-9-]/.test(rest)) s = rest;
    else return undefined;
  } else if (!/^[1-9-]/.test(s)) return undefined;
  // A fraction of zeros only ("5.00") goes: it is a whole number.
  const dot = s.indexOf(".");
  if (dot >= 0 && /^0+$/.test(s.slice(dot + 1))) s = s.slice(0, dot);
  const stripped = !s.startsWith("_") && !s.endsWith("_") && s.includes("_") && !s.includes("__");
  if (stripped) s = s.replaceAll("_", "");
  else if (s.length === raw.length) return undefined;
  const cleaned = negative ? `-${s}` : s;
  return JSON_INT.test(cleaned) ? Number(cleaned) : undefined;
}

/** pydantic-core's str_as_float: Rust's f64 parser (inf, infinity, nan too), then without underscores. */
export function pydanticFloat(raw: string): number | undefined {
  const rust = (s: string) => {
    const m = /^([+-]?)(?:(inf|infinity)|(nan)|(\d+\.?\d*(?:e[+-]?\d+)?|\.\d+(?:e[+-]?\d+)?))$/i.exec(s);
    if (!m) return undefined;
    const sign = m[1] === "-" ? -1 : 1;
    return m[2] ? sign * Infinity : m[3] ? NaN : sign * Number(m[4]);
  };
  const direct = rust(raw.trim());
  if (direct !== undefined) return direct;
  if (raw.startsWith("_") || raw.endsWith("_") || !raw.includes("_") || raw.includes("__")) return undefined;
  return rust(raw.replaceAll("_", ""));
}

/** service/api/beers.py's patterns, verbatim. */
export const IDS_PATTERN =
  "^(?:\\d|\\d\\d|[1-3]\\d\\d|40[0-9]|41[0-5])(,(?:\\d|\\d\\d|[1-3]\\d\\d|40[0-9]|41[0-5]))*$";
export const DATE_PATTERN = "^((0[1-9]|1[0-2])-)?\\d{4}$";

const FLOATS = ["abv_gt", "abv_lt", "ibu_gt", "ibu_lt", "ebc_gt", "ebc_lt"] as const;

export type BeersQuery = { page: number; perPage: number; filters: V3Filters };

/** Pydantic's numeric bounds: the error type and words of each, in the order it checks them. */
const BOUND_CHECKS = [
  { key: "gt", type: "greater_than", words: "greater than", holds: (n: number, b: number) => n > b },
  {
    key: "ge",
    type: "greater_than_equal",
    words: "greater than or equal to",
    holds: (n: number, b: number) => n >= b,
  },
  {
    key: "le",
    type: "less_than_equal",
    words: "less than or equal to",
    holds: (n: number, b: number) => n <= b,
  },
] as const;

/**
 * Validates /beers' query string as FastAPI gives it to BeersSchema: each field the last of its values,
 * errors in the fields' order; a missing field's input is the whole dict FastAPI built.
 */
export function validateBeersQuery(query: URLSearchParams): BeersQuery | ValidationEntry[] {
  const last = (key: string) => query.getAll(key).at(-1);
  const fields = ["page", "per_page", "beer_name", "ids", "brewed_before", "brewed_after", ...FLOATS, "food"];
  // FastAPI's params_to_process: the model's fields present, then every other key (a list when repeated).
  const given: Record<string, unknown> = {};
  for (const f of fields) if (last(f) !== undefined) given[f] = last(f);
  for (const key of new Set(query.keys())) {
    if (fields.includes(key)) continue;
    const all = query.getAll(key);
    given[key] = all.length === 1 ? all[0] : all;
  }
  const errors: ValidationEntry[] = [];
  const loc = (f: string) => ["query", f];
  const int = (f: string, raw: string, bound: { gt?: number; ge?: number; le?: number }) => {
    const n = pydanticInt(raw);
    if (n === undefined)
      return void errors.push({ type: "int_parsing", loc: loc(f), msg: INT_PARSING, input: raw });
    // Pydantic checks gt, then ge, then le, and reports the first that fails.
    const failed = BOUND_CHECKS.find((c) => bound[c.key] !== undefined && !c.holds(n, bound[c.key]!));
    if (failed) {
      const limit = bound[failed.key]!;
      errors.push({
        type: failed.type,
        loc: loc(f),
        msg: `Input should be ${failed.words} ${limit}`,
        input: raw,
        ctx: { [failed.key]: limit },
      });
    }
    return n;
  };
  const pattern = (f: string, raw: string | undefined, source: string) => {
    if (raw !== undefined && !new RegExp(source).test(raw))
      errors.push({
        type: "string_pattern_mismatch",
        loc: loc(f),
        msg: `String should match pattern '${source}'`,
        input: raw,
        ctx: { pattern: source },
      });
    return raw;
  };

  const pageRaw = last("page");
  if (pageRaw === undefined)
    errors.push({ type: "missing", loc: loc("page"), msg: "Field required", input: given });
  const page = pageRaw === undefined ? 0 : int("page", pageRaw, { gt: 0 });
  const perPageRaw = last("per_page");
  const perPage = perPageRaw === undefined ? 30 : int("per_page", perPageRaw, { ge: 10, le: 80 });
  const filters: V3Filters = {
    beer_name: last("beer_name"),
    ids: pattern("ids", last("ids"), IDS_PATTERN),
    brewed_before: pattern("brewed_before", last("brewed_before"), DATE_PATTERN),
    brewed_after: pattern("brewed_after", last("brewed_after"), DATE_PATTERN),
    food: last("food"),
  };
  for (const f of FLOATS) {
    const raw = last(f);
    if (raw === undefined) continue;
    const x = pydanticFloat(raw);
    if (x === undefined) errors.push({ type: "float_parsing", loc: loc(f), msg: FLOAT_PARSING, input: raw });
    else filters[f] = x;
  }
  return errors.length ? errors : { page: page!, perPage: perPage!, filters };
}

/** Validates /beers/{beer_id}: `int = Path(..., ge=1, le=size)`. */
export function validateBeerId(raw: string, size: number): number | ValidationEntry[] {
  const loc = ["path", "beer_id"];
  const n = pydanticInt(raw);
  if (n === undefined) return [{ type: "int_parsing", loc, msg: INT_PARSING, input: raw }];
  if (n < 1)
    return [
      {
        type: "greater_than_equal",
        loc,
        msg: "Input should be greater than or equal to 1",
        input: raw,
        ctx: { ge: 1 },
      },
    ];
  if (n > size)
    return [
      {
        type: "less_than_equal",
        loc,
        msg: `Input should be less than or equal to ${size}`,
        input: raw,
        ctx: { le: size },
      },
    ];
  return n;
}
