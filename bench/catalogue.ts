/**
 * `npm run bench:catalogue -- [--latency-ms N] [--json]`: how many requests, and how long, until every
 * distinct beer of the stand-in's catalogue is held, side by side per contract shape (v2, v3):
 *   (a) catalogue mode: the handler's own fetchCatalogue, pages of 80 until a short page;
 *   (b) random mode: the handler's own fetchRandomBeers, 80 at a time, until every id has been seen.
 * Both sides fetch with the function's defaults (8 in flight) through the stand-in with an added latency
 * (20 ms by default), so time is the number of round trips more than anything local. Random mode is run
 * for real, once per shape; since its request count varies from run to run (coupon collector: the expected
 * count for n beers is n·Hₙ, about 2,068 for 325), `random_requests` is that expectation and
 * `random_seconds` the measured time per request times it; the measured run is printed above.
 * The stand-in serves each contract's real catalogue: the 325 v2 beers, the 415 v3 ones; a snapshot's
 * request count is checked against the pages it needs (bench/catalogue-math.ts). The last line is the v3
 * shape, the stacks' default. The measurement is bench/catalogue-measure.ts.
 */
import { catalogueRequests } from "./catalogue-math";
import { CommandSpec, EXIT, parseCommand, runCommand } from "../local/commands/cli/command";
import { JSON_OUTPUT, wholeNumber } from "../local/commands/cli/options";
import { SETTINGS } from "../handler/settings";
import { CONTRACTS } from "../handler/contract";

const SPEC = {
  name: "npm run bench:catalogue",
  summary: "requests and time to hold every beer: catalogue mode vs random mode, v2 and v3 shapes",
  options: {
    "latency-ms": {
      type: "string",
      value: "N",
      default: "20",
      help: "latency the stand-in adds per response",
    },
    json: JSON_OUTPUT,
  },
} satisfies CommandSpec;

runCommand(SPEC, async () => {
  const { values } = parseCommand(SPEC);
  const latencyMs = wholeNumber("latency-ms", values["latency-ms"], 0, 1000);
  // The measurement (the handler, the stand-in) only once the options are good.
  // eslint-disable-next-line typescript/no-require-imports
  const { measure } = require("./catalogue-measure") as typeof import("./catalogue-measure");
  const results: Awaited<ReturnType<typeof measure>>[] = [];
  for (const contract of CONTRACTS) results.push(await measure(contract, latencyMs));
  if (values.json) {
    console.log(JSON.stringify({ latencyMs, results }));
    return EXIT.ok;
  }
  const f = (x: number) => x.toFixed(2);
  console.log(`stand-in latency ${latencyMs} ms, ${SETTINGS.concurrency.default} requests in flight`);
  for (const r of results)
    console.log(
      `  ${r.contract} (${r.beers} beers): catalogue ${r.requests} requests (${catalogueRequests(r.beers)} pages expected), random mode measured ${r.randomMeasured.requests} requests in ${f(r.randomMeasured.seconds)} s (expected ${r.randomRequests})`,
    );
  const line = (r: (typeof results)[number], label: string) =>
    `${label}: requests=${r.requests} random_requests=${r.randomRequests} ratio=${(r.randomRequests / r.requests).toFixed(1)} seconds=${f(r.seconds)} random_seconds=${f(r.randomSeconds)}`;
  console.log(line(results[0], "catalogue v2"));
  console.log(line(results[1], "catalogue v3"));
  console.log(line(results[1], "catalogue"));
  return EXIT.ok;
});
