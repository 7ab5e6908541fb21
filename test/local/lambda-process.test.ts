/**
 * A function's container (local/stand-ins/lambda/process.ts) ends an invocation at its timeout as Lambda does: the
 * result is Sandbox.Timedout after exactly the timeout, the process is killed, and the next invocation
 * starts a new one. The timeout runs on fake timers the test ticks; the function runs for real.
 */
import { expect } from "chai";
import fs from "fs";
import os from "os";
import path from "path";
import { InvokeResult, LambdaProcess } from "../../local/stand-ins/lambda/process";
import { fakeTimers, until } from "../helpers/fake-timers";

const HANDLER = `
exports.handler = async (event) => {
  if (event.forever) await new Promise(() => setInterval(() => undefined, 1000));
  return { pid: process.pid };
};
`;

describe("a function's container and its timeout", function () {
  this.timeout(20_000);
  let dir: string;
  let fn: LambdaProcess | undefined;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "punkapi-timeout-"));
    fs.writeFileSync(path.join(dir, "index.js"), HANDLER);
  });
  after(async () => {
    await fn?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("ends an invocation at its timeout, kills the container, and starts a new one for the next", async () => {
    const { clock, timers } = fakeTimers();
    fn = new LambdaProcess({ dir, handler: "index.handler", env: {}, nodePath: [], timeoutMs: 3000, timers });
    const first = await fn.invoke({});
    expect(first).to.deep.include({ ok: true, durationMs: 0 });
    const pid = (first as { result: { pid: number } }).result.pid;

    let result: InvokeResult | undefined;
    const pending = fn.invoke({ forever: true }).then((r) => (result = r));
    await until(() => clock.countTimers() === 1); // the invocation was sent, its timeout set
    clock.tick(2999);
    await new Promise((resolve) => setImmediate(resolve)); // what a timeout would have settled, settled

    expect(result).to.equal(undefined);
    clock.tick(1);
    await pending;
    expect(result).to.deep.equal({
      ok: false,
      error: { name: "Sandbox.Timedout", message: "Task timed out after 3000 ms" },
      durationMs: 3000,
      timedOut: true,
    });
    await until(() => !fn!.running);

    const next = await fn.invoke({});
    expect(next.ok).to.equal(true);
    expect((next as { result: { pid: number } }).result.pid).to.not.equal(pid);
  });
});
