/**
 * A function's local containers (local/stand-ins/lambda/local-function.ts) with a stand-in artifact whose handler
 * sleeps as its event says (or fails when it says so): capped at the function's concurrency, with queued
 * events waiting and served; long attempts reported as they last and failed asynchronous events retried
 * after Lambda's delays, both on fake timers the test ticks; a stop during a cold start reports nothing the
 * function did not do.
 */
import { expect } from "chai";
import fs from "fs";
import os from "os";
import path from "path";
import { LocalFunction } from "../../local/stand-ins/lambda/local-function";
import { fakeTimers, until } from "../helpers/fake-timers";

const HANDLER = `
const initMs = Number(process.env.INIT_SLEEP_MS || 0);
if (initMs) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, initMs);
exports.handler = async (event) => {
  if (event.fail) throw new Error("failed on purpose");
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

  it("says every so often that an attempt is still running, and stops saying it when the attempt ends", async () => {
    const waited: number[] = [];
    const { clock, timers } = fakeTimers();
    const fn = make({}, { slowAfterMs: 100, onSlow: (ms) => waited.push(ms), timers });
    // A free container: the attempt starts, and its reports are scheduled, before invoke first waits.
    const attempt = fn.invoke({ sleepMs: 0 });
    clock.tick(450);
    expect(waited).to.deep.equal([100, 200, 300, 400]);
    expect((await attempt).ok).to.equal(true);
    clock.tick(1000);
    expect(waited).to.have.length(4);
  });

  it("retries a failed asynchronous event after Lambda's delays (1 then 2 minutes, over the speed-up), then gives it up", async () => {
    /** When each attempt ended, on the fake clock (attempts take no fake time: it moves only by tick). */
    const attempts: number[] = [];
    const failures: unknown[] = [];
    const { clock, timers } = fakeTimers();
    const fn = make(
      {},
      {
        speed: 2,
        timers,
        onAttempt: () => attempts.push(clock.now),
        asyncConfig: {
          maximumRetryAttempts: 2,
          onFailure: (_event, error, n) => failures.push([error.message, n]),
        },
      },
    );
    const settled = fn.invokeAsync({ fail: true });
    for (const n of [1, 2]) {
      // The attempt ran (in its container, in real time) and its retry is the one timer waiting.
      await until(() => attempts.length === n && clock.countTimers() === 1);
      clock.next();
    }
    await settled;
    // 60 s / 2, then 120 s / 2 more.
    expect(attempts).to.deep.equal([0, 30_000, 90_000]);
    expect(failures).to.deep.equal([["failed on purpose", 3]]);
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
