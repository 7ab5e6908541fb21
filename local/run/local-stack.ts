/**
 * A whole stack on this machine: the real program evaluated on the Pulumi mocks with the stack's
 * configuration, then each declared resource realised on a local service (kinesalite, s3rver, child
 * processes running the function's own artifact, timers, a local Firehose), then run until the requested
 * number of scheduled invocations has settled, or until stopped.
 */
import fs from "fs";
import path from "path";
import { CreateBucketCommand } from "@aws-sdk/client-s3";
import type * as pulumi from "@pulumi/pulumi";
import { readStackFiles } from "../../config/stack-files";
import { parseStackConfig } from "../../config/stack-config";
import { cachedRun } from "../provider/program-cache";
import { layOutArchive, runtimeSdkNodePath } from "../lambda/artifact";
import { LocalFunction } from "../lambda/local-function";
import type { InvokeResult } from "../lambda/process";
import { DeliveryLoop, DeliveredObject } from "../firehose/delivery-loop";
import { ParquetEncoder } from "../firehose/parquet";
import { localPeriodMs, Scheduler } from "../schedule/scheduler";
import { createActiveStream, LocalKinesis, startKinesalite } from "../services/kinesis";
import { LocalS3, localS3Client, S3RVER_OBJECT_SUFFIX, startS3rver } from "../services/s3";
import { LocalIam } from "../iam/local-iam";
import { Gateway, startKinesisGateway, startS3Gateway } from "../iam/gateway";
import { lambdaNode } from "../lambda/runtime";
import { removeTempDir } from "../temp-dirs";
import { createKinesisClient } from "../../handler/clients";
import { LOCAL_ENV } from "../provider/aws-state";
import type { DeclaredResource } from "../provider/run-program";
import { startPunkApi, StandIn } from "../punkapi/server";
import { Declared } from "./resources";
import { readLake } from "../lake/read-lake";
import type { IngestSummary } from "../../handler/ingest";
import { staticPart } from "../../config/firehose-prefix";

export interface LocalRunOptions {
  projectDir: string;
  stack: string;
  workDir: string;
  invocations: number;
  speed: number;
  keepRunning: boolean;
  sourceUrl?: string;
  sourceContract?: "v2" | "v3";
  onEvent?: (event: LocalRunEvent) => void;
  /** Changes what the program declared before it is realised: to try a policy, say, without editing it. */
  amend?: (resources: DeclaredResource[]) => DeclaredResource[];
}

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

/** The handler's one log line per invocation (handler/ingest.ts), as read back from the function's output. */
export type HandlerSummary = Pick<
  IngestSummary,
  "requested" | "fetched" | "valid" | "rejected" | "written" | "retries" | "durationMs"
> &
  Partial<Pick<IngestSummary, "rejections" | "fetchFailures">>;

export interface LocalRunSummary {
  ok: boolean;
  stack: string;
  stoppedBy: "completed" | "interrupted";
  durationMs: number;
  speed: number;
  source: { url: string; contract: string; standIn: boolean; catalogue?: string };
  /** Every AWS call of the function and the local Firehose, judged against the declared policies. */
  iam: { requests: number; denied: { role: string; action: string; resource: string; message: string }[] };
  /** The Node.js the function ran on, and whether it is the runtime's major version. */
  runtime: { node: string; matches: boolean } | undefined;
  invocations: {
    scheduled: number;
    attempts: number;
    succeeded: number;
    retried: number;
    toFailureQueue: number;
  };
  beers: { fetched: number; valid: number; rejected: number; written: number; distinct: number };
  delivery: {
    deliveryStream: string;
    shards: number;
    recordsRead: number;
    recordsDelivered: number;
    objects: number;
    /** Each object as the delivery wrote it, with the arrival time its prefix was evaluated for. */
    written: { key: string; records: number; bytes: number; oldestArrival: string }[];
  };
  lake: {
    directory: string;
    bucket: string;
    prefix: string;
    objects: { key: string; file: string; records: number }[];
  };
  /** The curated zone: the same records as Parquet, by the Glue table's columns. */
  curated:
    | {
        deliveryStream: string;
        prefix: string;
        recordsDelivered: number;
        objects: { key: string; file: string }[];
      }
    | undefined;
  failureQueue: { name: string; file: string; messages: number } | undefined;
  errors: string[];
  unrealised: { type: string; count: number }[];
  logs: string;
}

export class LocalStackRun {
  private kinesis: LocalKinesis | undefined;
  private s3: LocalS3 | undefined;
  private api: StandIn | undefined;
  private functions: LocalFunction[] = [];
  private schedulers: Scheduler[] = [];
  private deliveries: DeliveryLoop[] = [];
  /** The delivery of the raw zone (the stream's records as landed); the others convert. */
  private rawDelivery: DeliveryLoop | undefined;
  private curatedDelivery: { loop: DeliveryLoop; name: string } | undefined;
  private artifactDirs: string[] = [];
  private declared!: Declared;
  private startedAt = Date.now();
  private stopping: Promise<LocalRunSummary> | undefined;
  private finished!: Promise<void>;
  private finish!: () => void;
  private interrupted = false;
  readonly counts = {
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
  readonly errors: string[] = [];
  private failureQueue: { name: string; file: string; messages: number } | undefined;
  private bucket = "";
  private prefix = "";
  private curatedPrefix = "";
  private encoders: ParquetEncoder[] = [];
  private deliveryStreamName = "";
  private source: LocalRunSummary["source"] = { url: "", contract: "", standIn: true };
  private iam: LocalIam | undefined;
  private gateways: Gateway[] = [];
  private kinesisGateway = "";
  private s3Gateway = "";
  private runtime: LocalRunSummary["runtime"];

  constructor(private readonly opts: LocalRunOptions) {
    this.finished = new Promise((resolve) => (this.finish = resolve));
  }

  private emit(event: LocalRunEvent): void {
    this.opts.onEvent?.(event);
  }

  private error(message: string): void {
    this.errors.push(message);
    this.emit({ kind: "error", message });
  }

  get lakeDir(): string {
    return path.join(this.opts.workDir, "lake");
  }

  get logsDir(): string {
    return path.join(this.opts.workDir, "logs");
  }

  /** What the raw zone's delivery has done so far. */
  get delivered(): { recordsRead: number; recordsDelivered: number; objects: number } {
    const stats = this.rawDelivery?.stats;
    return {
      recordsRead: stats?.recordsRead ?? 0,
      recordsDelivered: stats?.recordsDelivered ?? 0,
      objects: stats?.objects.length ?? 0,
    };
  }

  get elapsedMs(): number {
    return Date.now() - this.startedAt;
  }

  /** Evaluates the program and realises its resources; nothing is scheduled yet. */
  async deploy(): Promise<void> {
    const { projectDir, stack } = this.opts;
    const files = readStackFiles(projectDir, stack);
    // Same check the program makes, first: a bad key is named before anything starts.
    const config = parseStackConfig(files.config, stack, files.project);
    const run = await cachedRun(projectDir, {
      programDir: projectDir,
      project: files.project,
      stack,
      config: files.config,
    });
    this.declared = new Declared(this.opts.amend ? this.opts.amend(run.resources) : run.resources);

    fs.mkdirSync(this.opts.workDir, { recursive: true });
    fs.rmSync(this.logsDir, { recursive: true, force: true });
    fs.mkdirSync(this.logsDir, { recursive: true });

    // Buckets start empty on every run, so the lake holds exactly this run's data.
    const buckets = this.declared.ofType("aws:s3/bucket:Bucket").map((b) => b.inputs.bucket as string);
    for (const bucket of buckets)
      fs.rmSync(path.join(this.lakeDir, bucket), { recursive: true, force: true });
    this.kinesis = await startKinesalite();
    this.s3 = await startS3rver(this.lakeDir);
    // Every call of the function and of the local Firehose goes through IAM, as the role that makes it.
    this.iam = new LocalIam(this.declared.resources, LOCAL_ENV, files.project, stack);
    const kinesisGateway = await startKinesisGateway(this.kinesis.endpoint, this.iam, LOCAL_ENV);
    const s3Gateway = await startS3Gateway(this.s3.endpoint, this.iam, LOCAL_ENV);
    this.gateways.push(kinesisGateway, s3Gateway);
    this.kinesisGateway = kinesisGateway.endpoint;
    this.s3Gateway = s3Gateway.endpoint;
    for (const bucket of buckets) await this.s3.client.send(new CreateBucketCommand({ Bucket: bucket }));

    for (const stream of this.declared.ofType("aws:kinesis/stream:Stream")) {
      // On-demand streams start with 4 shards in AWS.
      const shards =
        stream.inputs.streamModeDetails?.streamMode === "ON_DEMAND" ? 4 : (stream.inputs.shardCount ?? 1);
      await createActiveStream(this.kinesis.client, stream.inputs.name, shards);
    }

    const contract = this.opts.sourceContract ?? config.sourceContract;
    if (this.opts.sourceUrl) {
      this.source = { url: this.opts.sourceUrl, contract, standIn: false };
    } else {
      this.api = await startPunkApi({ contract });
      this.source = { url: this.api.url, contract, standIn: true, catalogue: this.api.catalogue };
    }

    const queues = new Map<string, { name: string; file: string; messages: number }>();
    for (const queue of this.declared.ofType("aws:sqs/queue:Queue")) {
      const file = path.join(this.opts.workDir, "queues", `${queue.inputs.name}.jsonl`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, "");
      queues.set(queue.state.arn as string, { name: queue.inputs.name, file, messages: 0 });
    }

    for (const fn of this.declared.ofType("aws:lambda/function:Function"))
      await this.realiseFunction(fn, queues);
    this.realiseSchedules(config.schedule.expression);
    for (const firehose of this.declared.ofType(
      "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
    )) {
      await this.realiseDelivery(firehose);
    }
    this.emit({
      kind: "deployed",
      resources: run.resources.filter((r) => r.custom).length,
      realised: this.realisedCount(),
    });
  }

  private realisedCount(): number {
    const unrealised = this.declared.unrealised().reduce((n, u) => n + u.count, 0);
    return this.declared.resources.filter((r) => r.custom).length - unrealised;
  }

  private async realiseFunction(
    fn: ReturnType<Declared["ofType"]>[number],
    queues: Map<string, { name: string; file: string; messages: number }>,
  ): Promise<void> {
    const name = fn.inputs.name as string;
    const archive = fn.inputs.code as pulumi.asset.AssetArchive;
    const dir = await layOutArchive(await archive.assets, `punkapi-local-${name}-`);
    this.artifactDirs.push(dir);
    const invokeConfig = this.declared
      .ofType("aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig")
      .find((c) => c.inputs.functionName === name);
    const destinationArn = invokeConfig?.inputs.destinationConfig?.onFailure?.destination as
      string | undefined;
    const queue = destinationArn ? queues.get(destinationArn) : undefined;
    if (queue) this.failureQueue = queue;
    const logFile = path.join(this.logsDir, `${name}.log`);
    const role = String(fn.inputs.role);
    const credentials = this.iam!.credentialsFor(role);
    const env: Record<string, string> = {
      ...(fn.inputs.environment?.variables ?? {}),
      AWS_REGION: LOCAL_ENV.region,
      AWS_LAMBDA_FUNCTION_NAME: name,
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.inputs.memorySize ?? 128),
      // The execution role's credentials, as Lambda puts them in the environment.
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_SESSION_TOKEN: credentials.sessionToken,
      // This machine's endpoints in place of AWS's and the Internet's; AWS's go through IAM.
      KINESIS_ENDPOINT: this.kinesisGateway,
      PUNKAPI_URL: this.source.url,
      PUNKAPI_CONTRACT: this.source.contract,
    };
    // Lambda writes the function's logs, and sends failed events, with the execution role.
    const logGroup = `arn:${LOCAL_ENV.partition}:logs:${LOCAL_ENV.region}:${LOCAL_ENV.accountId}:log-group:/aws/lambda/${name}`;
    for (const action of ["logs:CreateLogStream", "logs:PutLogEvents"]) {
      const denied = await this.iam!.authorize(role, action, `${logGroup}:log-stream:local`);
      if (denied) this.error(`${name}: CloudWatch Logs would refuse its logs: AccessDenied: ${denied}`);
    }
    const node = lambdaNode(String(fn.inputs.runtime));
    this.runtime = { node: node.version, matches: node.matches };
    const [file, exportName] = String(fn.inputs.handler).split(".");
    const local = new LocalFunction(
      name,
      {
        dir,
        handler: `${file}.${exportName}`,
        env,
        nodePath: [runtimeSdkNodePath()],
        nodeExecutable: node.path,
        memoryMb: fn.inputs.memorySize,
        timeoutMs: (fn.inputs.timeout ?? 3) * 1000,
        onOutput: (line) => {
          fs.appendFileSync(logFile, `${line}\n`);
          this.onLogLine(name, line);
        },
      },
      {
        maximumRetryAttempts: invokeConfig?.inputs.maximumRetryAttempts ?? 2,
        onFailure: async (event, error, attempts) => {
          this.counts.toFailureQueue++;
          const message = `${error.name}: ${error.message}`;
          const denied =
            queue && destinationArn && (await this.iam!.authorize(role, "sqs:SendMessage", destinationArn));
          if (denied)
            this.error(`${name}: the failure destination refused the event: AccessDenied: ${denied}`);
          else if (queue) {
            queue.messages++;
            fs.appendFileSync(
              queue.file,
              `${JSON.stringify({ requestContext: { functionArn: fn.state.arn, condition: "RetriesExhausted", approximateInvokeCount: attempts }, requestPayload: event, responsePayload: { errorType: error.name, errorMessage: error.message } })}\n`,
            );
          }
          this.emit({
            kind: "failure-destination",
            function: name,
            queue: queue?.name ?? "(none)",
            error: message,
          });
        },
      },
      this.opts.speed,
      ({ attempt, result }) => this.onAttempt(name, attempt, result),
    );
    this.functions.push(local);
  }

  private lastSummary = new Map<string, HandlerSummary>();

  private onLogLine(fn: string, line: string): void {
    if (!line.startsWith("{")) return;
    try {
      const parsed = JSON.parse(line) as HandlerSummary & { msg?: string };
      if (typeof parsed.requested === "number") {
        this.lastSummary.set(fn, parsed);
        this.counts.fetched += parsed.fetched;
        this.counts.valid += parsed.valid;
        this.counts.rejected += parsed.rejected;
        this.counts.written += parsed.written;
      }
    } catch {
      // not a structured line
    }
  }

  private onAttempt(fn: string, attempt: number, result: InvokeResult): void {
    this.counts.attempts++;
    if (attempt > 0) this.counts.retried++;
    if (result.ok) this.counts.succeeded++;
    const summary = this.lastSummary.get(fn);
    this.lastSummary.delete(fn);
    const error = result.ok ? undefined : `${result.error.name}: ${result.error.message}`;
    if (error && !this.errors.includes(error)) this.errors.push(error);
    this.emit({ kind: "attempt", function: fn, attempt, ok: result.ok, summary, error });
  }

  private realiseSchedules(expression: string): void {
    for (const rule of this.declared.ofType("aws:cloudwatch/eventRule:EventRule")) {
      const periodMs = localPeriodMs(rule.inputs.scheduleExpression ?? expression, this.opts.speed);
      const targets = this.declared
        .ofType("aws:cloudwatch/eventTarget:EventTarget")
        .filter((t) => t.inputs.rule === rule.inputs.name);
      const functions = targets.map((t) => {
        const declared = this.declared.byArn(t.inputs.arn, "aws:lambda/function:Function");
        // EventBridge can invoke the function only if the function's resource policy lets it.
        const allowed = this.declared
          .ofType("aws:lambda/permission:Permission")
          .some(
            (p) =>
              p.inputs.function === declared.inputs.name &&
              p.inputs.principal === "events.amazonaws.com" &&
              p.inputs.sourceArn === rule.state.arn,
          );
        if (!allowed)
          throw new Error(
            `rule ${rule.inputs.name} targets ${declared.inputs.name}, but no permission lets EventBridge invoke it`,
          );
        return this.functions.find((f) => f.name === declared.inputs.name)!;
      });
      const max = this.opts.keepRunning ? undefined : this.opts.invocations;
      const scheduler = new Scheduler(
        periodMs,
        (tick) => {
          this.counts.scheduled++;
          this.emit({ kind: "invoked", tick });
          const event = {
            version: "0",
            id: `local-${tick}`,
            "detail-type": "Scheduled Event",
            source: "aws.events",
            time: new Date().toISOString(),
            resources: [rule.state.arn],
            detail: {},
          };
          for (const fn of functions) {
            fn.invokeAsync(event).then(
              () => this.checkDone(),
              (error: Error) => this.error(`${fn.name}: ${error.message}`),
            );
          }
        },
        max,
      );
      this.schedulers.push(scheduler);
    }
  }

  private async realiseDelivery(firehose: ReturnType<Declared["ofType"]>[number]): Promise<void> {
    const stream = this.declared.byArn(
      firehose.inputs.kinesisSourceConfiguration.kinesisStreamArn,
      "aws:kinesis/stream:Stream",
    );
    const s3 = firehose.inputs.extendedS3Configuration;
    const bucket = this.declared.byArn(s3.bucketArn, "aws:s3/bucket:Bucket");
    const conversion = s3.dataFormatConversionConfiguration;
    // Firehose reads the stream, writes the bucket, reads the schema and logs with its role.
    const role = String(firehose.inputs.kinesisSourceConfiguration.roleArn);
    const credentials = this.iam!.credentialsFor(role);
    this.s3!.allow(credentials.accessKeyId, credentials.secretAccessKey);
    const logging = s3.cloudwatchLoggingOptions;
    if (logging?.enabled) {
      const logStream = `arn:${LOCAL_ENV.partition}:logs:${LOCAL_ENV.region}:${LOCAL_ENV.accountId}:log-group:${logging.logGroupName}:log-stream:${logging.logStreamName}`;
      const denied = await this.iam!.authorize(role, "logs:PutLogEvents", logStream);
      if (denied)
        this.error(
          `${firehose.inputs.name}: CloudWatch Logs would refuse its error logs: AccessDenied: ${denied}`,
        );
    }
    let parquet: ParquetEncoder | undefined;
    if (conversion?.enabled) {
      // The schema is the declared Glue table's, as Firehose reads it from Glue.
      const { databaseName, tableName } = conversion.schemaConfiguration;
      const table = this.declared
        .ofType("aws:glue/catalogTable:CatalogTable")
        .find((t) => t.inputs.databaseName === databaseName && t.inputs.name === tableName);
      if (!table) {
        throw new Error(
          `${firehose.inputs.name} converts with ${databaseName}.${tableName}, which the program does not declare`,
        );
      }
      const glue = `arn:${LOCAL_ENV.partition}:glue:${LOCAL_ENV.region}:${LOCAL_ENV.accountId}`;
      for (const resource of [
        `${glue}:catalog`,
        `${glue}:database/${databaseName}`,
        `${glue}:table/${databaseName}/${tableName}`,
      ]) {
        const denied = await this.iam!.authorize(role, "glue:GetTableVersions", resource);
        if (denied) {
          this.error(
            `${firehose.inputs.name}: cannot read the schema it converts with: AccessDenied: ${denied}`,
          );
          return;
        }
      }
      parquet = new ParquetEncoder(table.inputs.storageDescriptor.columns);
      this.encoders.push(parquet);
      this.curatedPrefix = s3.prefix ?? "";
    } else {
      this.bucket = bucket.inputs.bucket;
      this.prefix = s3.prefix ?? "";
      this.deliveryStreamName = firehose.inputs.name;
    }
    const loop = new DeliveryLoop({
      kinesis: createKinesisClient({
        region: LOCAL_ENV.region,
        kinesisEndpoint: this.kinesisGateway,
        credentials,
      }),
      s3: localS3Client(this.s3Gateway, credentials),
      deliveryStreamName: firehose.inputs.name,
      streamName: stream.inputs.name,
      bucket: bucket.inputs.bucket,
      prefix: s3.prefix ?? "",
      bufferingSizeMb: s3.bufferingSize ?? 5,
      bufferingIntervalMs: ((s3.bufferingInterval ?? 300) * 1000) / this.opts.speed,
      compression: s3.compressionFormat ?? "UNCOMPRESSED",
      parquet,
      onObject: (object) => this.emit({ kind: "object", object }),
      onError: (error) => this.error(`${firehose.inputs.name}: ${error.name}: ${error.message}`),
    });
    this.deliveries.push(loop);
    if (parquet) this.curatedDelivery = { loop, name: firehose.inputs.name };
    else this.rawDelivery = loop;
  }

  private checkDone(): void {
    if (this.schedulers.every((s) => s.done)) {
      Promise.all(this.functions.map((f) => f.settle())).then(() => this.finish());
    }
  }

  /** Runs until the scheduled invocations have settled (or until stop()), then winds down. */
  async run(): Promise<LocalRunSummary> {
    this.startedAt = Date.now();
    for (const d of this.deliveries) await d.start();
    for (const s of this.schedulers) s.start();
    await this.finished;
    return this.stop();
  }

  /** Stops cleanly: no new invocations, functions ended, the stream read out, buffers written, servers closed. */
  stop(interrupted = false): Promise<LocalRunSummary> {
    if (interrupted) this.interrupted = true;
    this.stopping ??= this.wind();
    this.finish?.();
    return this.stopping;
  }

  private async wind(): Promise<LocalRunSummary> {
    for (const s of this.schedulers) s.stop();
    if (this.interrupted) await Promise.all(this.functions.map((f) => f.close()));
    else await Promise.all(this.functions.map((f) => f.settle()));
    await Promise.all(this.functions.map((f) => f.close()));
    for (const d of this.deliveries) {
      try {
        await d.stop();
      } catch (error) {
        this.error(`delivery: ${(error as Error).name}: ${(error as Error).message}`);
      }
    }
    const summary = this.summary();
    await this.api?.close();
    await this.s3?.close();
    for (const gateway of this.gateways) await gateway.close();
    await this.kinesis?.close();
    for (const dir of this.artifactDirs) removeTempDir(dir);
    for (const encoder of this.encoders) encoder.close();
    fs.writeFileSync(path.join(this.opts.workDir, "last-run.json"), `${JSON.stringify(summary, null, 2)}\n`);
    return summary;
  }

  private summary(): LocalRunSummary {
    const objects = this.bucket ? readLake(this.lakeDir, this.bucket, staticPart(this.prefix)) : [];
    const ids = new Set<number>();
    for (const o of objects) {
      for (const line of o.lines) {
        try {
          ids.add((JSON.parse(line) as { id: number }).id);
        } catch {
          this.error(`lake object ${o.key} holds a line that is not JSON`);
        }
      }
    }
    const delivered = this.delivered;
    const c = this.counts;
    // (An interrupted run may have killed an invocation after its writes and before its log line.)
    if (!this.interrupted && delivered.recordsRead !== c.written) {
      this.error(
        `the handler wrote ${c.written} beers but the delivery read ${delivered.recordsRead} from the stream`,
      );
    }
    const curated = this.curatedDelivery;
    if (curated && curated.loop.stats.recordsDelivered !== delivered.recordsDelivered) {
      this.error(
        `the curated zone holds ${curated.loop.stats.recordsDelivered} records, the raw zone ${delivered.recordsDelivered}`,
      );
    }
    return {
      ok: this.errors.length === 0 && c.toFailureQueue === 0 && !this.interrupted,
      stack: this.opts.stack,
      stoppedBy: this.interrupted ? "interrupted" : "completed",
      durationMs: this.elapsedMs,
      speed: this.opts.speed,
      source: this.source,
      invocations: {
        scheduled: c.scheduled,
        attempts: c.attempts,
        succeeded: c.succeeded,
        retried: c.retried,
        toFailureQueue: c.toFailureQueue,
      },
      beers: {
        fetched: c.fetched,
        valid: c.valid,
        rejected: c.rejected,
        written: c.written,
        distinct: ids.size,
      },
      delivery: {
        deliveryStream: this.deliveryStreamName,
        shards: this.rawDelivery?.stats.shards ?? 0,
        ...delivered,
        written: (this.rawDelivery ? [this.rawDelivery] : []).flatMap((d) =>
          d.stats.objects.map((o) => ({
            key: o.key,
            records: o.records,
            bytes: o.bytes,
            oldestArrival: o.oldestArrival.toISOString(),
          })),
        ),
      },
      lake: {
        directory: this.lakeDir,
        bucket: this.bucket,
        prefix: this.prefix,
        objects: objects.map((o) => ({ key: o.key, file: o.file, records: o.lines.length })),
      },
      curated: curated && {
        deliveryStream: curated.name,
        prefix: this.curatedPrefix,
        recordsDelivered: curated.loop.stats.recordsDelivered,
        objects: curated.loop.stats.objects.map((o) => ({
          key: o.key,
          file: path.join(this.lakeDir, this.bucket, `${o.key}${S3RVER_OBJECT_SUFFIX}`),
        })),
      },
      failureQueue: this.failureQueue,
      iam: { requests: this.iam?.requests ?? 0, denied: this.iam?.denials ?? [] },
      runtime: this.runtime,
      errors: this.errors,
      unrealised: this.declared?.unrealised() ?? [],
      logs: this.logsDir,
    };
  }
}
