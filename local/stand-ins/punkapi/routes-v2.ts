/** The v2 server's routes: /beers/random, /beers/:id and /beers with its filters, Boom errors, 404 otherwise. */
import type http from "http";
import { catalogue, V2Beer } from "./catalogue";
import { boom } from "./responses";
import type { Serving } from "./serving";
import { validateBeerId, validateBeersQuery } from "./v2-params";

export function routeV2(
  base: string,
  url: URL,
  res: http.ServerResponse,
  rate: http.OutgoingHttpHeaders,
  s: Serving,
) {
  const path = url.pathname;
  const served = (beers: V2Beer[]) => {
    s.served(beers.map((b) => b.id));
    return beers.map((b) => s.beer(b));
  };
  if (path === `${base}/beers/random`) {
    const id = s.nextRandomId();
    return s.send(res, 200, served(id === undefined ? catalogue.random() : catalogue.beer(id)), rate);
  }
  const byId = path.match(new RegExp(`^${base}/beers/([^/]+)$`));
  if (byId) {
    const errors = validateBeerId(byId[1]);
    if (errors.length) return s.send(res, 400, boom(400, "Invalid query params", errors), rate);
    const found = catalogue.beer(Number(byId[1]));
    if (!found.length)
      return s.send(res, 404, boom(404, `No beer found that matches the ID ${byId[1]}`), rate);
    return s.send(res, 200, served(found), rate);
  }
  if (path === `${base}/beers`) {
    const errors = validateBeersQuery(url.searchParams);
    if (errors.length) return s.send(res, 400, boom(400, "Invalid query params", errors), rate);
    const page = Number(url.searchParams.get("page") ?? 1);
    const perPage = Number(url.searchParams.get("per_page") ?? 25);
    const beers = catalogue.beers(Object.fromEntries(url.searchParams));
    return s.send(res, 200, served(beers.slice((page - 1) * perPage, page * perPage)), rate);
  }
  return s.send(res, 404, boom(404, `No endpoint found that matches '${path}'`), rate);
}
