/**
 * What a local run says of itself while it waits: a long wait for the next invocation is announced. (A run
 * whose every invocation ended well after a retry is a success with a warning, not a failure: that is
 * test/local/catalogue.test.ts's run, whose first snapshot fails and is retried.)
 */
import { expect } from "chai";
import fs from "fs";
import os from "os";
import path from "path";
import { LocalRunEvent, LocalStackRun } from "../../local/runner/local-stack";
import { until } from "../helpers/fake-timers";
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
    // However long the run takes to get there on a busy machine: the word comes when the schedule starts.
    await until(() => events.some((e) => e.kind === "next-invocation"));
    const summary = await run.stop(true);
    await done;
    expect(events.find((e) => e.kind === "next-invocation")).to.deep.equal({
      kind: "next-invocation",
      inMs: 10_000,
    });
    expect(summary.errors).to.deep.equal([]);
  });
});
