/**
 * Where a local run's callbacks report while the stack runs: the counts the summary is made from, the
 * errors and warnings, the metric datapoints, the events the CLI prints, and the "an invocation has
 * settled" signal the run waits on. These are the only things that change during a run, and they are
 * not what the realisers made: a realiser hands them to the callbacks of what it makes, and returns what
 * it made (./realised.ts) rather than adding it here.
 */
import { MetricLog } from "../stand-ins/alarms/metric-log";
import type { LocalRunEvent } from "./events";

export interface Tally {
  scheduled: number;
  attempts: number;
  succeeded: number;
  retried: number;
  toFailureQueue: number;
  fetched: number;
  valid: number;
  rejected: number;
  written: number;
  /** Valid beers that carried fields the lake's schema does not declare (schema drift). */
  withUnknownFields: number;
}

export function emptyTally(): Tally {
  return {
    scheduled: 0,
    attempts: 0,
    succeeded: 0,
    retried: 0,
    toFailureQueue: 0,
    fetched: 0,
    valid: 0,
    rejected: 0,
    written: 0,
    withUnknownFields: 0,
  };
}

export class RunSinks {
  readonly tally: Tally = emptyTally();
  readonly errors: string[] = [];
  readonly warnings: string[] = [];
  /** The unknown field paths the function's lines named (each line names the first few of its own). */
  readonly unknownFields = new Set<string>();
  /** The datapoints the run produces, for its metrics and for evaluating the declared alarms. */
  readonly metrics = new MetricLog();

  constructor(
    private readonly emitEvent: (event: LocalRunEvent) => void,
    /** Called when a scheduled invocation has settled: the run checks whether it is done. */
    public onSettled: () => void = () => undefined,
  ) {}

  emit(event: LocalRunEvent): void {
    this.emitEvent(event);
  }

  error(message: string): void {
    this.errors.push(message);
    this.emit({ kind: "error", message });
  }
}
