/**
 * How the stand-in writes a response in each contract: JSON as each server wrote it (v2: Express,
 * `application/json; charset=utf-8`; v3: Starlette, `application/json`), a v3 beer body as the text the
 * v3 server sends for it (a Wire, ./python-json.ts), a string as HTML; the v2 server's Boom error bodies;
 * and the bodies the faults send.
 */
import http from "http";
import type { Contract } from "../../../handler/contract";

/** The stand-in serves every contract the handler speaks: a contract added there must be served here too. */
export type StandInContract = Contract;

export type Send = (
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers?: http.OutgoingHttpHeaders,
) => void;

/** A body already serialized as the server writes it: sent byte for byte. */
export class Wire {
  constructor(readonly text: string) {}
}

export function sender(contract: StandInContract): Send {
  const json = contract === "v2" ? "application/json; charset=utf-8" : "application/json";
  return (res, status, body, headers = {}) => {
    const text = body instanceof Wire ? body.text : typeof body === "string" ? body : JSON.stringify(body);
    res.writeHead(status, {
      "content-type": typeof body === "string" ? "text/html; charset=utf-8" : json,
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
