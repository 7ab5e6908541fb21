/**
 * The entry's time cap: an invocation gets min(INVOCATION_DEADLINE_MS, Lambda's remaining time - 2 s), or
 * the deadline alone when the context has no getRemainingTimeInMillis. Observed as the budget the
 * invocation really got: against a source that never answers, its one request is timed out at the end of
 * the fetch phase (the budget less its write reserve of max(1 s, 30 %): handler/ingest.ts), and got names
 * that timeout in the error. The clock is virtual, so no time passes before the request: the figure is
 * exact. The same cap on the packaged archive, where Lambda's context counts down for real, is the fault
 * suite's ("the invocation's time cap").
 */
import { expect } from "chai";
import { ENV } from "../../handler/settings";
import { createHandler, InvocationContext } from "../../handler/entry";
import { startPunkApi, StandIn } from "../../local/stand-ins/punkapi/server";
import { virtualClock } from "../helpers/virtual-clock";

describe("the invocation's time cap (entry)", function () {
  this.timeout(20_000);
  let api: StandIn;
  before(async () => {
    api = await startPunkApi({ contract: "v2", faults: [{ fault: "hang" }] });
  });
  after(async () => api.close());

  /** One invocation with this deadline and context; the timeout its request was given, from the error. */
  async function requestTimeout(deadlineMs: number, context?: InvocationContext): Promise<string> {
    const handler = createHandler(
      {
        [ENV.streamName]: "s",
        [ENV.sourceUrl]: api.url,
        [ENV.contract]: "v2",
        [ENV.beersPerInvocation]: "1",
        [ENV.maxAttempts]: "1",
        [ENV.deadlineMs]: String(deadlineMs),
        [ENV.requestTimeoutMs]: String(deadlineMs - 100),
      },
      () => undefined,
      virtualClock(),
    );
    const error = await handler({}, context).then(
      () => expect.fail("an invocation that fetched nothing must fail"),
      (e: Error) => e,
    );
    expect(error.message).to.match(/^nothing could be fetched from the Punk API \(.*ETIMEDOUT/);
    return /Timeout awaiting 'request' for (\d+)ms/.exec(error.message)?.[1] ?? error.message;
  }

  it("leaves 2 s of Lambda's remaining time when that is shorter than the deadline", async () => {
    // 3500 - 2000 = 1500 ms of budget; the write reserve is 1000 ms (30 % is less): 500 ms to fetch.
    expect(await requestTimeout(20_000, { getRemainingTimeInMillis: () => 3500 })).to.equal("500");
    // 1 ms less than the deadline plus the 2 s kept back: the remaining time decides, to the millisecond.
    expect(await requestTimeout(1500, { getRemainingTimeInMillis: () => 3499 })).to.equal("499");
  });

  it("keeps to the deadline when Lambda leaves more", async () => {
    // min(1500, 60000 - 2000) = 1500 ms: 500 ms to fetch.
    expect(await requestTimeout(1500, { getRemainingTimeInMillis: () => 60_000 })).to.equal("500");
    // 1 ms of remaining time more than the deadline plus the 2 s kept back: still the deadline.
    expect(await requestTimeout(1500, { getRemainingTimeInMillis: () => 3501 })).to.equal("500");
  });

  it("uses the deadline when the context cannot say the remaining time, or there is none", async () => {
    // A 2000 ms deadline: 1000 ms to fetch, 1000 ms kept for the writes.
    expect(await requestTimeout(2000, {})).to.equal("1000");
    expect(await requestTimeout(2000)).to.equal("1000");
  });
});
