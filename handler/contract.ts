/**
 * The two Punk API contracts the source can speak. v2 (the original, shut down in 2024, self-hostable)
 * answers /beers/random with a one-element array; the community v3 answers with a bare object and calls
 * the image field `image` instead of `image_url`.
 */
import { arrayElementTexts } from "./json-array";

export const CONTRACTS = ["v2", "v3"] as const;

export type Contract = (typeof CONTRACTS)[number];

export function isContract(value: string): value is Contract {
  return (CONTRACTS as readonly string[]).includes(value);
}

/** Relative to the base URL (got's prefixUrl forbids a leading slash). */
export const RANDOM_PATH = "beers/random";

/**
 * The catalogue, page by page: `beers?page=N&per_page=M` in both contracts (v2: per_page 1 to 80, page
 * optional; v3: per_page 10 to 80, page required). 80 is the largest page both accept: 5 requests for the
 * 325 v2 beers, 6 for the 415 of v3.
 */
export const CATALOGUE_PATH = "beers";
export const PAGE_SIZE = 80;

/** How a run samples the API: N random beers, or the whole catalogue (a snapshot). */
export const INGEST_MODES = ["random", "catalogue"] as const;

export type IngestMode = (typeof INGEST_MODES)[number];

export function imageField(contract: Contract): "image_url" | "image" {
  return contract === "v2" ? "image_url" : "image";
}

export type Unwrapped = { ok: true; value: unknown; raw: string } | { ok: false; reason: string };

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return JSON.stringify(flat.length > 80 ? `${flat.slice(0, 80)}…` : flat);
}

/**
 * Takes a /beers/random response body and returns the beer candidate, with `raw` being its exact text as
 * received, so the record written to Kinesis is byte for byte what the API sent.
 */
export function unwrapRandom(contract: Contract, body: Uint8Array): Unwrapped {
  const json = parseBody(body);
  if (!json.ok) return json;
  const { parsed, text } = json;
  const trimmed = text.trim();
  if (contract === "v2") {
    if (!Array.isArray(parsed))
      return { ok: false, reason: `expected a one-element array, got ${kind(parsed)}` };
    if (parsed.length !== 1)
      return { ok: false, reason: `expected a one-element array, got ${parsed.length} elements` };
    // A one-element array is "[", the element, "]" and whitespace: the element's exact text is inside.
    return { ok: true, value: parsed[0], raw: trimmed.slice(1, -1).trim() };
  }
  return { ok: true, value: parsed, raw: trimmed };
}

type ParsedBody = { ok: true; parsed: unknown; text: string } | { ok: false; reason: string };

function parseBody(body: Uint8Array): ParsedBody {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    return { ok: false, reason: "body is not valid UTF-8" };
  }
  if (text.trim() === "") return { ok: false, reason: "body is empty" };
  try {
    return { ok: true, parsed: JSON.parse(text), text };
  } catch (error) {
    return { ok: false, reason: `body is not JSON (${(error as Error).message}): ${snippet(text)}` };
  }
}

export type UnwrappedPage =
  | { ok: true; items: { value: unknown; raw: string }[] }
  | { ok: false; reason: string };

/**
 * Takes a catalogue page (a JSON array of beers in both contracts) and returns each beer candidate with
 * its exact text as received.
 */
export function unwrapPage(body: Uint8Array): UnwrappedPage {
  const json = parseBody(body);
  if (!json.ok) return json;
  if (!Array.isArray(json.parsed))
    return { ok: false, reason: `expected an array of beers, got ${kind(json.parsed)}` };
  const raws = arrayElementTexts(json.text);
  return { ok: true, items: json.parsed.map((value, i) => ({ value, raw: raws[i] })) };
}

export function kind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}
