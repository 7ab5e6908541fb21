/**
 * A function's local containers (local/lambda/local-function.ts) with a stand-in artifact whose handler
 * sleeps as its event says: capped at the function's concurrency, with queued events waiting and served;
 * long attempts reported as they last; a stop during a cold start reports nothing the function did not do.
 */
import { expect } from "chai";
import fs from "fs";
import os from "os";
import path from "path";
import { LocalFunction } from "../../local/lambda/local-function";

const HANDLER = `
const initMs = Number(process.env.INIT_SLEEP_MS || 0);
if (initMs) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, initMs);
exports.handler = async (event) => {
  await new Promise((r) => setTimeout(r, event.sleepMs || 0));
  return { pid: process.pid };
};
`;

describe("local function containers", function () {
  this.timeout(20_000);
  let dir: string;
  const fns: LocalFunction[] = [];
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "punkapi-fn-"));
    fs.writeFileSync(path.join(dir, "index.js"), HANDLER);
  });
  after(async () => {
    await Promise.all(fns.map((f) => f.close()));
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const make = (
    env: Record<string, string>,
    options: Partial<ConstructorParameters<typeof LocalFunction>[2]>,
  ) => {
    const fn = new LocalFunction(
      "fn",
      { dir, handler: "index.handler", env, nodePath: [], timeoutMs: 10_000 },
      { speed: 1000, ...options },
    );
    fns.push(fn);
    return fn;
  };

  it("runs at most its concurrency in containers; further events wait for one and are all served", async () => {
    const queued: number[] = [];
    const fn = make({}, { maxContainers: 2, onQueued: (n) => queued.push(n) });
    const results = await Promise.all(Array.from({ length: 5 }, () => fn.invoke({ sleepMs: 300 })));
    expect(results.every((r) => r.ok)).to.equal(true);
    expect(fn.containers).to.equal(2);
    expect(new Set(results.map((r) => (r.ok ? (r.result as { pid: number }).pid : 0))).size).to.equal(2);
    expect(queued).to.include.members([1, 2, 3]);
  });

  it("says every so often that an attempt is still running", async () => {
    const waited: number[] = [];
    const fn = make({}, { slowAfterMs: 100, onSlow: (ms) => waited.push(ms) });
    await fn.invoke({ sleepMs: 450 });
    // At least twice in 450 ms, and never more often than every 100 ms (how many depends on the load).
    expect(waited.length).to.be.at.least(2);
    expect(waited[0]).to.be.at.least(80);
    for (let i = 1; i < waited.length; i++) expect(waited[i] - waited[i - 1]).to.be.at.least(80);
  });

  it("reports no failed attempt when stopped during a container's cold start", async () => {
    const attempts: unknown[] = [];
    const failures: unknown[] = [];
    const fn = make(
      { INIT_SLEEP_MS: "1500" },
      {
        onAttempt: (a) => attempts.push(a),
        asyncConfig: { maximumRetryAttempts: 2, onFailure: (...args) => failures.push(args) },
      },
    );
    const pending = fn.invokeAsync({});
    await new Promise((r) => setTimeout(r, 300));
    await fn.close();
    await pending;
    expect(attempts).to.deep.equal([]);
    expect(failures).to.deep.equal([]);
  });
});
