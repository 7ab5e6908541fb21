/**
 * How the sink judges what Kinesis answers, with the client it is given (its only I/O) scripted call by
 * call: which whole-call errors are worth another try and which are final, what an entry's result means,
 * which reason is reported when the deadline aborts a call, and how far apart the rounds are. Time is a
 * virtual clock (each call takes CALL_MS of it, each wait exactly what was asked), so deadlines and spacing
 * are exact on any machine. What lands in a real stream is test/handler/sink.test.ts's, against kinesalite.
 */
import { expect } from "chai";
import type { KinesisClient, PutRecordsCommand, PutRecordsCommandOutput } from "@aws-sdk/client-kinesis";
import { putAll } from "../../handler/sink";
import { VIRTUAL_START, VirtualClock, virtualClock } from "../helpers/virtual-clock";

type Answer = PutRecordsCommandOutput | { throws: unknown };

/** How long each call takes on the virtual clock. */
const CALL_MS = 10;

/**
 * A client that answers each call with the next scripted answer, taking CALL_MS of the clock's time, and
 * records when each call came.
 */
function scripted(clock: VirtualClock, ...answers: ((entries: number) => Answer)[]) {
  const calls: { at: number; entries: number }[] = [];
  const kinesis: Pick<KinesisClient, "send"> = {
    send: (async (command: PutRecordsCommand) => {
      const entries = command.input.Records!.length;
      calls.push({ at: clock.now(), entries });
      clock.advance(CALL_MS);
      const answer = answers[Math.min(calls.length - 1, answers.length - 1)](entries);
      if ("throws" in answer) throw answer.throws;
      return answer;
    }) as unknown as KinesisClient["send"],
  };
  return { kinesis, calls };
}

const ok = (entries: number): PutRecordsCommandOutput => ({
  $metadata: {},
  Records: Array.from({ length: entries }, (_, i) => ({ SequenceNumber: String(i + 1), ShardId: "s" })),
});
const fail = (error: unknown) => () => ({ throws: error });
const records = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ data: Buffer.from(`{"n":${i}}\n`), partitionKey: String(i + 1) }));
const named = (name: string, message = "it went wrong") => Object.assign(new Error(message), { name });
const backoff = { baseMs: 1, capMs: 1 };

/** Sends `n` records through the scripted client, with a deadline `inMs` of the clock's time from now. */
function send(script: ReturnType<typeof scripted>, clock: VirtualClock, n: number, inMs = 5000) {
  return putAll({ kinesis: script.kinesis, streamName: "s", backoff, clock }, records(n), clock.now() + inMs);
}

describe("the sink's judgement of Kinesis's answers", () => {
  const retryable: [string, unknown][] = [
    ["throughput exceeded", named("ProvisionedThroughputExceededException")],
    ["a limit", named("LimitExceededException")],
    ["an internal failure", named("InternalFailure")],
    ["an unavailable service", named("ServiceUnavailableException")],
    ["throttling", named("ThrottlingException")],
    ["KMS throttling", named("KMSThrottlingException")],
    ["a request timeout", named("RequestTimeout")],
    ["a reset connection", Object.assign(new Error("socket hang up"), { code: "ECONNRESET" })],
    ["a refused connection", Object.assign(new Error("refused"), { code: "ECONNREFUSED" })],
    ["a DNS failure", Object.assign(new Error("lookup"), { code: "EAI_AGAIN" })],
    ["an HTTP 500", Object.assign(named("UnknownError"), { $metadata: { httpStatusCode: 500 } })],
    ["an HTTP 503", Object.assign(named("UnknownError"), { $metadata: { httpStatusCode: 503 } })],
  ];
  for (const [what, error] of retryable)
    it(`tries again after ${what}, saying why`, async () => {
      const clock = virtualClock();
      const script = scripted(clock, fail(error), ok);
      const { calls } = script;
      const out = await send(script, clock, 2);
      expect(out).to.deep.include({ written: 2, retries: 1, calls: 2, unwritten: [] });
      const e = error as Error;
      expect(out.retryReasons).to.deep.equal([`kinesis: ${e.name}: ${e.message}`]);
      expect(calls.map((c) => c.entries)).to.deep.equal([2, 2]);
    });

  const final: [string, unknown][] = [
    ["a missing stream", named("ResourceNotFoundException", "Stream s not found")],
    ["a denial", named("AccessDeniedException", "not authorized")],
    ["an HTTP 499", Object.assign(named("UnknownError"), { $metadata: { httpStatusCode: 499 } })],
    ["an error with no status", Object.assign(named("UnknownError"), { $metadata: {} })],
    ["a local error code", Object.assign(new Error("permission denied"), { code: "EACCES" })],
    ["a name that only ends like a retryable one", named("XProvisionedThroughputExceededException")],
    ["a name that only starts like a retryable one", named("ThrottlingExceptionX")],
    ["a code that only ends like a retryable one", Object.assign(new Error("x"), { code: "XECONNRESET" })],
  ];
  for (const [what, error] of final)
    it(`gives up at once on ${what}, reporting it for every record`, async () => {
      const clock = virtualClock();
      const script = scripted(clock, fail(error), ok);
      const { calls } = script;
      const out = await send(script, clock, 2);
      const e = error as Error;
      expect(calls).to.have.length(1);
      expect(out).to.deep.include({ written: 0, retries: 0 });
      expect(out.unwritten).to.deep.equal([
        { partitionKey: "1", reason: `${e.name}: ${e.message}` },
        { partitionKey: "2", reason: `${e.name}: ${e.message}` },
      ]);
    });

  it("names an error that is not an Error by what it has", async () => {
    const clock = virtualClock();
    const out = await send(scripted(clock, fail({ message: "bare" })), clock, 1);
    expect(out.unwritten).to.deep.equal([{ partitionKey: "1", reason: "Error: bare" }]);
    const out2 = await send(scripted(clock, fail({ name: "Odd" })), clock, 1);
    expect(out2.unwritten).to.deep.equal([{ partitionKey: "1", reason: "Odd: [object Object]" }]);
  });

  it("resends an entry with no result, or a result with neither error nor sequence number", async () => {
    const clock = virtualClock();
    const script = scripted(
      clock,
      () => ({ $metadata: {}, Records: [{ SequenceNumber: "1" }, {}] }),
      () => ({ $metadata: {}, Records: [] }),
      ok,
    );
    const { calls } = script;
    const out = await send(script, clock, 3);
    expect(out).to.deep.include({ written: 3, retries: 2, unwritten: [] });
    expect(calls.map((c) => c.entries)).to.deep.equal([3, 2, 2]);
    expect(out.retryReasons).to.deep.equal([
      "kinesis: no result for this entry",
      "kinesis: no result for this entry",
    ]);
  });

  it("reports an entry's error code, with its message when there is one", async () => {
    const clock = virtualClock();
    const script = scripted(clock, () => ({
      $metadata: {},
      Records: [
        { ErrorCode: "InternalFailure" },
        { ErrorCode: "ProvisionedThroughputExceededException", ErrorMessage: "Rate exceeded for shard" },
      ],
    }));
    const out = await send(script, clock, 2, 300);
    expect(out.written).to.equal(0);
    expect(out.retryReasons[0]).to.equal(
      "kinesis: InternalFailure; ProvisionedThroughputExceededException: Rate exceeded for shard",
    );
    expect(out.unwritten.map((u) => u.reason)).to.deep.equal([
      "deadline reached; last error: InternalFailure",
      "deadline reached; last error: ProvisionedThroughputExceededException: Rate exceeded for shard",
    ]);
  });

  for (const abort of ["AbortError", "TimeoutError"])
    it(`keeps an entry's earlier reason when the deadline aborts its call (${abort})`, async () => {
      const clock = virtualClock();
      const script = scripted(
        clock,
        () => ({
          $metadata: {},
          Records: [{ SequenceNumber: "1" }, { ErrorCode: "KMSThrottlingException" }],
        }),
        fail(named(abort, "The operation was aborted")),
      );
      const out = await send(script, clock, 2, 150);
      expect(out.written).to.equal(1);
      expect(out.unwritten).to.deep.equal([
        { partitionKey: "2", reason: "deadline reached; last error: KMSThrottlingException" },
      ]);
      expect(out.retryReasons.slice(1).every((r) => r === "kinesis: KMSThrottlingException")).to.equal(true);
    });

  it("reports the abort itself when the call it ended was the entry's first", async () => {
    const clock = virtualClock();
    const out = await send(
      scripted(clock, fail(named("AbortError", "The operation was aborted"))),
      clock,
      1,
      100,
    );
    expect(out.unwritten[0].reason).to.equal(
      "deadline reached; last error: AbortError: The operation was aborted",
    );
  });

  it("spaces its rounds by exponential backoff: each wait up to twice the one before", async () => {
    const clock = virtualClock();
    const { kinesis, calls } = scripted(
      clock,
      fail(named("ThrottlingException")),
      fail(named("ThrottlingException")),
      fail(named("ThrottlingException")),
      ok,
    );
    // The largest draw of the jitter: each wait is just under its ceiling, 20, 40 and 80 ms.
    const out = await putAll(
      { kinesis, streamName: "s", backoff: { baseMs: 20, capMs: 1000 }, random: () => 0.999999, clock },
      records(1),
      clock.now() + 5000,
    );
    expect(out).to.deep.include({ written: 1, retries: 3 });
    expect(clock.waits).to.deep.equal([19, 39, 79]);
    // Each round goes out when its wait is over: a call's time, then the wait.
    const gaps = calls.slice(1).map((c, i) => c.at - calls[i].at);
    expect(gaps).to.deep.equal([CALL_MS + 19, CALL_MS + 39, CALL_MS + 79]);
  });

  it("makes no wait that would reach the deadline, and reports the last error", async () => {
    const clock = virtualClock();
    const script = scripted(clock, fail(named("ThrottlingException")));
    // Half of each ceiling (200, 400, 800 ms): waits of 100, 200, then 400 from 330 ms, which would end
    // exactly at the deadline (730 ms) and is not made.
    const out = await putAll(
      {
        kinesis: script.kinesis,
        streamName: "s",
        backoff: { baseMs: 200, capMs: 1000 },
        random: () => 0.5,
        clock,
      },
      records(1),
      clock.now() + 730,
    );
    expect(clock.waits).to.deep.equal([100, 200]);
    expect(script.calls.map((c) => c.at - VIRTUAL_START)).to.deep.equal([0, 110, 320]);
    expect(out).to.deep.include({ written: 0, retries: 2, calls: 3 });
    expect(out.unwritten).to.deep.equal([
      { partitionKey: "1", reason: "deadline reached; last error: ThrottlingException: it went wrong" },
    ]);
  });
});
