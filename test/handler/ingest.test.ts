/**
 * What an invocation reports, and how it fails: the one log line (its level and message), the error it
 * throws (named IngestError, carrying the summary) for each way an invocation can fail, with the counts in
 * its message. The source is the local stand-in; the stream is a Kinesis client scripted to write the
 * first `n` entries and refuse the rest with a final error, so that partial writes are exact.
 */
import { expect } from "chai";
import type { KinesisClient, PutRecordsCommand } from "@aws-sdk/client-kinesis";
import { buildDeps } from "../../handler/deps";
import { parseConfig } from "../../handler/config";
import { ENV } from "../../handler/settings";
import type { Contract } from "../../handler/contract";
import { ingest, ingestError, IngestRequest, IngestSummary, isIngestError } from "../../handler/ingest";
import { startPunkApi, StandIn, StandInOptions } from "../../local/stand-ins/punkapi/server";
import type { FaultStep } from "../../local/stand-ins/punkapi/faults";
import { STACK_DIMENSION } from "../../handler/metrics";
import { VIRTUAL_START, VirtualClock, virtualClock } from "../helpers/virtual-clock";

/** How long each call to the scripted stream takes on the invocation's virtual clock. */
const CALL_MS = 250;

/**
 * Writes the first `accept` entries it is ever sent, then answers every call with AccessDeniedException;
 * each call takes CALL_MS of the clock's time.
 */
function kinesisAccepting(accept: number, clock: VirtualClock): Pick<KinesisClient, "send"> {
  let accepted = 0;
  return {
    send: (async (command: PutRecordsCommand) => {
      clock.advance(CALL_MS);
      const entries = command.input.Records!.length;
      if (accepted >= accept)
        throw Object.assign(new Error("not authorized"), { name: "AccessDeniedException" });
      const n = Math.min(entries, accept - accepted);
      accepted += n;
      return {
        $metadata: {},
        Records: Array.from({ length: entries }, (_, i) =>
          i < n
            ? { SequenceNumber: String(i + 1) }
            : { ErrorCode: "InternalFailure", ErrorMessage: "try again" },
        ),
      };
    }) as unknown as KinesisClient["send"],
  };
}

describe("an invocation's report and failure", function () {
  this.timeout(20_000);
  let api: StandIn | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  async function invoke(
    contract: Contract,
    faults: FaultStep[],
    accept: number,
    request: IngestRequest,
    served: StandInOptions = {},
  ) {
    api = await startPunkApi({ contract, faults, retryAfterSeconds: 1, ...served });
    const lines: Record<string, unknown>[] = [];
    // Virtual time: the fetch phase cannot run out however slow the machine is, and durations are exact.
    const clock = virtualClock();
    const deps = buildDeps(
      parseConfig({
        [ENV.streamName]: "s",
        [ENV.sourceUrl]: api.url,
        [ENV.contract]: contract,
        [ENV.maxAttempts]: "2",
        // Generous for a request on a loaded machine: the one timeout here that is real.
        [ENV.requestTimeoutMs]: "15000",
        [ENV.backoffBaseMs]: "1",
        [ENV.backoffCapMs]: "5",
      }),
      (line) => lines.push(line),
      clock,
    );
    deps.sink.kinesis = kinesisAccepting(accept, clock);
    // Time passes only on the virtual clock: the budget is long enough for any request's own timeout.
    const result = await ingest(deps, request, 60_000).then(
      (summary) => ({ summary, error: undefined }),
      (error: Error) => ({ summary: undefined, error }),
    );
    expect(lines, "one log line").to.have.length(1);
    return { ...result, line: lines[0] };
  }

  it("logs one info line, 'ingested', with the summary and its duration", async () => {
    const r = await invoke("v2", [], 100, { mode: "random", beers: 3 });
    expect(r.error).to.equal(undefined);
    expect(r.line).to.include({ level: "info", msg: "ingested", written: 3, valid: 3 });
    // One call to the stream, the only thing that took the clock's time; the metrics are stamped at the end.
    expect(r.summary!.durationMs).to.equal(CALL_MS);
    expect(r.line["_aws"]).to.deep.include({ Timestamp: VIRTUAL_START + CALL_MS });
  });

  it("names the fields the lake's schema does not declare, at warn level, and writes every beer", async () => {
    const extraFields = { zeta: 1, country: "Scotland" };
    const r = await invoke("v3", [], 100, { mode: "random", beers: 3 }, { extraFields });
    expect(r.error).to.equal(undefined);
    expect(r.line).to.include({
      level: "warn",
      msg: "ingested; 3 of 3 beers carry fields the lake's schema does not declare, which the curated table drops (the raw zone keeps them): country, zeta",
      valid: 3,
      written: 3,
      unknownFields: 2,
      UnknownFields: 2,
      beersWithUnknownFields: 3,
    });
    expect(r.line.unknownFieldPaths).to.deep.equal(["country", "zeta"]);
  });

  it("logs no drift for the real beers: info, zero unknown fields", async () => {
    const r = await invoke("v2", [], 1000, { mode: "catalogue" });
    expect(r.line).to.include({
      level: "info",
      msg: "ingested",
      valid: 325,
      unknownFields: 0,
      UnknownFields: 0,
      beersWithUnknownFields: 0,
    });
    expect(r.line.unknownFieldPaths).to.deep.equal([]);
  });

  it("names the first 20 unknown fields, sorted, and counts them all", async () => {
    // f00 to f24: 25 fields, the last 5 counted and not named.
    const extraFields = Object.fromEntries(
      Array.from({ length: 25 }, (_, i) => [`f${String(i).padStart(2, "0")}`, i]),
    );
    const r = await invoke("v2", [], 100, { mode: "random", beers: 1 }, { extraFields });
    expect(r.line).to.include({ level: "warn", unknownFields: 25, UnknownFields: 25 });
    expect(r.line.unknownFieldPaths).to.deep.equal([
      "f00",
      "f01",
      "f02",
      "f03",
      "f04",
      "f05",
      "f06",
      "f07",
      "f08",
      "f09",
      "f10",
      "f11",
      "f12",
      "f13",
      "f14",
      "f15",
      "f16",
      "f17",
      "f18",
      "f19",
    ]);
    expect(r.line.msg).to.match(/: f00, f01, .*, f19 and 5 more$/);
  });

  it("says a failure before drift: error level, the failure's message, the unknown fields still counted", async () => {
    const r = await invoke("v2", [], 1, { mode: "random", beers: 3 }, { extraFields: { country: "UK" } });
    expect(r.line).to.include({ level: "error", msg: r.error!.message, unknownFields: 1 });
    expect(r.line.unknownFieldPaths).to.deep.equal(["country"]);
  });

  it("fails naming how many valid beers were not written and why, logging the same at error level", async () => {
    const r = await invoke("v2", [], 1, { mode: "random", beers: 3 });
    expect(r.error!.message).to.equal(
      "2 of 3 valid beers could not be written to Kinesis (2× AccessDeniedException: not authorized)",
    );
    expect(r.line).to.include({ level: "error", msg: r.error!.message, written: 1, valid: 3 });
    expect(r.error!.name).to.equal("IngestError");
    expect(isIngestError(r.error)).to.equal(true);
    expect((r.error as unknown as { summary: IngestSummary }).summary).to.include({ written: 1, valid: 3 });
  });

  it("fails when nothing could be fetched, and when nothing fetched was a beer, each saying why", async () => {
    const dead = await invoke("v2", [{ fault: "404" }], 100, { mode: "random", beers: 2 });
    expect(dead.error!.message).to.match(/^nothing could be fetched from the Punk API \(2× http 404: /);
    await api!.close();
    const shapes = await invoke("v2", [{ fault: "wrong-shape" }], 100, { mode: "random", beers: 2 });
    expect(shapes.error!.message).to.match(/^no valid beer among 2 responses \(/);
    expect(shapes.line).to.include({ level: "error", msg: shapes.error!.message });
  });

  it("fails an incomplete snapshot naming the page, and counts what of the earlier pages was not written", async () => {
    const r = await invoke("v3", [{ fault: "none", times: 2 }, { fault: "404" }], 100, { mode: "catalogue" });
    expect(r.error!.message).to.match(
      /^the catalogue snapshot is incomplete: page 3: http 404: .* \(100 beers of 2 earlier pages written; 60 of them not written\)$/,
    );
    expect(r.summary).to.equal(undefined);
    expect(r.line).to.include({ level: "error", pages: 2, fetched: 160, valid: 160, written: 100 });
    await api!.close();
    const whole = await invoke("v3", [{ fault: "none", times: 2 }, { fault: "404" }], 1000, {
      mode: "catalogue",
    });
    expect(whole.error!.message).to.match(/\(160 beers of 2 earlier pages written\)$/);
  });

  it("logs by default to stdout, the JSON object alone on its line (Lambda must not prefix it, for EMF)", () => {
    const deps = buildDeps(
      parseConfig({ [ENV.streamName]: "s", [ENV.sourceUrl]: "http://x", [ENV.contract]: "v3" }),
    );
    const written: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string) => (written.push(chunk), true)) as typeof process.stdout.write;
    try {
      deps.log({ level: "info", n: 1 });
    } finally {
      process.stdout.write = write;
    }
    expect(written).to.deep.equal(['{"level":"info","n":1}\n']);
  });

  it("puts its metrics under a dimension name CloudWatch accepts (1 to 255 characters, no leading colon)", () => {
    expect(STACK_DIMENSION).to.match(/^[^:\s][\x20-\x7e]{0,254}$/);
  });

  it("tells its own errors by name, not by class or by look", () => {
    const summary = {} as IngestSummary;
    expect(isIngestError(ingestError("x", summary))).to.equal(true);
    expect(isIngestError(Object.assign(new Error("x"), { name: "IngestError" }))).to.equal(true);
    expect(isIngestError(new Error("x"))).to.equal(false);
    expect(isIngestError({ name: "IngestError", message: "x", summary })).to.equal(false);
    expect(ingestError("boom", summary)).to.include({ name: "IngestError", message: "boom", summary });
  });
});
