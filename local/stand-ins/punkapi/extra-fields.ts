/**
 * Fields the stand-in adds to every beer it serves, to show schema drift locally: an upstream API that
 * starts sending a field the lake's schema does not declare (docs/local-run.md, "Schema drift"). Added after
 * the beer's own fields, in either contract: to the v2 beer object before it is serialized, and into the
 * v3 beer's wire text before its closing brace (compact, as the v3 server writes; a float with no fraction
 * is written as JavaScript writes it, `1`, where Python would write `1.0`).
 */
export type ExtraFields = Readonly<Record<string, unknown>>;

/** A beer object with the fields added after its own. */
export function withFields<T extends object>(beer: T, extra: ExtraFields): T {
  return { ...beer, ...extra };
}

/** A beer's compact JSON text (an object) with the fields added before its closing brace. */
export function withFieldsInWire(wire: string, extra: ExtraFields): string {
  const added = Object.entries(extra).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
  if (!added.length) return wire;
  return `${wire.slice(0, -1)}${wire === "{}" ? "" : ","}${added.join(",")}}`;
}

/**
 * The names of `extra` that a served beer already has: adding one would change a field, not add one,
 * and JSON with a key twice is read differently by different parsers.
 */
export function clashes(extra: ExtraFields, beer: object): string[] {
  return Object.keys(extra).filter((k) => Object.hasOwn(beer, k));
}

/** `name=json-value` (`country="Scotland"`, `awards={"gold":2}`) as a field, or why it is not one. */
export function parseExtraField(text: string): [string, unknown] {
  const eq = text.indexOf("=");
  if (eq < 1) throw new Error(`expected name=json-value, got "${text}"`);
  const name = text.slice(0, eq);
  const raw = text.slice(eq + 1);
  try {
    return [name, JSON.parse(raw)];
  } catch {
    throw new Error(
      `${name}: the value is not JSON (a string needs its quotes: ${name}='"text"'), got ${raw}`,
    );
  }
}
