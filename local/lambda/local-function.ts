/**
 * A deployed function, locally: its artifact laid out once, and a pool of containers (child processes)
 * that grows when invocations overlap, as Lambda scales out. Asynchronous invocations follow the
 * function's event-invoke settings: failed events are retried after Lambda's delays (1 and 2 minutes,
 * divided by the run's speed-up), then handed to the failure destination.
 */
import { InvokeResult, LambdaProcess, LambdaProcessOptions } from "./process";

export interface AsyncInvokeConfig {
  maximumRetryAttempts: number;
  /** Called with the event and the last error when every attempt failed. */
  onFailure: (event: unknown, error: { name: string; message: string }, attempts: number) => void;
}

export interface AttemptReport {
  attempt: number;
  result: InvokeResult;
}

export class LocalFunction {
  private readonly idle: LambdaProcess[] = [];
  private readonly all: LambdaProcess[] = [];
  /** Retries waiting for their delay: the timer, and how to wake the waiting attempt. */
  private pendingRetries = new Map<NodeJS.Timeout, () => void>();
  private inFlight = new Set<Promise<unknown>>();
  private closed = false;

  constructor(
    readonly name: string,
    private readonly processOptions: LambdaProcessOptions,
    private readonly asyncConfig: AsyncInvokeConfig | undefined,
    private readonly speed: number,
    private readonly onAttempt?: (report: AttemptReport) => void,
  ) {}

  get containers(): number {
    return this.all.length;
  }

  /** A synchronous invocation on an idle container, or a new one (a cold start). */
  async invoke(event: unknown): Promise<InvokeResult> {
    const container = this.idle.pop() ?? this.newContainer();
    try {
      return await container.invoke(event);
    } finally {
      if (!this.closed) this.idle.push(container);
    }
  }

  private newContainer(): LambdaProcess {
    const container = new LambdaProcess(this.processOptions);
    this.all.push(container);
    return container;
  }

  /** An asynchronous invocation (what EventBridge does): retried on failure, then sent to the destination. */
  invokeAsync(event: unknown): Promise<void> {
    const run = this.attempt(event, 0);
    this.inFlight.add(run);
    return run.finally(() => this.inFlight.delete(run));
  }

  private async attempt(event: unknown, attempt: number): Promise<void> {
    if (this.closed) return;
    const result = await this.invoke(event);
    this.onAttempt?.({ attempt, result });
    if (result.ok) return;
    const retries = this.asyncConfig?.maximumRetryAttempts ?? 2;
    if (attempt < retries) {
      // Lambda waits about 1 minute before the first retry and 2 minutes before the second.
      const delayMs = ((attempt + 1) * 60_000) / this.speed;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.pendingRetries.delete(timer);
          resolve();
        }, delayMs);
        this.pendingRetries.set(timer, resolve);
      });
      return this.attempt(event, attempt + 1);
    }
    this.asyncConfig?.onFailure(event, result.error, attempt + 1);
  }

  /** Waits for every asynchronous invocation, retries included, to settle. */
  async settle(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  /** Stops at once: pending retries dropped, containers killed. */
  async close(): Promise<void> {
    this.closed = true;
    for (const [timer, wake] of this.pendingRetries) {
      clearTimeout(timer);
      wake(); // the attempt sees `closed` and ends
    }
    this.pendingRetries.clear();
    await Promise.all(this.all.map((c) => c.close()));
  }
}
