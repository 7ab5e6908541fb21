import { expect } from "chai";
import { ConfigError, DEFAULTS, parseConfig } from "../../handler/config";

describe("handler configuration", () => {
  const valid = {
    STREAM_NAME: "punkapi-test-stream",
    PUNKAPI_URL: "https://punkapi.example/v3/",
    PUNKAPI_CONTRACT: "v3",
  };

  it("reads a minimal environment with defaults", () => {
    const c = parseConfig(valid);
    expect(c).to.include({
      streamName: "punkapi-test-stream",
      sourceUrl: "https://punkapi.example/v3",
      contract: "v3",
      mode: "random",
      beersPerInvocation: DEFAULTS.beersPerInvocation,
      concurrency: DEFAULTS.concurrency,
      kinesisEndpoint: undefined,
    });
  });

  it("reads every variable", () => {
    const c = parseConfig({
      ...valid,
      BEERS_PER_INVOCATION: "200",
      FETCH_CONCURRENCY: "16",
      REQUEST_TIMEOUT_MS: "3000",
      FETCH_MAX_ATTEMPTS: "3",
      INVOCATION_DEADLINE_MS: "50000",
      KINESIS_ENDPOINT: "http://127.0.0.1:4567",
      AWS_REGION: "eu-west-1",
    });
    expect(c).to.include({
      beersPerInvocation: 200,
      concurrency: 16,
      requestTimeoutMs: 3000,
      maxAttempts: 3,
      deadlineMs: 50000,
      kinesisEndpoint: "http://127.0.0.1:4567",
      region: "eu-west-1",
    });
  });

  const bad: [string, Record<string, string>, string, RegExp][] = [
    ["a missing stream", { STREAM_NAME: "" }, "STREAM_NAME", /required/],
    ["a stream name with a slash", { STREAM_NAME: "a/b" }, "STREAM_NAME", /not a valid Kinesis stream name/],
    ["a relative URL", { PUNKAPI_URL: "punkapi/v2" }, "PUNKAPI_URL", /absolute http\(s\) URL/],
    ["an ftp URL", { PUNKAPI_URL: "ftp://x/v2" }, "PUNKAPI_URL", /http or https/],
    ["a URL with a query", { PUNKAPI_URL: "https://x/v2?a=1" }, "PUNKAPI_URL", /query/],
    ["an unknown contract", { PUNKAPI_CONTRACT: "v4" }, "PUNKAPI_CONTRACT", /"v2" or "v3"/],
    [
      "an unknown ingest mode",
      { INGEST_MODE: "snapshot" },
      "INGEST_MODE",
      /one of random, catalogue, got "snapshot"/,
    ],
    ["a non-numeric count", { BEERS_PER_INVOCATION: "ten" }, "BEERS_PER_INVOCATION", /whole number/],
    ["a zero count", { BEERS_PER_INVOCATION: "0" }, "BEERS_PER_INVOCATION", /between 1 and 10000/],
    ["too much concurrency", { FETCH_CONCURRENCY: "500" }, "FETCH_CONCURRENCY", /between 1 and 64/],
    ["a negative timeout", { REQUEST_TIMEOUT_MS: "-5" }, "REQUEST_TIMEOUT_MS", /whole number/],
    [
      "a timeout longer than the deadline",
      { REQUEST_TIMEOUT_MS: "9000", INVOCATION_DEADLINE_MS: "5000" },
      "REQUEST_TIMEOUT_MS",
      /shorter than INVOCATION_DEADLINE_MS/,
    ],
    ["a bad endpoint", { KINESIS_ENDPOINT: "localhost:4567" }, "KINESIS_ENDPOINT", /http/],
  ];
  for (const [what, override, variable, message] of bad) {
    it(`rejects ${what}, naming ${variable}`, () => {
      let error: unknown;
      try {
        parseConfig({ ...valid, ...override });
      } catch (e) {
        error = e;
      }
      expect((error as Error).name).to.equal("ConfigError");
      expect((error as ConfigError).variable).to.equal(variable);
      expect((error as ConfigError).message)
        .to.match(new RegExp(`^${variable}: `))
        .and.match(message);
    });
  }
});
