/**
 * A whole stack on this machine: the real program evaluated on the Pulumi mocks with the stack's
 * configuration, each declared resource realised by the realiser of its type (./realisers/) on local
 * services standing in for AWS (kinesalite, s3rver, each behind IAM; child processes running the
 * function's own artifact; timers; a local Firehose), then run until the requested number of scheduled
 * invocations has settled, or until stopped, and summarised (./summary.ts). The realisers return what
 * they made, which the run files in one record (./realised.ts) to start, stop and summarise from; the
 * callbacks of what they made report into the run's sinks (./run-sinks.ts).
 */
import fs from "fs";
import path from "path";
import { cachedRun } from "../harness/program-cache";
import { LOCAL_ACCOUNT } from "../harness/aws-state";
import type { DeclaredResource } from "../harness/run-program";
import { startKinesalite } from "../stand-ins/services/kinesis";
import { startS3rver } from "../stand-ins/services/s3";
import { LocalIam } from "../stand-ins/iam/local-iam";
import { Gateway, startKinesisGateway, startS3Gateway } from "../stand-ins/iam/gateway";
import { startPunkApi, StandIn } from "../stand-ins/punkapi/server";
import type { Contract } from "../../handler/contract";
import { removeTempDir } from "../support/temp-dirs";
import { readRunConfig } from "./run-config";
import { RunInputs, RunOptions } from "./run-inputs";
import { RunSinks, Tally } from "./run-sinks";
import { NOTHING_REALISED, Realised } from "./realised";
import type { LocalRunEvent } from "./events";
import { REALISED_TYPES, REALISERS } from "./realisers";
import { LocalRunSummary, summarise, SUMMARY_FILE } from "./summary";

export type { LocalRunSummary } from "./summary";
export type { LocalRunEvent } from "./events";

export interface LocalRunOptions extends RunOptions {
  projectDir: string;
  stack: string;
  sourceUrl?: string;
  sourceContract?: Contract;
  /** Configuration values over the stack file's (`<project>:<key>` or `<key>`), as `--config` gives them. */
  config?: Readonly<Record<string, string>>;
  onEvent?: (event: LocalRunEvent) => void;
  /** Changes what the program declared before it is realised: to try a policy, say, without editing it. */
  amend?: (resources: DeclaredResource[]) => DeclaredResource[];
}

/** What an operation on a deployed local stack (LocalStackRun.operate) is given. */
export interface OperatedStack {
  inputs: RunInputs;
  functions: Realised["functions"];
  /** Counts records put into the stream by the operation, as the function's writes are counted. */
  wrote(records: number): void;
}

export class LocalStackRun {
  private inputs: RunInputs | undefined;
  private readonly sinks = new RunSinks(
    (event) => this.opts.onEvent?.(event),
    () => this.checkDone(),
  );
  /** What has been realised so far: all of the stack once deploy() is done. */
  private realised: Realised = NOTHING_REALISED;
  private api: StandIn | undefined;
  private gateways: Gateway[] = [];
  private closers: (() => Promise<void>)[] = [];
  private startedAt = Date.now();
  private stopping: Promise<LocalRunSummary> | undefined;
  private interrupted = false;
  private finish!: () => void;
  private readonly finished = new Promise<void>((resolve) => (this.finish = resolve));

  constructor(private readonly opts: LocalRunOptions) {}

  /** What the raw zone's delivery has done so far. */
  get delivered(): { recordsRead: number; recordsDelivered: number; objects: number } {
    const stats = this.realised.deliveries.find((d) => d.zone.id === "raw")?.loop.stats;
    return {
      recordsRead: stats?.recordsRead ?? 0,
      recordsDelivered: stats?.recordsDelivered ?? 0,
      objects: stats?.objects.length ?? 0,
    };
  }

  get counts(): Tally {
    return this.sinks.tally;
  }

  get elapsedMs(): number {
    return Date.now() - this.startedAt;
  }

  /** Evaluates the program and realises its resources; nothing is scheduled yet. */
  async deploy(): Promise<void> {
    const { projectDir, stack } = this.opts;
    const { files, config, lake } = readRunConfig(projectDir, stack, this.opts.config);
    const run = await cachedRun(projectDir, {
      programDir: projectDir,
      project: files.project,
      stack,
      config: files.config,
    });
    const resources = this.opts.amend ? this.opts.amend(run.resources) : run.resources;
    const env = { ...LOCAL_ACCOUNT, region: config.region };

    const workDir = this.opts.workDir;
    fs.mkdirSync(workDir, { recursive: true });
    const kinesis = await startKinesalite({ region: env.region });
    const s3 = await startS3rver(path.join(workDir, "lake"), env.region);
    this.closers.push(
      () => s3.close(),
      () => kinesis.close(),
    );
    // Every call of the function and of the local Firehose goes through IAM, as the role that makes it.
    const iam = new LocalIam(resources, env, files.project, stack);
    const kinesisGateway = await startKinesisGateway(kinesis.endpoint, iam, env);
    const s3Gateway = await startS3Gateway(s3.endpoint, iam, env);
    this.gateways.push(kinesisGateway, s3Gateway);
    const contract = this.opts.sourceContract ?? config.sourceContract;
    let source;
    if (this.opts.sourceUrl) source = { url: this.opts.sourceUrl, contract, standIn: false };
    else {
      this.api = await startPunkApi({ contract });
      source = { url: this.api.url, contract, standIn: true, catalogue: this.api.catalogue };
    }
    const inputs = new RunInputs(this.opts, config, lake, env, resources, {
      kinesis,
      s3,
      iam,
      kinesisEndpoint: kinesisGateway.endpoint,
      s3Endpoint: s3Gateway.endpoint,
      source,
    });
    this.inputs = inputs;
    if (!this.opts.onExistingRun) fs.rmSync(inputs.logsDir, { recursive: true, force: true });
    fs.mkdirSync(inputs.logsDir, { recursive: true });

    // Kept after each resource, so a deploy that fails part-way still winds down what it made.
    for (const step of REALISERS)
      for (const r of inputs.declared.ofType(step.type))
        this.realised = await step.realise(r, inputs, this.sinks, this.realised);
    const custom = resources.filter((r) => r.custom).length;
    const unrealised = inputs.declared.unrealised(REALISED_TYPES).reduce((n, u) => n + u.count, 0);
    this.sinks.emit({ kind: "deployed", resources: custom, realised: custom - unrealised });
  }

  private checkDone(): void {
    const { schedulers, functions } = this.realised;
    if (schedulers.every((s) => s.done))
      Promise.all(functions.map((f) => f.local.settle())).then(() => this.finish());
  }

  /** Runs until the scheduled invocations have settled (or until stop()), then winds down. */
  async run(): Promise<LocalRunSummary> {
    this.startedAt = Date.now();
    for (const d of this.realised.deliveries) await d.loop.start();
    for (const s of this.realised.schedulers) s.start();
    await this.finished;
    return this.stop();
  }

  /**
   * Runs an operation on the deployed stack instead of its schedule (a redrive): the deliveries read the
   * stream while it runs, then the stack winds down as after a run, every record delivered.
   */
  async operate<T>(
    action: (stack: OperatedStack) => Promise<T>,
  ): Promise<{ result: T; summary: LocalRunSummary }> {
    if (!this.inputs) throw new Error("the stack was not deployed");
    this.startedAt = Date.now();
    for (const d of this.realised.deliveries) await d.loop.start();
    let result: T;
    try {
      result = await action({
        inputs: this.inputs,
        functions: this.realised.functions,
        wrote: (n) => (this.sinks.tally.written += n),
      });
    } catch (error) {
      await this.stop(true).catch(() => undefined);
      throw error;
    }
    return { result, summary: await this.stop() };
  }

  /** Stops cleanly: no new invocations, functions ended, the stream read out, buffers written, servers closed. */
  stop(interrupted = false): Promise<LocalRunSummary> {
    if (interrupted) this.interrupted = true;
    this.stopping ??= this.wind();
    this.finish();
    return this.stopping;
  }

  /** Closes the local services, whatever part of them a deploy got to start. */
  private async release(): Promise<void> {
    await this.api?.close();
    for (const gateway of this.gateways) await gateway.close();
    for (const close of this.closers) await close();
  }

  private async wind(): Promise<LocalRunSummary> {
    const { inputs, sinks, realised } = this;
    if (!inputs) {
      await this.release();
      throw new Error("the stack was not deployed");
    }
    for (const s of realised.schedulers) s.stop();
    if (!this.interrupted) await Promise.all(realised.functions.map((f) => f.local.settle()));
    await Promise.all(realised.functions.map((f) => f.local.close()));
    for (const d of realised.deliveries) {
      try {
        await d.loop.stop();
      } catch (error) {
        sinks.error(`delivery: ${(error as Error).name}: ${(error as Error).message}`);
      }
    }
    const summary = summarise(inputs, sinks, realised, {
      stack: this.opts.stack,
      interrupted: this.interrupted,
      durationMs: this.elapsedMs,
      startedAt: this.startedAt,
    });
    await this.release();
    for (const f of realised.functions) removeTempDir(f.artifactDir);
    for (const d of realised.deliveries) d.encoder?.close();
    const file = path.join(this.opts.workDir, SUMMARY_FILE);
    if (!this.opts.onExistingRun || !fs.existsSync(file))
      fs.writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);
    return summary;
  }
}
