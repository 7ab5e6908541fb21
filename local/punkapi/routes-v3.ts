/**
 * The community v3 API's routes, as it answers them: a bare beer object, `page` required and `per_page`
 * 10 to 80 on /beers, FastAPI's 422 bodies for invalid parameters and its 404 body otherwise.
 */
import type http from "http";
import { catalogue } from "./catalogue";
import type { Serving } from "./serving";

export function routeV3(base: string, url: URL, res: http.ServerResponse, s: Serving) {
  const path = url.pathname;
  const notFound = (message: string) =>
    s.send(res, 404, { error: "HTTP Error", message: { error: "Not Found", message } });
  const unprocessable = (loc: string[], msg: string, input: unknown) =>
    s.send(res, 422, { detail: [{ type: "value_error", loc, msg, input }] });
  if (path === `${base}/beers/random`) return s.send(res, 200, s.served(s.random())[0]);
  const byId = path.match(new RegExp(`^${base}/beers/([^/]+)$`));
  if (byId) {
    if (!/^\d+$/.test(byId[1]) || Number(byId[1]) < 1) {
      return unprocessable(["path", "id"], "Input should be a valid integer greater than 0", byId[1]);
    }
    const found = catalogue.beer(Number(byId[1]));
    if (!found.length) return notFound(`No beer found that matches the ID ${byId[1]}`);
    return s.send(res, 200, s.served(found)[0]);
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
    return s.send(res, 200, s.served(beers.slice((+page - 1) * +perPageRaw, +page * +perPageRaw)));
  }
  return notFound(`No endpoint found that matches '${path}'`);
}
