/**
 * What the realisers made of a stack: each returns what it made of one declared resource, and the run
 * (./local-stack.ts) files it here, in a new record each time, so a realiser sees only what earlier ones
 * made and never changes it. The run starts, stops and summarises from this record.
 */
import type { DataZone } from "../../model/lake";
import type { MetricId } from "../stand-ins/alarms/metric-log";
import type { LocalFunction } from "../stand-ins/lambda/local-function";
import type { Scheduler } from "../stand-ins/schedule/scheduler";
import type { DeliveryLoop } from "../stand-ins/firehose/delivery-loop";
import type { ParquetEncoder } from "../stand-ins/firehose/parquet";

/** An SQS queue: a JSON-lines file of the messages sent to it, and how many (which the sender counts up). */
export interface QueueFile {
  name: string;
  file: string;
  messages: number;
}

/** A function realised: its containers, and what the run needs to know of it and to clean up after it. */
export interface RealisedFunction {
  local: LocalFunction;
  /** Where its archive was laid out: removed when the run winds down. */
  artifactDir: string;
  /** The Node.js it runs on, and whether it is the runtime's major version. */
  runtime: { node: string; matches: boolean };
  /** Which metrics it produces even before a datapoint: a declared alarm on others is not evaluated. */
  produces: (m: MetricId) => boolean;
  /** Where the events it gives up go, when its destination is a declared queue. */
  failureQueue: QueueFile | undefined;
}

/** A delivery stream realised: which zone of the lake it writes, and its Parquet encoder if it converts. */
export interface ZoneDelivery {
  name: string;
  zone: DataZone;
  bucket: string;
  loop: DeliveryLoop;
  /** Closed when the run winds down. */
  encoder: ParquetEncoder | undefined;
}

export interface Realised {
  /** The queues, by ARN: a function's failure destination names one. */
  readonly queues: ReadonlyMap<string, QueueFile>;
  readonly functions: readonly RealisedFunction[];
  readonly schedulers: readonly Scheduler[];
  readonly deliveries: readonly ZoneDelivery[];
}

export const NOTHING_REALISED: Realised = {
  queues: new Map(),
  functions: [],
  schedulers: [],
  deliveries: [],
};

/** The run's failure queue: the last realised function's that has one (a stack declares one at most). */
export function failureQueueOf(realised: Pick<Realised, "functions">): QueueFile | undefined {
  return realised.functions.filter((f) => f.failureQueue).at(-1)?.failureQueue;
}

/** Which metrics the run produces: those any of its functions produces. */
export function producible(realised: Pick<Realised, "functions">): (m: MetricId) => boolean {
  return (m) => realised.functions.some((f) => f.produces(m));
}
