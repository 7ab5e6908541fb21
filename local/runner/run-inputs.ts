/**
 * What a local run is given before anything is realised, and that nothing changes while it runs: the
 * declared resources, the run's options, the stack's configuration and lake, the account and region, the
 * local services standing in for AWS (each behind IAM) and the clock. Every realiser (./realisers/)
 * reads it; none writes it. What the realisers make is returned (./realised.ts); what happens while the
 * stack runs goes to the run's sinks (./run-sinks.ts).
 */
import path from "path";
import type { StackConfig } from "../../config/spec";
import type { LakeModel } from "../../model/lake";
import type { AwsEnv } from "../../model/names";
import type { DeclaredResource } from "../harness/run-program";
import type { LocalKinesis } from "../stand-ins/services/kinesis";
import type { LocalS3 } from "../stand-ins/services/s3";
import type { LocalIam } from "../stand-ins/iam/local-iam";
import { Declared } from "./resources";
import { systemTimers, Timers } from "../support/timers";

export interface RunOptions {
  workDir: string;
  invocations: number;
  speed: number;
  keepRunning: boolean;
  /**
   * An operation on an earlier run's folder (a redrive): its buckets keep their objects, its logs are
   * added to, and its summary.json, which says how the lake was written, is kept.
   */
  onExistingRun?: boolean;
}

export interface SourceFacts {
  url: string;
  contract: string;
  standIn: boolean;
  catalogue?: string;
}

export interface RunServices {
  kinesis: LocalKinesis;
  s3: LocalS3;
  iam: LocalIam;
  /** The endpoints the function and the local Firehose call: IAM in front of kinesalite and s3rver. */
  kinesisEndpoint: string;
  s3Endpoint: string;
  source: SourceFacts;
}

export class RunInputs {
  readonly declared: Declared;

  constructor(
    readonly options: RunOptions,
    readonly config: StackConfig,
    readonly lake: LakeModel,
    readonly env: AwsEnv,
    resources: DeclaredResource[],
    readonly services: RunServices,
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
}
