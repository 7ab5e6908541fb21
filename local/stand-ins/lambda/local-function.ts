/**
 * A deployed function, locally: its artifact laid out once, and a pool of containers (child processes)
 * that grows when invocations overlap, as Lambda scales out. Asynchronous invocations follow the
 * function's event-invoke settings: failed events are retried after Lambda's delays (1 and 2 minutes,
 * divided by the run's speed-up), then handed to the failure destination.
 */
import { systemTimers, Timers } from "../../support/timers";
import { InvokeResult, LambdaProcess, LambdaProcessOptions } from "./process";

export interface AsyncInvokeConfig {
  maximumRetryAttempts: number;
  /** Called with the event and the last error when every attempt failed. */
  onFailure: (event: unknown, error: { name: string; message: string }, attempts: number) => void;
}

/**
 * Containers a function may have at once when it declares no reserved concurrency: beyond it, invocations
 * wait for a free container, as Lambda queues asynchronous events when a function is at its limit.
 */
export const DEFAULT_MAX_CONTAINERS = 10;

export interface LocalFunctionOptions {
  asyncConfig?: AsyncInvokeConfig;
  /** The run's speed-up: Lambda's retry delays are divided by it. */
  speed: number;
  onAttempt?: (report: AttemptReport) => void;
  maxContainers?: number;
  /** Called every `slowAfterMs` (SLOW_ATTEMPT_MS) while an attempt lasts, with how long it has run. */
  onSlow?: (waitedMs: number) => void;
  slowAfterMs?: number;
  /** Called when an invocation has to wait for a container, with how many wait. */
  onQueued?: (waiting: number) => void;
  /** The timers of the slow reports and the retry delays: the system's unless a test drives them. */
  timers?: Timers;
}

/** How often a long attempt is reported. */
export const SLOW_ATTEMPT_MS = 5000;

export interface AttemptReport {
  attempt: number;
  result: InvokeResult;
}

export class LocalFunction {
  private readonly idle: LambdaProcess[] = [];
  private readonly all: LambdaProcess[] = [];
  /** Retries waiting for their delay: the timer, and how to wake the waiting attempt. */
  private pendingRetries = new Map<unknown, () => void>();
  private inFlight = new Set<Promise<unknown>>();
  private closed = false;
  /** Invocations waiting for a container, woken in order. */
  private readonly waiting: (() => void)[] = [];

  private readonly maxContainers: number;
  private readonly timers: Timers;

  constructor(
    readonly name: string,
    // What its containers and invocations were made with (read by tests of what a run configures).
    readonly processOptions: LambdaProcessOptions,
    readonly options: LocalFunctionOptions,
  ) {
    this.maxContainers = options.maxContainers ?? DEFAULT_MAX_CONTAINERS;
    this.timers = options.timers ?? systemTimers;
  }

  get containers(): number {
    return this.all.length;
  }

  /** Invocations waiting for a container because all are busy and no more may start. */
  get queued(): number {
    return this.waiting.length;
  }

  /** A synchronous invocation on an idle container, or a new one (a cold start) while under the limit. */
  async invoke(event: unknown): Promise<InvokeResult> {
    while (!this.idle.length && this.all.length >= this.maxContainers && !this.closed) {
      this.options.onQueued?.(this.waiting.length + 1);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    if (this.closed)
      return {
        ok: false,
        error: { name: "Stopped", message: "the run stopped" },
        durationMs: 0,
        timedOut: false,
      };
    const container = this.idle.pop() ?? this.newContainer();
    const { timers } = this;
    const started = timers.now();
    const slow = timers.setInterval(
      () => this.options.onSlow?.(timers.now() - started),
      this.options.slowAfterMs ?? SLOW_ATTEMPT_MS,
    );
    try {
      return await container.invoke(event);
    } finally {
      timers.clearInterval(slow);
      if (!this.closed) this.idle.push(container);
      this.waiting.shift()?.();
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
    // Stopped meanwhile (Ctrl-C): the attempt was cut short by us, not failed by the function.
    if (this.closed) return;
    this.options.onAttempt?.({ attempt, result });
    if (result.ok) return;
    const retries = this.options.asyncConfig?.maximumRetryAttempts ?? 2;
    if (attempt < retries) {
      // Lambda waits about 1 minute before the first retry and 2 minutes before the second.
      const delayMs = ((attempt + 1) * 60_000) / this.options.speed;
      await new Promise<void>((resolve) => {
        const timer = this.timers.setTimeout(() => {
          this.pendingRetries.delete(timer);
          resolve();
        }, delayMs);
        this.pendingRetries.set(timer, resolve);
      });
      return this.attempt(event, attempt + 1);
    }
    this.options.asyncConfig?.onFailure(event, result.error, attempt + 1);
  }

  /** Waits for every asynchronous invocation, retries included, to settle. */
  async settle(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  /** Stops at once: pending retries dropped, containers killed. */
  async close(): Promise<void> {
    this.closed = true;
    for (const [timer, wake] of this.pendingRetries) {
      this.timers.clearTimeout(timer);
      wake(); // the attempt sees `closed` and ends
    }
    this.pendingRetries.clear();
    for (const wake of this.waiting.splice(0)) wake();
    await Promise.all(this.all.map((c) => c.close()));
  }
}
