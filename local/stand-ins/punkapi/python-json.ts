/**
 * JSON as the v3 server writes it: CPython's `json.load` of a data file, then Starlette's JSONResponse
 * (`json.dumps(..., ensure_ascii=False, allow_nan=False, separators=(",", ":"))`). Python keeps what a
 * number was in the file, an int or a float, and writes a float by its repr (`10.0`, `1e-05`); JavaScript's
 * JSON.parse forgets it. So a file is read here once into both its plain value (for filters) and the exact
 * text Python would send for it.
 */

/** Python's repr of a float: the shortest round-trip digits (as JavaScript's), Python's layout. */
export function pythonFloatRepr(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`${x}: Python's json.dumps refuses it (allow_nan=False)`);
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [mantissa, exp] = Math.abs(x).toExponential().split("e");
  const digits = mantissa.replace(".", "");
  const e = Number(exp);
  const sign = x < 0 ? "-" : "";
  // float_repr_style 'short': scientific when the decimal exponent is below -4 or 16 and above.
  if (e < -4 || e >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  }
  if (e < 0) return `${sign}0.${"0".repeat(-e - 1)}${digits}`;
  const whole = digits.slice(0, e + 1).padEnd(e + 1, "0");
  const fraction = digits.slice(e + 1);
  return `${sign}${whole}.${fraction || "0"}`;
}

export interface PythonJson {
  value: unknown;
  /** The compact text Python writes for the value. */
  wire: string;
}

// Sticky (read at lastIndex): a token is matched where the parser stands, without copying the rest.
const SPACE = /[ \t\n\r]*/y;
const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;

/** Parses JSON text as CPython's json.load with OrderedDict does, keeping the text Python would send. */
export function parsePythonJson(text: string): PythonJson {
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`invalid JSON at ${i}: ${what}`);
  };
  const space = () => {
    SPACE.lastIndex = i;
    SPACE.test(text);
    i = SPACE.lastIndex;
  };
  const value = (): PythonJson => {
    space();
    const c = text[i];
    if (c === "{") return object();
    if (c === "[") return array();
    if (c === '"') return string();
    for (const literal of ["true", "false", "null"]) {
      if (text.startsWith(literal, i)) {
        i += literal.length;
        return { value: JSON.parse(literal), wire: literal };
      }
    }
    return number();
  };
  const number = (): PythonJson => {
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m) return fail("a value");
    i += m[0].length;
    // An int stays an int, written by its digits (Python ints are unbounded); "-0" is the int 0.
    if (m[2] === undefined && m[3] === undefined)
      return m[0] === "-0" ? { value: 0, wire: "0" } : { value: Number(m[0]), wire: m[0] };
    const x = Number(m[0]);
    return { value: x, wire: pythonFloatRepr(x) };
  };
  const string = (): PythonJson => {
    // The closing quote (an escaped character skipped); JSON.parse then checks the escapes and refuses a
    // raw control character, as json.loads (strict) does.
    let end = i + 1;
    while (end < text.length && text.charCodeAt(end) !== 0x22) end += text.charCodeAt(end) === 0x5c ? 2 : 1;
    if (end >= text.length) return fail("a string");
    let s: string;
    try {
      s = JSON.parse(text.slice(i, end + 1)) as string;
    } catch {
      return fail("a string");
    }
    i = end + 1;
    // json.dumps(ensure_ascii=False) escapes what JSON.stringify escapes: ", \, \b \f \n \r \t, other
    // controls as \u00xx; everything else, non-ASCII included, is written as is.
    return { value: s, wire: JSON.stringify(s) };
  };
  const array = (): PythonJson => {
    i++;
    const items: PythonJson[] = [];
    space();
    if (text[i] === "]") i++;
    else
      for (;;) {
        items.push(value());
        space();
        if (text[i++] === "]") break;
        if (text[i - 1] !== ",") fail("',' or ']'");
      }
    return { value: items.map((x) => x.value), wire: `[${items.map((x) => x.wire).join(",")}]` };
  };
  const object = (): PythonJson => {
    i++;
    // OrderedDict(pairs): a repeated key keeps its first place and its last value, as a Map does.
    const entries = new Map<string, PythonJson>();
    space();
    if (text[i] === "}") i++;
    else
      for (;;) {
        space();
        if (text[i] !== '"') fail("a key");
        const key = string().value as string;
        space();
        if (text[i++] !== ":") fail("':'");
        entries.set(key, value());
        space();
        if (text[i++] === "}") break;
        if (text[i - 1] !== ",") fail("',' or '}'");
      }
    const pairs = [...entries];
    return {
      value: Object.fromEntries(pairs.map(([k, v]) => [k, v.value])),
      wire: `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${v.wire}`).join(",")}}`,
    };
  };
  const result = value();
  space();
  if (i !== text.length) fail("end of the text");
  return result;
}
