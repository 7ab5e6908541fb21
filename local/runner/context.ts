/**
 * What the parts of a local run share: the declared resources, the local services standing in for AWS
 * (each behind IAM), the things realised so far, and the tallies the summary is made from. The realisers
 * (./realisers/) fill it; the run (./local-stack.ts) starts, stops and reports it.
 */
import { MetricId, MetricLog } from "../stand-ins/alarms/metric-log";
import path from "path";
import type { StackConfig } from "../../config/spec";
import type { DataZone, LakeModel } from "../../model/lake";
import type { AwsEnv } from "../../model/names";
import type { DeclaredResource } from "../harness/run-program";
import type { LocalKinesis } from "../stand-ins/services/kinesis";
import type { LocalS3 } from "../stand-ins/services/s3";
import type { LocalIam } from "../stand-ins/iam/local-iam";
import type { LocalFunction } from "../stand-ins/lambda/local-function";
import type { Scheduler } from "../stand-ins/schedule/scheduler";
import type { DeliveryLoop } from "../stand-ins/firehose/delivery-loop";
import type { ParquetEncoder } from "../stand-ins/firehose/parquet";
import type { LocalRunEvent } from "./events";
import { Declared } from "./resources";
import { systemTimers, Timers } from "../support/timers";
import { arn } from "../../model/arn";

export interface RunOptions {
  workDir: string;
  invocations: number;
  speed: number;
  keepRunning: boolean;
}

export interface QueueFile {
  name: string;
  file: string;
  messages: number;
}

export interface SourceFacts {
  url: string;
  contract: string;
  standIn: boolean;
  catalogue?: string;
}

/** A delivery stream realised: which zone of the lake it writes. */
export interface ZoneDelivery {
  name: string;
  zone: DataZone;
  bucket: string;
  loop: DeliveryLoop;
}

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
  };
}

export class RunContext {
  readonly declared: Declared;
  readonly tally: Tally = emptyTally();
  readonly errors: string[] = [];
  readonly warnings: string[] = [];
  readonly functions: LocalFunction[] = [];
  readonly schedulers: Scheduler[] = [];
  readonly deliveries: ZoneDelivery[] = [];
  readonly queues = new Map<string, QueueFile>();
  readonly artifactDirs: string[] = [];
  readonly encoders: ParquetEncoder[] = [];
  failureQueue: QueueFile | undefined;
  /** The datapoints the run produces, for its metrics and for evaluating the declared alarms. */
  readonly metrics = new MetricLog();
  /** Which metrics the run produces even before a datapoint: a declared alarm on others is not evaluated. */
  readonly producible: ((m: MetricId) => boolean)[] = [];
  runtime: { node: string; matches: boolean } | undefined;
  /** Called when a scheduled invocation has settled: the run checks whether it is done. */
  onSettled: () => void = () => undefined;

  constructor(
    readonly options: RunOptions,
    readonly config: StackConfig,
    readonly lake: LakeModel,
    readonly env: AwsEnv,
    resources: DeclaredResource[],
    readonly services: {
      kinesis: LocalKinesis;
      s3: LocalS3;
      iam: LocalIam;
      /** The endpoints the function and the local Firehose call: IAM in front of kinesalite and s3rver. */
      kinesisEndpoint: string;
      s3Endpoint: string;
      source: SourceFacts;
    },
    private readonly emitEvent: (event: LocalRunEvent) => void,
    /** The clock of the schedule, the retries, the slow reports and the datapoints: a test's, or the system's. */
    readonly timers: Timers = systemTimers,
  ) {
    this.declared = new Declared(resources);
  }

  get logsDir(): string {
    return path.join(this.options.workDir, "logs");
  }

  get lakeDir(): string {
    return path.join(this.options.workDir, "lake");
  }

  /** An ARN in this stack's account and region. */
  arn(service: string, resource: string): string {
    return arn(this.env, service, resource);
  }

  emit(event: LocalRunEvent): void {
    this.emitEvent(event);
  }

  error(message: string): void {
    this.errors.push(message);
    this.emit({ kind: "error", message });
  }
}
