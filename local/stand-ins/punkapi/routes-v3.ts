/**
 * The v3 server's routes (alxiw/punkapi service/router.py under /v3, app.py; read at the commit in
 * ./v3-catalogue/SOURCE.md), answered as FastAPI and Starlette do:
 * - `/beers/random`: one beer, uniformly at random, a bare object; `/beers/{beer_id}`: a bare object, the
 *   id an int from 1 to 415 (else FastAPI's 422); `/beers`: a list, `page` required (> 0), `per_page` 10-80
 *   (default 30), filtered then sliced; `/`: the project's address.
 * - bodies: `json.dumps(ensure_ascii=False, separators=(",", ":"))`, content-type `application/json`; each
 *   beer's text is the one CPython writes for its data file (./python-json.ts).
 * - no route: `{"detail":"Not Found"}`; a route with another method: 405 `{"detail":"Method Not Allowed"}`;
 *   a path that matches once its trailing slash is toggled: a 307 to it (Starlette's redirect_slashes).
 * - an exception in a filter (a beer_name that is no valid regex): 500 `{"error":"Internal Server Error",
 *   "message":str(exc)}`; the message is Python's re.error text there, JavaScript's here.
 * Not reproduced: `/images/{file}` (the images are not vendored) and CORS preflights.
 */
import type http from "http";
import { filterV3, randomV3, v3Catalogue, V3Entry } from "./catalogue-v3";
import { Wire } from "./responses";
import type { Serving } from "./serving";
import { validateBeerId, validateBeersQuery } from "./v3-params";

const ABOUT = { project: "https://github.com/alxiw/punkapi" };

/** The route a decoded path names, if any (Starlette's `{beer_id}` is one segment, `[^/]+`). */
function match(base: string, path: string): { route: string; id?: string } | undefined {
  if (path === `${base}/beers/random`) return { route: "random" };
  const byId = /^\/beers\/([^/]+)$/.exec(path.slice(base.length));
  if (path.startsWith(`${base}/`) && byId) return { route: "beer", id: byId[1] };
  if (path === `${base}/beers`) return { route: "beers" };
  if (path === `${base}/` || path === "/") return { route: "about" };
  return undefined;
}

export function routeV3(
  base: string,
  method: string,
  url: URL,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  s: Serving,
) {
  let path: string;
  try {
    path = decodeURIComponent(url.pathname); // the server routes on the decoded path
  } catch {
    path = url.pathname;
  }
  const found = match(base, path);
  if (!found) {
    const toggled = path.endsWith("/") ? path.slice(0, -1) : `${path}/`;
    if (path !== "/" && match(base, toggled)) {
      const location = `http://${req.headers.host ?? "127.0.0.1"}${url.pathname.endsWith("/") ? url.pathname.slice(0, -1) : `${url.pathname}/`}${url.search}`;
      res.writeHead(307, { location, "content-length": 0 });
      return res.end();
    }
    return s.send(res, 404, { detail: "Not Found" });
  }
  if (method !== "GET" && method !== "HEAD")
    return s.send(res, 405, { detail: "Method Not Allowed" }, { allow: "GET, HEAD" });

  const beers = v3Catalogue();
  const serve = (entries: V3Entry[], one: boolean) => {
    s.served(entries.map((e) => e.beer.id));
    const wires = entries.map((e) => s.beerWire(e.wire));
    return s.send(res, 200, new Wire(one ? wires[0] : `[${wires.join(",")}]`));
  };
  switch (found.route) {
    case "about":
      return s.send(res, 200, ABOUT);
    case "random": {
      const id = s.nextRandomId();
      return serve([id === undefined ? randomV3() : beers.find((e) => e.beer.id === id)!], true);
    }
    case "beer": {
      const id = validateBeerId(found.id!, beers.length);
      if (typeof id !== "number") return s.send(res, 422, { detail: id });
      const entry = beers.find((e) => e.beer.id === id);
      if (!entry)
        return s.send(res, 404, {
          error: "HTTP Error",
          message: { error: "Not Found", message: `No beer found that matches the ID ${id}` },
        });
      return serve([entry], true);
    }
    case "beers": {
      const query = validateBeersQuery(url.searchParams);
      if (Array.isArray(query)) return s.send(res, 422, { detail: query });
      let filtered: V3Entry[];
      try {
        filtered = filterV3(beers, query.filters);
      } catch (error) {
        return s.send(res, 500, { error: "Internal Server Error", message: (error as Error).message });
      }
      const offset = (query.page - 1) * query.perPage;
      return serve(filtered.slice(offset, offset + query.perPage), false);
    }
  }
}
