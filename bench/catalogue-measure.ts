/**
 * The measurement behind `npm run bench:catalogue` (bench/catalogue.ts), loaded by the command once its
 * options are good.
 */
import { buildDeps } from "../handler/deps";
import { parseConfig } from "../handler/config";
import { ENV } from "../handler/settings";
import { Contract, PAGE_SIZE, unwrapPage, unwrapRandom } from "../handler/contract";
import { fetchCatalogue, fetchRandomBeers } from "../handler/source";
import { expectedRandomRequests } from "./catalogue-math";
import { startPunkApi } from "../local/stand-ins/punkapi/server";

const DEADLINE_MS = 600_000;

/** Catalogue mode and random mode for one contract shape, against a stand-in with this latency. */
export async function measure(contract: Contract, latencyMs: number) {
  const api = await startPunkApi({ contract, latencyMs, rateLimit: 1_000_000_000 });
  try {
    // The source as the entry builds it, from the function's environment (its defaults).
    const { source } = buildDeps(
      parseConfig({ [ENV.streamName]: "bench", [ENV.sourceUrl]: api.url, [ENV.contract]: contract }),
      () => undefined,
    );
    const ids = new Set<number>();
    const t0 = performance.now();
    const snapshot = await fetchCatalogue(source, Date.now() + DEADLINE_MS, (body) => {
      const page = unwrapPage(body);
      if (!page.ok) return page;
      for (const item of page.items) ids.add((item.value as { id: number }).id);
      return { ok: true, items: page.items.length };
    });
    const seconds = (performance.now() - t0) / 1000;
    if (!snapshot.complete)
      throw new Error(`catalogue (${contract}) incomplete: ${snapshot.failures.join("; ")}`);
    const requests = api.stats.requests;
    const beers = ids.size;

    const seen = new Set<number>();
    const before = api.stats.requests;
    const t1 = performance.now();
    while (seen.size < beers) {
      const outcome = await fetchRandomBeers(source, PAGE_SIZE, Date.now() + DEADLINE_MS, (body) => {
        const beer = unwrapRandom(contract, body);
        if (beer.ok) seen.add((beer.value as { id: number }).id);
      });
      if (outcome.failures.length) throw new Error(`random (${contract}): ${outcome.failures.join("; ")}`);
    }
    const randomSeconds = (performance.now() - t1) / 1000;
    const randomMeasured = api.stats.requests - before;
    const expected = expectedRandomRequests(beers);
    return {
      contract,
      beers,
      requests,
      seconds,
      randomMeasured: { requests: randomMeasured, seconds: randomSeconds },
      randomRequests: Math.round(expected),
      randomSeconds: (randomSeconds / randomMeasured) * expected,
    };
  } finally {
    await api.close();
  }
}
