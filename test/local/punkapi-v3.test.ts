/**
 * The stand-in's v3 mode answers as the real v3 server (alxiw/punkapi on FastAPI) would, byte for byte:
 * bodies expected here are the vendored files minified (test/helpers/beers.ts), filter results were
 * printed by upstream's own repository code (Python, at the commit in SOURCE.md), and the 422 bodies were
 * worked out by hand from FastAPI 0.138.2 and pydantic-core's messages.
 */
import { expect } from "chai";
import got from "got";
import { startPunkApi, StandIn } from "../../local/stand-ins/punkapi/server";
import { IDS_PATTERN, pydanticFloat, pydanticInt } from "../../local/stand-ins/punkapi/v3-params";
import { v3FileCompact } from "../helpers/beers";

describe("local Punk API stand-in, v3: the real server's answers", () => {
  let api: StandIn;
  before(async () => {
    api = await startPunkApi({ contract: "v3", randomIds: [54] });
  });
  after(async () => api?.close());
  const get = (path: string, method: "GET" | "POST" = "GET") =>
    got(`${api.url}${path}`, {
      method,
      throwHttpErrors: false,
      retry: 0,
      followRedirect: false,
      timeout: { request: 5000 },
    });
  const list = (ids: number[]) => `[${ids.map(v3FileCompact).join(",")}]`;
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  it("says what it serves: the 415 real beers", () => {
    expect(api.catalogue).to.equal("the 415 beers of the v3 catalogue (alxiw/punkapi data/ at 86bfa44)");
  });

  it("serves /beers/{id} and /beers/random as a bare object, the file's compact text, application/json", async () => {
    const r = await get("/beers/326");
    expect(r.statusCode).to.equal(200);
    expect(r.headers["content-type"]).to.equal("application/json");
    expect(r.body).to.equal(v3FileCompact(326));
    expect(r.body).to.contain('"abv":5.0,'); // a float in the file stays one
    expect((await get("/beers/001")).body).to.equal(v3FileCompact(1)); // pydantic strips leading zeros
    expect((await get("/beers/1.0")).body).to.equal(v3FileCompact(1)); // and a zero fraction
    expect((await get("/beers/random")).body).to.equal(v3FileCompact(54));
    const random = JSON.parse((await get("/beers/random")).body) as { id: number };
    expect((await get(`/beers/${random.id}`)).body).to.equal(v3FileCompact(random.id));
  });

  it("pages /beers: page required, per_page 30 by default, 80 at most; 415 beers are 5 pages of 80 and 15", async () => {
    expect((await get("/beers?page=1")).body).to.equal(list(range(1, 30)));
    expect((await get("/beers?page=14&per_page=30")).body).to.equal(list(range(391, 415)));
    const sizes = [];
    for (let page = 1; page <= 7; page++)
      sizes.push((JSON.parse((await get(`/beers?page=${page}&per_page=80`)).body) as unknown[]).length);
    expect(sizes).to.deep.equal([80, 80, 80, 80, 80, 15, 0]);
    expect((await get("/beers?page=6&per_page=80")).body).to.equal(list(range(401, 415)));
    expect((await get("/beers?page=99&per_page=80")).body).to.equal("[]");
    // A repeated parameter: Starlette's QueryParams.get gives the last value.
    expect((await get("/beers?page=9&page=2&per_page=10")).body).to.equal(list(range(11, 20)));
  });

  it("filters as upstream's repository code does (results printed by it)", async () => {
    const ids = async (query: string) =>
      (JSON.parse((await get(`/beers?page=1&per_page=80&${query}`)).body) as { id: number }[]).map(
        (b) => b.id,
      );
    expect(await ids("ids=3,1,415")).to.deep.equal([1, 3, 415]);
    expect(await ids("abv_gt=20")).to.deep.equal([33, 38, 63]);
    expect(await ids("beer_name=punk")).to.deep.equal([1, 2, 8, 30, 66, 411]);
    expect(await ids("beer_name=elvis_juice")).to.deep.equal([211]);
    expect(await ids("brewed_before=01-2008")).to.deep.equal([1, 3, 4, 5, 6, 8, 9, 10, 11, 12, 258]);
    expect(await ids("brewed_after=2017&ebc_lt=10")).to.deep.equal([
      299, 301, 325, 359, 364, 366, 370, 384, 394, 401, 412,
    ]);
    expect(await ids("food=Chocolate_cake")).to.deep.equal([76, 77, 112, 195, 278, 281, 308, 313]);
    expect(await ids("ibu_lt=5")).to.deep.equal([95]); // a null ibu never matches, unlike v2
    expect(await ids("ibu_gt=1000")).to.deep.equal([33, 38]);
  });

  it("answers a missing page with FastAPI's 422, the input being the parameters it got", async () => {
    const r = await get("/beers");
    expect(r.statusCode).to.equal(422);
    expect(r.body).to.equal(
      '{"detail":[{"type":"missing","loc":["query","page"],"msg":"Field required","input":{}}]}',
    );
    expect((await get("/beers?per_page=10&x=1&x=2")).body).to.equal(
      '{"detail":[{"type":"missing","loc":["query","page"],"msg":"Field required",' +
        '"input":{"per_page":"10","x":["1","2"]}}]}',
    );
  });

  it("lists every invalid parameter in the model's field order, with pydantic's messages and context", async () => {
    const r = await get("/beers?abv_gt=strong&brewed_after=2010-01&ids=416&per_page=81&page=0");
    expect(r.statusCode).to.equal(422);
    const pattern = JSON.stringify(IDS_PATTERN);
    expect(r.body).to.equal(
      '{"detail":[' +
        '{"type":"greater_than","loc":["query","page"],"msg":"Input should be greater than 0","input":"0","ctx":{"gt":0}},' +
        '{"type":"less_than_equal","loc":["query","per_page"],"msg":"Input should be less than or equal to 80","input":"81","ctx":{"le":80}},' +
        `{"type":"string_pattern_mismatch","loc":["query","ids"],"msg":${JSON.stringify(`String should match pattern '${IDS_PATTERN}'`)},"input":"416","ctx":{"pattern":${pattern}}},` +
        String.raw`{"type":"string_pattern_mismatch","loc":["query","brewed_after"],"msg":"String should match pattern '^((0[1-9]|1[0-2])-)?\\d{4}$'","input":"2010-01","ctx":{"pattern":"^((0[1-9]|1[0-2])-)?\\d{4}$"}},` +
        '{"type":"float_parsing","loc":["query","abv_gt"],"msg":"Input should be a valid number, unable to parse string as a number","input":"strong"}' +
        "]}",
    );
    expect((await get("/beers?page=1&per_page=9")).body).to.equal(
      '{"detail":[{"type":"greater_than_equal","loc":["query","per_page"],"msg":"Input should be greater than or equal to 10","input":"9","ctx":{"ge":10}}]}',
    );
    expect((await get("/beers?page=one")).body).to.equal(
      '{"detail":[{"type":"int_parsing","loc":["query","page"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"one"}]}',
    );
  });

  it("refuses an id outside 1-415 with a 422 (so its own 404 never shows)", async () => {
    const body = async (path: string) => {
      const r = await get(path);
      expect(r.statusCode, path).to.equal(422);
      return r.body;
    };
    expect(await body("/beers/416")).to.equal(
      '{"detail":[{"type":"less_than_equal","loc":["path","beer_id"],"msg":"Input should be less than or equal to 415","input":"416","ctx":{"le":415}}]}',
    );
    expect(await body("/beers/0")).to.equal(
      '{"detail":[{"type":"greater_than_equal","loc":["path","beer_id"],"msg":"Input should be greater than or equal to 1","input":"0","ctx":{"ge":1}}]}',
    );
    expect(await body("/beers/abc")).to.equal(
      '{"detail":[{"type":"int_parsing","loc":["path","beer_id"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"abc"}]}',
    );
  });

  it("answers other paths and methods as Starlette does", async () => {
    const foo = await get("/foo");
    expect([foo.statusCode, foo.body]).to.deep.equal([404, '{"detail":"Not Found"}']);
    const post = await get("/beers", "POST");
    expect([post.statusCode, post.body]).to.deep.equal([405, '{"detail":"Method Not Allowed"}']);
    const slash = await get("/beers/?page=2");
    expect(slash.statusCode).to.equal(307);
    expect(slash.headers.location).to.equal(`${api.url}/beers?page=2`);
    expect((await get("/")).body).to.equal('{"project":"https://github.com/alxiw/punkapi"}');
  });

  it("refuses, when it starts, a random id its catalogue does not hold", async () => {
    let error: Error | undefined;
    await startPunkApi({ contract: "v3", randomIds: [415, 416] }).catch((e: Error) => (error = e));
    expect(error?.message).to.equal("randomIds: no beer 416 in the v3 catalogue");
  });

  it("parses numbers as pydantic does (lenient ints, Rust floats)", () => {
    const ints = ["5", " 5 ", "+5", "-5", "007", "5.00", "1_000", "5.5", "", "abc", "+-5", "0x10", "_1"];
    expect(ints.map(pydanticInt)).to.deep.equal([
      5,
      5,
      5,
      -5,
      7,
      5,
      1000,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    const floats = ["1.5", " 2 ", ".5", "5.", "1e3", "inf", "-Infinity", "1_0.5", "", "abc", "1e", "0x1"];
    expect(floats.map(pydanticFloat)).to.deep.equal([
      1.5,
      2,
      0.5,
      5,
      1000,
      Infinity,
      -Infinity,
      10.5,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(Number.isNaN(pydanticFloat("nan"))).to.equal(true);
  });
});
