/**
 * The stand-in keeps the v2 contract as observed on the original server (shared/punkapi/contract.md),
 * with the v2 catalogue; its faults, latency and idle connections in either contract. The v3 mode's
 * answers, with the real v3 catalogue: ./punkapi-v3.test.ts.
 */
import { expect } from "chai";
import got from "got";
import { parseFaultList } from "../../local/stand-ins/punkapi/faults";
import { startPunkApi, StandIn } from "../../local/stand-ins/punkapi/server";

describe("local Punk API stand-in", () => {
  let api: StandIn;
  afterEach(async () => api?.close());
  const get = (path: string) =>
    got(`${api.url}${path}`, {
      throwHttpErrors: false,
      retry: 0,
      responseType: "json",
      timeout: { request: 2000 },
    });

  it("binds 127.0.0.1 and serves /beers/random as a one-element array with rate-limit headers", async () => {
    api = await startPunkApi({ contract: "v2", rateLimit: 10 });
    expect(api.url).to.match(/^http:\/\/127\.0\.0\.1:\d+\/v2$/);
    const r = await get("/beers/random");
    expect(r.statusCode).to.equal(200);
    expect(r.body).to.be.an("array").with.length(1);
    expect(r.headers["content-type"]).to.equal("application/json; charset=utf-8");
    expect(r.headers).to.include({ "x-ratelimit-limit": "10", "x-ratelimit-remaining": "9" });
    expect(Number(r.headers["x-ratelimit-reset"])).to.be.greaterThan(Date.now() / 1000);
  });

  it("pages /beers (325 beers: per_page=80 gives 80,80,80,80,5,0)", async () => {
    api = await startPunkApi({ contract: "v2" });
    const sizes = [];
    for (let page = 1; page <= 6; page++)
      sizes.push(((await get(`/beers?page=${page}&per_page=80`)).body as unknown[]).length);
    expect(sizes).to.deep.equal([80, 80, 80, 80, 5, 0]);
    expect(((await get("/beers")).body as unknown[]).length).to.equal(25);
  });

  it("filters with punkapi-lib, null gotcha included (ibu_lt=10 includes null ibu)", async () => {
    api = await startPunkApi({ contract: "v2" });
    const ids = ((await get("/beers?ibu_lt=10&per_page=80")).body as { id: number }[]).map((b) => b.id);
    expect(ids).to.include.members([24, 169]);
  });

  it("answers errors with the original Boom bodies", async () => {
    api = await startPunkApi({ contract: "v2" });
    expect((await get("/beers?per_page=81")).body).to.deep.equal({
      statusCode: 400,
      error: "Bad Request",
      message: "Invalid query params",
      data: [
        {
          location: "query",
          param: "per_page",
          msg: "Must be a number greater than 0 and less than 80",
          value: "81",
        },
      ],
    });
    expect((await get("/beers/abc")).body).to.deep.include({
      statusCode: 400,
      message: "Invalid query params",
    });
    expect((await get("/beers/1000")).body).to.deep.equal({
      statusCode: 404,
      error: "Not Found",
      message: "No beer found that matches the ID 1000",
    });
    expect((await get("/foo")).body).to.deep.include({ message: "No endpoint found that matches '/v2/foo'" });
    const one = await get("/beers/01");
    expect((one.body as { id: number }[])[0].id).to.equal(1);
  });

  it("answers 429 with Retry-After once the window's budget is spent", async () => {
    api = await startPunkApi({ contract: "v2", rateLimit: 2, retryAfterSeconds: 3600 });
    await get("/beers/random");
    await get("/beers/random");
    const r = await get("/beers/random");
    expect(r.statusCode).to.equal(429);
    expect(r.headers).to.include({ "retry-after": "3600", "x-ratelimit-remaining": "0" });
    expect(r.body).to.deep.include({ statusCode: 429, error: "Too Many Requests" });
  });

  it("drops a connection idle for longer than the real servers keep one, on its next request", async () => {
    api = await startPunkApi({ idleTimeoutMs: 200 });
    const agent = new (await import("http")).Agent({ keepAlive: true });
    const once = () => got(`${api.url}/beers/random`, { retry: 0, agent: { http: agent } });
    await once();
    await once(); // reused while fresh
    await new Promise((r) => setTimeout(r, 250));
    const stale = await once().catch((e: { code: string }) => e.code);
    expect(stale).to.equal("ECONNRESET");
    expect(api.stats.staleConnections).to.equal(1);
    agent.destroy();
  });

  it("injects each fault for exactly the requested number of requests, in order", async () => {
    api = await startPunkApi({ contract: "v2", faults: parseFaultList("5xx:2,html:1") });
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const r = await got(`${api.url}/beers/random`, { throwHttpErrors: false, retry: 0 });
      statuses.push(`${r.statusCode} ${r.headers["content-type"]?.split(";")[0]}`);
    }
    expect(statuses).to.deep.equal([
      "500 application/json",
      "500 application/json",
      "200 text/html",
      "200 application/json",
    ]);
    expect(api.stats.faults).to.deep.equal({ "5xx": 2, html: 1 });
  });

  it("resets connections and hangs on request", async () => {
    api = await startPunkApi({
      faults: [
        { fault: "reset", times: 1 },
        { fault: "hang", times: 1 },
      ],
    });
    const reset = await get("/beers/random").catch((e: { code: string }) => e.code);
    expect(reset).to.equal("ECONNRESET");
    const hang = await got(`${api.url}/beers/random`, { retry: 0, timeout: { request: 200 } }).catch(
      (e: { code: string }) => e.code,
    );
    expect(hang).to.equal("ETIMEDOUT");
  });

  it("adds latency to every response", async () => {
    api = await startPunkApi({ latencyMs: 100 });
    const start = Date.now();
    await get("/beers/random");
    expect(Date.now() - start).to.be.at.least(100);
  });

  it("parses the CLI fault list and refuses unknown faults", () => {
    expect(parseFaultList("5xx:3, hang")).to.deep.equal([{ fault: "5xx", times: 3 }, { fault: "hang" }]);
    expect(() => parseFaultList("boom:1")).to.throw(/unknown fault "boom"/);
    expect(() => parseFaultList("5xx:x")).to.throw(/count must be a whole number/);
  });
});
