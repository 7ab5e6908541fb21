/**
 * A local Punk API on 127.0.0.1, in either contract, each with its own real catalogue: v2 serves punkapi-db
 * 2.6.0 (325 beers) as the original server answered (routes, Boom error bodies, fixed-window rate limit
 * with X-RateLimit-* headers and 429 + Retry-After); v3 serves the community API's 415 beers (vendored from
 * alxiw/punkapi, ./v3-catalogue) byte for byte as its FastAPI server does (./routes-v3.ts: bare objects,
 * page/per_page rules, FastAPI's 422 bodies, no rate-limit headers). Connections idle for longer than the real servers keep them (5 s) are dead: a request sent
 * on one has its connection reset, as a server that has already closed it would. Faults are switchable for
 * tests. Started in-process by tests and by `npm start`, alone by `npm run punkapi`.
 */
import http from "http";
import type { AddressInfo, Socket } from "net";
import { catalogue } from "./catalogue";
import { v3Catalogue } from "./catalogue-v3";
import { Fault, FaultPlan, FaultStep } from "./faults";
import { boom, sender, StandInContract } from "./responses";
import { FixedWindow } from "./rate-limit";
import { applyFault } from "./fault-responses";
import { routeV2 } from "./routes-v2";
import { routeV3 } from "./routes-v3";
import type { Serving } from "./serving";
import { STAND_IN_DEFAULTS } from "./defaults";
import { clashes, ExtraFields, withFields, withFieldsInWire } from "./extra-fields";

export type { StandInContract } from "./responses";

/** What the stand-in serves in each contract, as a run summary should say it. */
export const CATALOGUE: Record<StandInContract, string> = {
  v2: "the 325 beers of the v2 catalogue (punkapi-db 2.6.0)",
  v3: "the 415 beers of the v3 catalogue (alxiw/punkapi data/ at 86bfa44)",
};

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
  /** Fields added to every beer served (not to a fault's body): a new upstream field, schema drift. */
  extraFields?: ExtraFields;
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

/** Why fields cannot be added to the contract's beers (./extra-fields.ts), or undefined when they can. */
export function extraFieldClashes(contract: StandInContract, extra: ExtraFields): string | undefined {
  // Every beer of a catalogue has the same fields (the handler's shape check holds them to it).
  const taken = clashes(extra, contract === "v2" ? catalogue.beer(1)[0] : v3Catalogue()[0].beer);
  return taken.length ? `${taken.join(", ")}: already a field of every ${contract} beer` : undefined;
}

export async function startPunkApi(options: StandInOptions = {}): Promise<StandIn> {
  const contract = options.contract ?? STAND_IN_DEFAULTS.contract;
  // The v3 files are read now, once per process, not on the first request, which would wait for them.
  if (contract === "v3") v3Catalogue();
  const base = `/${contract}`;
  const retryAfterSeconds = options.retryAfterSeconds ?? STAND_IN_DEFAULTS.retryAfterSeconds;
  const retryAfter = () =>
    options.retryAfterFormat === "date"
      ? new Date(Date.now() + retryAfterSeconds * 1000).toUTCString()
      : String(retryAfterSeconds);
  const idleTimeoutMs = options.idleTimeoutMs ?? 5000;
  const randomIds = [...(options.randomIds ?? [])];
  // An id the catalogue does not hold would fail inside a request; a test asking for one is told now.
  const holds = (id: number) =>
    contract === "v2" ? catalogue.beer(id).length > 0 : v3Catalogue().some((e) => e.beer.id === id);
  const unknown = randomIds.filter((id) => !holds(id));
  if (unknown.length)
    throw new Error(`randomIds: no beer ${unknown.join(", ")} in the ${contract} catalogue`);
  const extra = options.extraFields ?? {};
  const taken = extraFieldClashes(contract, extra);
  if (taken) throw new Error(`extraFields: ${taken}`);
  let latencyMs = options.latencyMs ?? 0;
  const plan = new FaultPlan();
  plan.set(options.faults ?? []);
  const window = new FixedWindow(
    options.rateLimit ?? STAND_IN_DEFAULTS.rateLimit,
    options.rateWindowMs ?? STAND_IN_DEFAULTS.rateWindowMs,
  );
  const stats: StandInStats = {
    requests: 0,
    served: [],
    faults: {},
    limited: 0,
    staleConnections: 0,
    refusedAt: [],
  };
  const sockets = new Set<Socket>();
  let wrongShape = 0;
  const send = sender(contract);
  const serving: Serving = {
    send,
    served: (ids) => stats.served.push(...ids),
    nextRandomId: () => randomIds.shift(),
    beer: (beer) => withFields(beer, extra),
    beerWire: (wire) => withFieldsInWire(wire, extra),
  };
  const faults = {
    send,
    contract,
    retryAfter,
    count: (fault: Fault) => (stats.faults[fault] = (stats.faults[fault] ?? 0) + 1),
    refused: () => stats.refusedAt.push(Date.now()),
    nextWrongShape: () => wrongShape++,
  };

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
      const rate = v2 ? window.take() : { headers: {}, limited: false };
      const fault = plan.take();
      if (fault && fault !== "none") return applyFault(fault, req, res, rate.headers, faults);
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
      if (contract === "v3") return routeV3(base, req.method ?? "GET", url, req, res, serving);
      if (req.method !== "GET") {
        return send(res, 404, boom(404, `No endpoint found that matches '${url.pathname}'`), rate.headers);
      }
      return routeV2(base, url, res, rate.headers, serving);
    };
    if (latencyMs > 0) setTimeout(respond, latencyMs);
    else respond();
  });
  // Idle connections are judged by the handler above, on their next request, not closed by a timer.
  server.keepAliveTimeout = 0;
  server.on("connection", (socket) => {
    sockets.add(socket);
    // A connection this server resets (the "reset" fault, an idle one) may still see the client's bytes
    // and fail with ECONNRESET: expected here, and not an error of the process that hosts the stand-in.
    socket.on("error", () => undefined);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${base}`,
    contract,
    catalogue: CATALOGUE[contract],
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
