/** What a local run reports as it goes (the CLI prints these), and the handler's own summary line. */
import type { IngestSummary } from "../../handler/ingest";
import type { DeliveredObject } from "../firehose/delivery-loop";

/** The handler's one log line per invocation (handler/ingest.ts), as read back from the function's output. */
export type HandlerSummary = Pick<
  IngestSummary,
  "requested" | "fetched" | "valid" | "rejected" | "written" | "retries" | "durationMs"
> &
  Partial<Pick<IngestSummary, "rejections" | "fetchFailures">>;

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
  | { kind: "error"; message: string };
