/** What a local run reports as it goes (the CLI prints these), and the handler's own summary line. */
import type { IngestSummary } from "../../handler/ingest";
import type { DeliveredObject } from "../stand-ins/firehose/delivery-loop";

/** The handler's one log line per invocation (handler/ingest.ts), as read back from the function's output. */
export type HandlerSummary = Pick<
  IngestSummary,
  "requested" | "fetched" | "valid" | "rejected" | "written" | "retries" | "durationMs"
> &
  Partial<
    Pick<
      IngestSummary,
      "rejections" | "fetchFailures" | "unknownFields" | "unknownFieldPaths" | "beersWithUnknownFields"
    >
  >;

export type LocalRunEvent =
  | { kind: "deployed"; resources: number; realised: number }
  | { kind: "invoked"; tick: number }
  | {
      kind: "attempt";
      function: string;
      attempt: number;
      ok: boolean;
      summary?: HandlerSummary;
      error?: string;
    }
  | { kind: "failure-destination"; function: string; queue: string; error: string }
  | { kind: "object"; object: DeliveredObject }
  | { kind: "error"; message: string }
  /** The next scheduled invocation is this far away (said when it is far enough to wonder). */
  | { kind: "next-invocation"; inMs: number }
  /** An attempt has been running this long (said every few seconds while it lasts). */
  | { kind: "slow-attempt"; function: string; waitedMs: number }
  /** Invocations wait for a container: the function is at its concurrency limit. */
  | { kind: "queued"; function: string; waiting: number };
