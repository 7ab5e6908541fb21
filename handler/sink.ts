/**
 * The Kinesis sink: PutRecords in chunks within the API limits, and every failed entry resent (only those)
 * with backoff and jitter until all land or the deadline comes. It reports what it could not write; it
 * never drops a record silently.
 */
import { KinesisClient, PutRecordsCommand, PutRecordsCommandOutput } from "@aws-sdk/client-kinesis";
import { BackoffPolicy, backoffDelay } from "./backoff";
import { Clock, systemClock } from "./clock";
import { KinesisRecord, LIMITS, Limits, planBatches } from "./batch";

export interface SinkOptions {
  kinesis: Pick<KinesisClient, "send">;
  streamName: string;
  backoff: BackoffPolicy;
  limits?: Limits;
  random?: () => number;
  /** The time it reads and waits by: the system's unless a test drives it. */
  clock?: Clock;
}

export interface SinkOutcome {
  written: number;
  /** Rounds of resending after the first attempt. */
  retries: number;
  /** Why each round was needed: the distinct reasons of the entries it resent. */
  retryReasons: string[];
  calls: number;
  unwritten: { partitionKey: string; reason: string }[];
}

/** Whole-call errors worth another try; anything else (no stream, no permission, bad request) is final. */
const RETRYABLE_CALL_ERRORS =
  /^(ProvisionedThroughputExceededException|LimitExceededException|InternalFailure(Exception)?|ServiceUnavailable(Exception)?|ThrottlingException|KMSThrottlingException|RequestTimeout(Exception)?|TimeoutError|AbortError)$/;

function isRetryable(error: unknown): boolean {
  const e = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  if (e.name && RETRYABLE_CALL_ERRORS.test(e.name)) return true;
  if (e.code && /^(ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|EAI_AGAIN)$/.test(e.code)) return true;
  const status = e.$metadata?.httpStatusCode;
  return status !== undefined && status >= 500;
}

function errorText(error: unknown): string {
  const e = error as { name?: string; message?: string };
  return `${e.name ?? "Error"}: ${e.message ?? String(error)}`;
}

export async function putAll(
  opts: SinkOptions,
  records: readonly KinesisRecord[],
  deadline: number,
): Promise<SinkOutcome> {
  const outcome: SinkOutcome = { written: 0, retries: 0, retryReasons: [], calls: 0, unwritten: [] };
  const random = opts.random ?? Math.random;
  const clock = opts.clock ?? systemClock;
  const limits = opts.limits ?? LIMITS;
  const { batches: first, oversized } = planBatches(records, limits);
  for (const record of oversized) {
    outcome.unwritten.push({ partitionKey: record.partitionKey, reason: "record exceeds 1 MiB" });
  }
  // Each pending entry carries the last reason it failed, so the final report names the real cause.
  type Pending = KinesisRecord & { reason: string };
  let pending: Pending[] = first.flat().map((record) => ({ ...record, reason: "" }));

  for (let round = 0; pending.length > 0; round++) {
    const failed: Pending[] = [];
    const { batches } = planBatches(pending, limits);
    for (const [index, batch] of batches.entries()) {
      const remainingMs = deadline - clock.now();
      if (remainingMs <= 0) {
        failed.push(...batch);
        continue;
      }
      outcome.calls++;
      let response: PutRecordsCommandOutput;
      try {
        response = await opts.kinesis.send(
          new PutRecordsCommand({
            StreamName: opts.streamName,
            Records: batch.map((r) => ({ Data: r.data, PartitionKey: r.partitionKey })),
          }),
          { abortSignal: AbortSignal.timeout(remainingMs) },
        );
      } catch (error) {
        const reason = errorText(error);
        if (!isRetryable(error)) {
          // A final error (no such stream, access denied...) will not heal by retrying: report it all now.
          for (const record of [...failed, ...batches.slice(index).flat()]) {
            outcome.unwritten.push({ partitionKey: record.partitionKey, reason });
          }
          return outcome;
        }
        // An abort is the deadline talking; the error before it is the one worth reporting.
        const aborted = (error as Error).name === "AbortError" || (error as Error).name === "TimeoutError";
        failed.push(...batch.map((r) => ({ ...r, reason: aborted && r.reason ? r.reason : reason })));
        continue;
      }
      const results = response.Records ?? [];
      batch.forEach((record, i) => {
        const result = results[i];
        if (result && !result.ErrorCode && result.SequenceNumber) {
          outcome.written++;
        } else {
          const reason = !result?.ErrorCode
            ? "no result for this entry"
            : result.ErrorMessage
              ? `${result.ErrorCode}: ${result.ErrorMessage}`
              : result.ErrorCode;
          failed.push({ ...record, reason });
        }
      });
    }
    pending = failed;
    if (pending.length === 0) break;
    const waitMs = backoffDelay(round, opts.backoff, random);
    if (clock.now() + waitMs >= deadline) break;
    outcome.retries++;
    outcome.retryReasons.push(`kinesis: ${[...new Set(pending.map((p) => p.reason))].join("; ")}`);
    await clock.sleep(waitMs);
  }
  for (const p of pending) {
    outcome.unwritten.push({
      partitionKey: p.partitionKey,
      reason: `deadline reached; last error: ${p.reason || "none (no time left to send)"}`,
    });
  }
  return outcome;
}
