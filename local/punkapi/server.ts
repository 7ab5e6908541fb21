/**
 * A local Punk API on 127.0.0.1, serving the v2 catalogue (punkapi-db 2.6.0, 325 beers) in either contract:
 * v2 as the original server answered (routes, Boom error bodies, fixed-window rate limit with X-RateLimit-*
 * headers and 429 + Retry-After), or v3 in the community API's wire format (bare objects, `image` file
 * names, compact JSON with Python floats, page/per_page rules, FastAPI's 422 and error bodies, no rate-limit
 * headers). The v3 API's own 415-beer catalogue is not available offline: its mode serves the 325 v2 beers
 * and says so. Connections idle for longer than the real servers keep them (5 s) are dead: a request sent
 * on one has its connection reset, as a server that has already closed it would. Faults are switchable for
 * tests. Started in-process by tests and by `npm start`, alone by `npm run punkapi`.
 */
import http from "http";
import type { AddressInfo, Socket } from "net";
import { catalogue, toV3, V2Beer, V3Beer } from "./catalogue";
import { Fault, FaultPlan, FaultStep } from "./faults";
import { validateBeerId, validateBeersQuery } from "./v2-params";
import { v3Json } from "./v3-wire";

export type StandInContract = "v2" | "v3";

/** What the stand-in serves, as a run summary should say it. */
export const CATALOGUE = "the 325 beers of the v2 catalogue (punkapi-db 2.6.0)";

export interface StandInOptions {
  contract?: StandInContract;
  port?: number;
  /** Requests per window before 429 (v2 only); the public API allowed 3600 per hour. */
  rateLimit?: number;
  rateWindowMs?: number;
  /** Retry-After sent with a 429, in seconds (the public API sent 3600). */
  retryAfterSeconds?: number;
  latencyMs?: number;
  faults?: FaultStep[];
  /** Retry-After as delta-seconds (the original) or as an HTTP date. */
  retryAfterFormat?: "seconds" | "date";
  /** /beers/random serves these ids first, in order (then random ones). */
  randomIds?: number[];
  /** How long an idle connection lives, as on both real servers (5 s, not announced). */
  idleTimeoutMs?: number;
}

export interface StandInStats {
  requests: number;
  /** Beers served in successful responses, by id. */
  served: number[];
  faults: Partial<Record<Fault, number>>;
  /** 429s answered because the rate limit was passed (not injected). */
  limited: number;
  /** Requests that arrived on a connection idle past idleTimeoutMs, which was reset. */
  staleConnections: number;
  /** When each 429 was sent (epoch ms), injected or not. */
  refusedAt: number[];
}

export interface StandIn {
  url: string;
  contract: StandInContract;
  /** What it serves, in words. */
  catalogue: string;
  stats: StandInStats;
  setFaults(steps: FaultStep[]): void;
  setLatency(ms: number): void;
  close(): Promise<void>;
}

const BOOM = {
  500: "Internal Server Error",
  400: "Bad Request",
  404: "Not Found",
  429: "Too Many Requests",
} as const;

function boom(status: keyof typeof BOOM, message: string, data?: unknown) {
  return { statusCode: status, error: BOOM[status], message, ...(data ? { data } : {}) };
}

const HTML =
  "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>";

/**
 * Bodies that look like a JSON success but are not a beer, rotated so one run sees each kind. A beer-level
 * shape is wrapped the way the contract wraps a beer; the error body is sent as is.
 */
const WRONG_SHAPES: { wrap: boolean; make: (beer: Record<string, unknown>) => unknown }[] = [
  { wrap: true, make: (beer) => ({ ...beer, id: String(beer.id) }) },
  { wrap: true, make: (beer) => Object.fromEntries(Object.entries(beer).filter(([k]) => k !== "id")) },
  { wrap: false, make: () => boom(500, "Something has gone wrong on our end please try again") },
  { wrap: true, make: (beer) => ({ ...beer, abv: "strong" }) },
];

export async function startPunkApi(options: StandInOptions = {}): Promise<StandIn> {
  const contract = options.contract ?? "v3";
  const base = `/${contract}`;
  const rateLimit = options.rateLimit ?? 3600;
  const windowMs = options.rateWindowMs ?? 3600_000;
  const retryAfterSeconds = options.retryAfterSeconds ?? 3600;
  const retryAfter = () =>
    options.retryAfterFormat === "date"
      ? new Date(Date.now() + retryAfterSeconds * 1000).toUTCString()
      : String(retryAfterSeconds);
  const idleTimeoutMs = options.idleTimeoutMs ?? 5000;
  const randomIds = [...(options.randomIds ?? [])];
  let latencyMs = options.latencyMs ?? 0;
  const plan = new FaultPlan();
  plan.set(options.faults ?? []);
  const stats: StandInStats = {
    requests: 0,
    served: [],
    faults: {},
    limited: 0,
    staleConnections: 0,
    refusedAt: [],
  };
  const sockets = new Set<Socket>();
  let windowStart = Date.now();
  let used = 0;
  let wrongShape = 0;

  const send = (
    res: http.ServerResponse,
    status: number,
    body: unknown,
    headers: http.OutgoingHttpHeaders = {},
  ) => {
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

  const isBeers = (body: unknown): body is V3Beer | V3Beer[] =>
    typeof body === "object" &&
    body !== null &&
    (Array.isArray(body) ? body.every((b) => "image" in b) : "image" in body);

  const random = (): [V2Beer] => {
    const id = randomIds.shift();
    return id === undefined ? catalogue.random() : (catalogue.beer(id) as [V2Beer]);
  };

  const served = (beers: V2Beer[]) => {
    stats.served.push(...beers.map((b) => b.id));
    return contract === "v2" ? beers : beers.map(toV3);
  };

  function rateHeaders(): { headers: http.OutgoingHttpHeaders; limited: boolean } {
    const now = Date.now();
    if (now - windowStart >= windowMs) {
      windowStart = now;
      used = 0;
    }
    used++;
    const limited = used > rateLimit;
    return {
      limited,
      headers: {
        "x-ratelimit-limit": rateLimit,
        "x-ratelimit-remaining": Math.max(0, rateLimit - used),
        "x-ratelimit-reset": Math.ceil((windowStart + windowMs) / 1000),
      },
    };
  }

  function applyFault(
    fault: Fault,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    rate: http.OutgoingHttpHeaders,
  ) {
    stats.faults[fault] = (stats.faults[fault] ?? 0) + 1;
    const [beer] = catalogue.random();
    switch (fault) {
      case "5xx":
        return send(res, 500, boom(500, "Something has gone wrong on our end please try again"), rate);
      case "429":
        stats.refusedAt.push(Date.now());
        return send(
          res,
          429,
          boom(429, "You have reached your limit on this ip address please wait an hour"),
          {
            ...rate,
            "x-ratelimit-remaining": 0,
            "retry-after": retryAfter(),
          },
        );
      case "reset":
        return req.socket.destroy();
      case "hang":
        return; // the socket stays open until the client gives up or the server closes
      case "malformed":
        return send(res, 200, `[{"id": ${beer.id}, "name": "${beer.name}", "abv": 4.5,,}`, {
          ...rate,
          "content-type": "application/json; charset=utf-8",
        });
      case "truncated": {
        const text = JSON.stringify([beer]);
        res.writeHead(200, {
          ...rate,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(text),
        });
        res.write(text.slice(0, Math.floor(text.length / 2)));
        return setTimeout(() => req.socket.destroy(), 5);
      }
      case "html":
        return send(res, 200, HTML, rate);
      case "wrong-shape": {
        const shape = WRONG_SHAPES[wrongShape++ % WRONG_SHAPES.length];
        const value = shape.make(contract === "v2" ? beer : toV3(beer));
        return send(res, 200, shape.wrap && contract === "v2" ? [value] : value, rate);
      }
    }
  }

  function routeV2(url: URL, res: http.ServerResponse, rate: http.OutgoingHttpHeaders) {
    const path = url.pathname;
    if (path === `${base}/beers/random`) return send(res, 200, served(random()), rate);
    const byId = path.match(new RegExp(`^${base}/beers/([^/]+)$`));
    if (byId) {
      const errors = validateBeerId(byId[1]);
      if (errors.length) return send(res, 400, boom(400, "Invalid query params", errors), rate);
      const found = catalogue.beer(Number(byId[1]));
      if (!found.length)
        return send(res, 404, boom(404, `No beer found that matches the ID ${byId[1]}`), rate);
      return send(res, 200, served(found), rate);
    }
    if (path === `${base}/beers`) {
      const errors = validateBeersQuery(url.searchParams);
      if (errors.length) return send(res, 400, boom(400, "Invalid query params", errors), rate);
      const page = Number(url.searchParams.get("page") ?? 1);
      const perPage = Number(url.searchParams.get("per_page") ?? 25);
      const beers = catalogue.beers(Object.fromEntries(url.searchParams));
      return send(res, 200, served(beers.slice((page - 1) * perPage, page * perPage)), rate);
    }
    return send(res, 404, boom(404, `No endpoint found that matches '${path}'`), rate);
  }

  function routeV3(url: URL, res: http.ServerResponse) {
    const path = url.pathname;
    const notFound = (message: string) =>
      send(res, 404, { error: "HTTP Error", message: { error: "Not Found", message } });
    const unprocessable = (loc: string[], msg: string, input: unknown) =>
      send(res, 422, { detail: [{ type: "value_error", loc, msg, input }] });
    if (path === `${base}/beers/random`) return send(res, 200, served(random())[0]);
    const byId = path.match(new RegExp(`^${base}/beers/([^/]+)$`));
    if (byId) {
      if (!/^\d+$/.test(byId[1]) || Number(byId[1]) < 1) {
        return unprocessable(["path", "id"], "Input should be a valid integer greater than 0", byId[1]);
      }
      const found = catalogue.beer(Number(byId[1]));
      if (!found.length) return notFound(`No beer found that matches the ID ${byId[1]}`);
      return send(res, 200, served(found)[0]);
    }
    if (path === `${base}/beers`) {
      const page = url.searchParams.get("page");
      if (page === null) return unprocessable(["query", "page"], "Field required", null);
      if (!/^\d+$/.test(page) || +page < 1)
        return unprocessable(["query", "page"], "Input should be ≥ 1", page);
      const perPageRaw = url.searchParams.get("per_page") ?? "30";
      if (!/^\d+$/.test(perPageRaw) || +perPageRaw < 10 || +perPageRaw > 80) {
        return unprocessable(["query", "per_page"], "Input should be between 10 and 80", perPageRaw);
      }
      const filters = Object.fromEntries(url.searchParams);
      if (filters.ids) filters.ids = filters.ids.split(",").join("|");
      const beers = catalogue.beers(filters);
      return send(res, 200, served(beers.slice((+page - 1) * +perPageRaw, +page * +perPageRaw)));
    }
    return notFound(`No endpoint found that matches '${path}'`);
  }

  const server = http.createServer((req, res) => {
    const socket = req.socket as Socket & { idleSince?: number };
    if (socket.idleSince !== undefined && Date.now() - socket.idleSince >= idleTimeoutMs) {
      // The real server closed this connection after its idle timeout; the client did not see it go.
      stats.staleConnections++;
      socket.resetAndDestroy();
      return;
    }
    socket.idleSince = undefined;
    res.on("finish", () => (socket.idleSince = Date.now()));
    stats.requests++;
    const respond = () => {
      const url = new URL(req.url ?? "/", "http://localhost");
      const v2 = contract === "v2" && url.pathname.startsWith(`${base}/`);
      const rate = v2 ? rateHeaders() : { headers: {}, limited: false };
      const fault = plan.take();
      if (fault) return applyFault(fault, req, res, rate.headers);
      if (rate.limited) {
        stats.limited++;
        stats.refusedAt.push(Date.now());
        return send(
          res,
          429,
          boom(429, "You have reached your limit on this ip address please wait an hour"),
          { ...rate.headers, "retry-after": retryAfter() },
        );
      }
      if (req.method !== "GET") {
        return send(res, 404, boom(404, `No endpoint found that matches '${url.pathname}'`), rate.headers);
      }
      return contract === "v2" ? routeV2(url, res, rate.headers) : routeV3(url, res);
    };
    if (latencyMs > 0) setTimeout(respond, latencyMs);
    else respond();
  });
  // Idle connections are judged by the handler above, on their next request, not closed by a timer.
  server.keepAliveTimeout = 0;
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${base}`,
    contract,
    catalogue: contract === "v2" ? CATALOGUE : `${CATALOGUE}, in the v3 wire format`,
    stats,
    setFaults: (steps) => plan.set(steps),
    setLatency: (ms) => {
      latencyMs = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
