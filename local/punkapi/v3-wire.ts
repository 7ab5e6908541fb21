/**
 * The community v3's wire format for a beer: compact JSON with UTF-8 kept (FastAPI's JSONResponse), and the
 * numbers its data files hold as Python floats written as Python writes them (`"abv":5.0`, not `5`). The
 * v3 data (alxiw/punkapi, data/<id>.json) has abv as a float and the other measurements as written, mostly
 * whole numbers: so `abv` is the field formatted as a float.
 */
import type { V3Beer } from "./catalogue";

const FLOAT_FIELDS = new Set(["abv"]);

/** Python's repr of a float for the values a beer holds: a whole number keeps its ".0". */
export function pythonFloat(value: number): string {
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}

function write(value: unknown, key: string | undefined): string {
  if (typeof value === "number" && key !== undefined && FLOAT_FIELDS.has(key)) return pythonFloat(value);
  if (Array.isArray(value)) return `[${value.map((v) => write(v, undefined)).join(",")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${write(v, k)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

export function v3Json(value: V3Beer | V3Beer[]): string {
  return write(value, undefined);
}
