import { expect } from "chai";
import { ConfigError, parseConfig } from "../../handler/config";

describe("handler configuration", () => {
  const valid = {
    STREAM_NAME: "punkapi-test-stream",
    PUNKAPI_URL: "https://punkapi.example/v3/",
    PUNKAPI_CONTRACT: "v3",
  };

  it("reads a minimal environment with the defaults docs/handler.md documents", () => {
    const c = parseConfig(valid);
    // Written out, not read from the module's own table: a changed default must fail here (and be
    // documented), not move the expectation with it.
    expect(c).to.include({
      streamName: "punkapi-test-stream",
      sourceUrl: "https://punkapi.example/v3",
      contract: "v3",
      mode: "random",
      stack: "local",
      beersPerInvocation: 1,
      concurrency: 8,
      requestTimeoutMs: 5000,
      maxAttempts: 4,
      deadlineMs: 25000,
      backoffBaseMs: 100,
      backoffCapMs: 5000,
      socketIdleMs: 4000,
      region: "us-east-1",
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

  it("trims every value, takes blank optional ones as unset, and keeps a whole number's bounds", () => {
    const c = parseConfig({
      STREAM_NAME: " s1 ",
      PUNKAPI_URL: " https://punkapi.example/v3// ",
      PUNKAPI_CONTRACT: " v2 ",
      STACK_NAME: " prod ",
      INGEST_MODE: " catalogue ",
      BEERS_PER_INVOCATION: " 10000 ",
      FETCH_CONCURRENCY: "1",
      REQUEST_TIMEOUT_MS: "   ",
      KINESIS_ENDPOINT: " http://127.0.0.1:4567/ ",
      AWS_REGION: " eu-west-1 ",
      BACKOFF_BASE_MS: "250",
      BACKOFF_CAP_MS: "250",
    });
    expect(c).to.include({
      streamName: "s1",
      sourceUrl: "https://punkapi.example/v3",
      contract: "v2",
      stack: "prod",
      mode: "catalogue",
      beersPerInvocation: 10000,
      concurrency: 1,
      requestTimeoutMs: 5000,
      kinesisEndpoint: "http://127.0.0.1:4567",
      region: "eu-west-1",
      backoffBaseMs: 250,
      backoffCapMs: 250,
    });
    // Blank optional values fall back to their defaults; a dimension of 1024 printable characters is one.
    expect(parseConfig({ ...valid, STACK_NAME: " ", INGEST_MODE: "", AWS_REGION: " " })).to.include({
      stack: "local",
      mode: "random",
      region: "us-east-1",
    });
    expect(parseConfig({ ...valid, STACK_NAME: "a:b ~".padEnd(1024, "x") }).stack).to.have.length(1024);
  });

  it("takes credentials from the environment only with a key id, trimmed, a blank session token as none", () => {
    expect(parseConfig(valid).credentials).to.equal(undefined);
    expect(
      parseConfig({ ...valid, AWS_ACCESS_KEY_ID: "  ", AWS_SECRET_ACCESS_KEY: "s" }).credentials,
    ).to.equal(undefined);
    expect(
      parseConfig({
        ...valid,
        AWS_ACCESS_KEY_ID: " AKIA1 ",
        AWS_SECRET_ACCESS_KEY: " secret ",
        AWS_SESSION_TOKEN: " ",
      }).credentials,
    ).to.deep.equal({ accessKeyId: "AKIA1", secretAccessKey: "secret", sessionToken: undefined });
    expect(
      parseConfig({ ...valid, AWS_ACCESS_KEY_ID: "AKIA1", AWS_SESSION_TOKEN: " token " }).credentials,
    ).to.deep.equal({ accessKeyId: "AKIA1", secretAccessKey: "", sessionToken: "token" });
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
    ["a blank stream", { STREAM_NAME: "   " }, "STREAM_NAME", /is required and was not set$/],
    ["a count with a unit", { BEERS_PER_INVOCATION: "5x" }, "BEERS_PER_INVOCATION", /whole number, got "5x"/],
    ["one beer past the limit", { BEERS_PER_INVOCATION: "10001" }, "BEERS_PER_INVOCATION", /got 10001$/],
    [
      "a timeout as long as the deadline",
      { REQUEST_TIMEOUT_MS: "5000", INVOCATION_DEADLINE_MS: "5000" },
      "REQUEST_TIMEOUT_MS",
      /^REQUEST_TIMEOUT_MS: \(5000\) must be shorter than INVOCATION_DEADLINE_MS \(5000\)$/,
    ],
    [
      "a backoff base above its cap",
      { BACKOFF_BASE_MS: "300", BACKOFF_CAP_MS: "299" },
      "BACKOFF_BASE_MS",
      /^BACKOFF_BASE_MS: \(300\) must not exceed BACKOFF_CAP_MS \(299\)$/,
    ],
    [
      "a stack name too long for a dimension",
      { STACK_NAME: "s".repeat(1025) },
      "STACK_NAME",
      /dimension value/,
    ],
    [
      "a stack name with a tab",
      { STACK_NAME: "a\tb" },
      "STACK_NAME",
      /^STACK_NAME: is not a valid CloudWatch dimension value: "a\tb"$/,
    ],
    ["a stack name with non-ASCII", { STACK_NAME: "prød" }, "STACK_NAME", /dimension value/],
    ["a stack name starting with a colon", { STACK_NAME: ":prod" }, "STACK_NAME", /dimension value/],
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
