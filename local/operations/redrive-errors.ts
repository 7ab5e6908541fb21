/**
 * Redrive of the Firehose error prefix: each error object's records (their `rawData`) put back into the
 * stream with the function's own sink (handler/sink.ts: PutRecords within the limits, failed entries
 * resent), after which a ledger object records that the error object was redriven. A second redrive skips
 * what the ledger holds, so it lands nothing new; an object whose records could not all be put gets no
 * ledger entry, and is redriven again next time (its records may then land twice: `beers_latest` keeps one).
 * Nothing is deleted: the error objects stay, to look at.
 */
import { createHash } from "crypto";
import type { KinesisClient } from "@aws-sdk/client-kinesis";
import { putAll } from "../../handler/sink";
import type { KinesisRecord } from "../../handler/batch";
import { SETTINGS } from "../../handler/settings";
import { errorObjectRecords } from "../../model/firehose-error-record";
import { REDRIVE_LEDGER, type LakeModel } from "../../model/lake";
import { getObject, listKeys, putObject, S3 } from "./lake-objects";

export interface RedriveErrorsRequest {
  s3: S3;
  bucket: string;
  lake: LakeModel;
  kinesis: Pick<KinesisClient, "send">;
  stream: string;
  /**
   * Records that an error object was redriven (its ledger entry); by default at once, in the bucket. The
   * local run records them only once the lake it redrove into is in place.
   */
  markDone?: (errorKey: string, entry: string) => Promise<void>;
  /** How long the puts of one object may take before what is left counts as not written. */
  timeoutMs?: number;
  now?: () => Date;
}

export interface RedriveErrorsReport {
  /** Error objects found, and of them those an earlier redrive did. */
  objects: number;
  alreadyRedriven: number;
  redriven: number;
  records: number;
  /** Lines of error objects that hold no record, and records that could not be put, named. */
  problems: string[];
}

/** The ledger entry of an error object. */
export const ledgerKey = (errorKey: string): string => `${REDRIVE_LEDGER}${errorKey}.json`;

/** The function keys records by beer id; a record that is no beer is keyed by its hash. */
function partitionKey(record: Buffer): string {
  try {
    const id = (JSON.parse(record.toString("utf8")) as { id?: unknown }).id;
    if (typeof id === "number" || typeof id === "string") return String(id);
  } catch {
    // not JSON: keyed by content below
  }
  return createHash("sha256").update(record).digest("hex").slice(0, 32);
}

export async function redriveErrors(req: RedriveErrorsRequest): Promise<RedriveErrorsReport> {
  const now = req.now ?? (() => new Date());
  const errorKeys = await listKeys(req.s3, req.bucket, req.lake.errors.literalStart);
  const done = new Set(await listKeys(req.s3, req.bucket, REDRIVE_LEDGER));
  const report: RedriveErrorsReport = {
    objects: errorKeys.length,
    alreadyRedriven: 0,
    redriven: 0,
    records: 0,
    problems: [],
  };
  for (const key of errorKeys) {
    if (done.has(ledgerKey(key))) {
      report.alreadyRedriven++;
      continue;
    }
    const { records, bad } = errorObjectRecords((await getObject(req.s3, req.bucket, key)).toString("utf8"));
    report.problems.push(...bad.map((b) => `${key}: ${b}`));
    const batch: KinesisRecord[] = records.map((data) => ({ data, partitionKey: partitionKey(data) }));
    const outcome = await putAll(
      {
        kinesis: req.kinesis,
        streamName: req.stream,
        backoff: { baseMs: SETTINGS.backoffBaseMs.default, capMs: SETTINGS.backoffCapMs.default },
      },
      batch,
      Date.now() + (req.timeoutMs ?? 60_000),
    );
    report.records += outcome.written;
    if (outcome.unwritten.length) {
      report.problems.push(
        ...outcome.unwritten.map((u) => `${key}: record ${u.partitionKey} not put: ${u.reason}`),
      );
      continue;
    }
    // Every record it holds is in the stream: it is done, its lines that hold none named in its entry (and
    // reported above), so that a second redrive puts nothing again.
    const entry = JSON.stringify({
      redrivenAt: now().toISOString(),
      stream: req.stream,
      records: outcome.written,
      ...(bad.length ? { unreadable: bad } : {}),
    });
    await (req.markDone ?? ((k, e) => putObject(req.s3, req.bucket, ledgerKey(k), e)))(key, entry);
    report.redriven++;
  }
  return report;
}
