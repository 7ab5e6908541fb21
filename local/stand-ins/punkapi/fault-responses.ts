/** A fault answered the way it happens on the wire: an error status, a reset, a hang, a broken or wrong body. */
import type http from "http";
import { catalogue } from "./catalogue";
import { randomV3 } from "./catalogue-v3";
import type { Fault } from "./faults";
import { boom, HTML, Send, StandInContract, WRONG_SHAPES } from "./responses";

export interface FaultContext {
  send: Send;
  contract: StandInContract;
  /** The Retry-After a 429 carries, as the server is configured to write it. */
  retryAfter(): string;
  /** Counts the fault and records when a 429 was sent. */
  count(fault: Fault): void;
  refused(): void;
  /** Which wrong shape comes next: they are rotated, so one run sees each kind. */
  nextWrongShape(): number;
}

export function applyFault(
  fault: Exclude<Fault, "none">,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  rate: http.OutgoingHttpHeaders,
  f: FaultContext,
): unknown {
  f.count(fault);
  // A beer of the contract's own catalogue, for the faults that send one (broken, cut or misshapen).
  const v3 = f.contract === "v3" ? randomV3() : undefined;
  const beer: Record<string, unknown> & { id: number; name: string } = v3?.beer ?? catalogue.random()[0];
  switch (fault) {
    case "5xx":
      return f.send(res, 500, boom(500, "Something has gone wrong on our end please try again"), rate);
    case "429":
      f.refused();
      return f.send(
        res,
        429,
        boom(429, "You have reached your limit on this ip address please wait an hour"),
        {
          ...rate,
          "x-ratelimit-remaining": 0,
          "retry-after": f.retryAfter(),
        },
      );
    case "404":
      // A client error: the request itself is wrong (a path the API does not have), retrying cannot help.
      // Each server's answer for a path it does not have (v3: Starlette's, through FastAPI's handler).
      return f.contract === "v2"
        ? f.send(res, 404, boom(404, "No endpoint found that matches '/v2/beers/random'"), rate)
        : f.send(res, 404, { detail: "Not Found" }, rate);
    case "reset":
      return req.socket.destroy();
    case "hang":
      return; // the socket stays open until the client gives up or the server closes
    case "malformed":
      return f.send(res, 200, `[{"id": ${beer.id}, "name": "${beer.name}", "abv": 4.5,,}`, {
        ...rate,
        "content-type": "application/json; charset=utf-8",
      });
    case "truncated": {
      const text = v3 ? v3.wire : JSON.stringify([beer]);
      res.writeHead(200, {
        ...rate,
        "content-type": "application/json",
        "content-length": Buffer.byteLength(text),
      });
      res.write(text.slice(0, Math.floor(text.length / 2)));
      setTimeout(() => req.socket.destroy(), 5);
      return;
    }
    case "html":
      return f.send(res, 200, HTML, rate);
    case "wrong-shape": {
      const shape = WRONG_SHAPES[f.nextWrongShape() % WRONG_SHAPES.length];
      const value = shape.make(beer);
      return f.send(res, 200, shape.wrap && f.contract === "v2" ? [value] : value, rate);
    }
  }
}
