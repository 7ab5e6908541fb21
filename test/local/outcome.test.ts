/**
 * What a local run says of itself: a run whose every invocation ended well after a retry is a success with
 * a warning, not a failure; a long wait for the next invocation is announced. In-process runs of the test
 * stack, the source a stand-in set to fail.
 */
import { expect } from "chai";
import fs from "fs";
import os from "os";
import path from "path";
import { LocalRunEvent, LocalStackRun } from "../../local/run/local-stack";
import { startPunkApi } from "../../local/punkapi/server";
import { ROOT } from "../helpers/program";

describe("a local run's outcome", function () {
  this.timeout(60_000);
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  const workDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "punkapi-outcome-"));
    dirs.push(dir);
    return dir;
  };

  it("succeeds when an invocation failed and Lambda's retry then made it good, listing the failure as a warning", async () => {
    // The handler tries a request 4 times: 4 answers of 500 fail the first attempt, the retry succeeds.
    const api = await startPunkApi({ contract: "v3", faults: [{ fault: "5xx", times: 4 }] });
    try {
      const run = new LocalStackRun({
        projectDir: ROOT,
        stack: "test",
        workDir: workDir(),
        invocations: 1,
        speed: 3000,
        keepRunning: false,
        sourceUrl: api.url,
      });
      await run.deploy();
      const summary = await run.run();
      expect(summary.invocations).to.deep.equal({
        scheduled: 1,
        attempts: 2,
        succeeded: 1,
        retried: 1,
        toFailureQueue: 0,
      });
      expect(summary.ok, summary.errors.join()).to.equal(true);
      expect(summary.errors).to.deep.equal([]);
      expect(summary.warnings.join()).to.match(/IngestError: nothing could be fetched from the Punk API/);
      expect(summary.beers.written).to.equal(1);
    } finally {
      await api.close();
    }
  });

  it("says when the next scheduled invocation comes, when it is seconds away", async () => {
    const events: LocalRunEvent[] = [];
    const run = new LocalStackRun({
      projectDir: ROOT,
      stack: "test",
      workDir: workDir(),
      invocations: 1,
      speed: 30, // rate(5 minutes) fires every 10 s
      keepRunning: false,
      onEvent: (e) => events.push(e),
    });
    await run.deploy();
    const done = run.run();
    await new Promise((r) => setTimeout(r, 200));
    const summary = await run.stop(true);
    await done;
    expect(events.find((e) => e.kind === "next-invocation")).to.deep.equal({
      kind: "next-invocation",
      inMs: 10_000,
    });
    expect(summary.errors).to.deep.equal([]);
  });
});
