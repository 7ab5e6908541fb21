/**
 * How the stand-in writes a response in each contract: v3 beer bodies in the v3 API's own JSON (compact,
 * Python floats, ./v3-wire.ts), everything else as JSON or HTML; the v2 server's Boom error bodies; and the
 * bodies the faults send.
 */
import http from "http";
import type { V3Beer } from "./catalogue";
import { v3Json } from "./v3-wire";

export type StandInContract = "v2" | "v3";

export type Send = (
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers?: http.OutgoingHttpHeaders,
) => void;

const isBeers = (body: unknown): body is V3Beer | V3Beer[] =>
  typeof body === "object" &&
  body !== null &&
  (Array.isArray(body) ? body.every((b) => "image" in b) : "image" in body);

export function sender(contract: StandInContract): Send {
  return (res, status, body, headers = {}) => {
    const text =
      typeof body === "string"
        ? body
        : contract === "v3" && isBeers(body)
          ? v3Json(body)
          : JSON.stringify(body);
    res.writeHead(status, {
      "content-type":
        typeof body === "string" ? "text/html; charset=utf-8" : "application/json; charset=utf-8",
      "content-length": Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  };
}

const BOOM = {
  500: "Internal Server Error",
  400: "Bad Request",
  404: "Not Found",
  429: "Too Many Requests",
} as const;

export function boom(status: keyof typeof BOOM, message: string, data?: unknown) {
  return { statusCode: status, error: BOOM[status], message, ...(data ? { data } : {}) };
}

export const HTML =
  "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>";

/**
 * Bodies that look like a JSON success but are not a beer, rotated so one run sees each kind. A beer-level
 * shape is wrapped the way the contract wraps a beer; the error body is sent as is.
 */
export const WRONG_SHAPES: { wrap: boolean; make: (beer: Record<string, unknown>) => unknown }[] = [
  { wrap: true, make: (beer) => ({ ...beer, id: String(beer.id) }) },
  { wrap: true, make: (beer) => Object.fromEntries(Object.entries(beer).filter(([k]) => k !== "id")) },
  { wrap: false, make: () => boom(500, "Something has gone wrong on our end please try again") },
  { wrap: true, make: (beer) => ({ ...beer, abv: "strong" }) },
];
