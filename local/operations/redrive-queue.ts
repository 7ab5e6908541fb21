/**
 * Redrive of the function's failure queue: each message's original event (`requestPayload`, as Lambda's
 * destinations write it) invoked again, synchronously, and the message deleted only once that invocation
 * succeeded. A second redrive finds an empty queue; a message whose invocation fails again stays, with
 * why. The queue and the function are ports: a local queue file and the local function, or SQS and Lambda.
 */

export interface QueueMessage {
  /** The message's id, the same at every receive. */
  id: string;
  /** What deletes it (SQS: this receive's receipt handle). */
  receipt: string;
  body: string;
}

export interface FailureQueue {
  receive(): Promise<QueueMessage[]>;
  remove(message: QueueMessage): Promise<void>;
}

/** Invokes the function with an event and waits: undefined when it succeeded, else why it failed. */
export type Invoke = (event: unknown) => Promise<string | undefined>;

export interface RedriveQueueReport {
  messages: number;
  redriven: number;
  /** Messages left in the queue, with why. */
  failed: { id: string; reason: string }[];
}

export async function redriveQueue(queue: FailureQueue, invoke: Invoke): Promise<RedriveQueueReport> {
  const report: RedriveQueueReport = { messages: 0, redriven: 0, failed: [] };
  // A message that failed again comes back once it is visible again: each is tried once per redrive.
  const seen = new Set<string>();
  for (;;) {
    const batch = (await queue.receive()).filter((m) => !seen.has(m.id));
    if (!batch.length) return report;
    for (const message of batch) {
      seen.add(message.id);
      report.messages++;
      let event: unknown;
      try {
        const parsed = JSON.parse(message.body) as { requestPayload?: unknown };
        if (!parsed || typeof parsed !== "object" || !("requestPayload" in parsed))
          throw new Error("no requestPayload: not a Lambda failure destination record");
        event = parsed.requestPayload;
      } catch (error) {
        report.failed.push({ id: message.id, reason: (error as Error).message });
        continue;
      }
      const failure = await invoke(event);
      if (failure) report.failed.push({ id: message.id, reason: failure });
      else {
        await queue.remove(message);
        report.redriven++;
      }
    }
  }
}
