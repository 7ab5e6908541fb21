/**
 * The function's time budget, worked by hand: Lambda's timeout less the 2 s the handler keeps to log and
 * return is its deadline; a request may take half of that, and never more than 5 s.
 */
import { expect } from "chai";
import { functionEnvironment } from "../../components/ingest/function-environment";

const settings = {
  stack: "s",
  streamName: "beers",
  sourceUrl: "http://punkapi.local",
  sourceContract: "v2" as const,
  ingestMode: "random" as const,
  beersPerInvocation: 3,
  fetchConcurrency: 2,
};
const budget = (timeoutSeconds: number) => {
  const env = functionEnvironment({ ...settings, timeoutSeconds });
  return [env.INVOCATION_DEADLINE_MS, env.REQUEST_TIMEOUT_MS];
};

describe("functionEnvironment: the time budget", () => {
  it("caps a request at 5 s when half the deadline is longer (60 s: 58 s deadline)", () => {
    expect(budget(60)).to.deep.equal(["58000", "5000"]);
  });

  it("gives a request half the deadline when that is under 5 s (7 s: 5 s deadline, 2.5 s a request)", () => {
    expect(budget(7)).to.deep.equal(["5000", "2500"]);
  });
});
