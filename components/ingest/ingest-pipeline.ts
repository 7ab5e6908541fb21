/**
 * IngestPipeline: the ingestion function (the handler, serialized by Pulumi as a CallbackFunction), its
 * log group, and its asynchronous-invoke settings and failure queue. It writes to the stream it is given,
 * as the role it is given. What runs it is IngestSchedule (./ingest-schedule.ts); what says it is unwell
 * is IngestAlarms (./ingest-alarms.ts); both take its function and queue.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { LAMBDA_EXCLUDED_PACKAGES } from "../../handler/packaging";
import type { Contract, IngestMode } from "../../handler/contract";
import { buildHandlerPackage } from "./handler-package";
import { functionEnvironment } from "./function-environment";
import { namesOf } from "../../model/names";

export interface IngestPipelineArgs {
  /** The stack's name prefix (`<project>-<stack>`): the function, log group and queue are named from it. */
  readonly namePrefix: string;
  readonly stream: { name: pulumi.Input<string> };
  readonly role: { arn: pulumi.Input<string> };
  /** The stack: the dimension of the function's metrics (handler/metrics.ts). */
  readonly stack: pulumi.Input<string>;
  readonly sourceUrl: pulumi.Input<string>;
  readonly sourceContract: pulumi.Input<Contract>;
  /** random: `beersPerInvocation` random beers an invocation; catalogue: a snapshot of every page. */
  readonly ingestMode: pulumi.Input<IngestMode>;
  readonly beersPerInvocation: pulumi.Input<number>;
  readonly fetchConcurrency: pulumi.Input<number>;
  readonly memoryMb: pulumi.Input<number>;
  readonly timeoutSeconds: pulumi.Input<number>;
  readonly asyncRetryAttempts: pulumi.Input<number>;
  readonly maxEventAgeSeconds: pulumi.Input<number>;
  readonly logRetentionDays: pulumi.Input<number>;
}

/** The Lambda runtime, set explicitly: an omitted runtime follows the provider's default and is ignored on updates. */
export const FUNCTION_RUNTIME = "nodejs22.x";

export class IngestPipeline extends pulumi.ComponentResource {
  readonly function: aws.lambda.CallbackFunction<unknown, unknown>;
  readonly failureQueue: aws.sqs.Queue;
  readonly logGroup: aws.cloudwatch.LogGroup;

  constructor(name: string, args: IngestPipelineArgs, opts?: pulumi.ComponentResourceOptions) {
    super("punkapi:ingest:IngestPipeline", name, {}, opts);
    const parent = { parent: this };
    const names = namesOf(args.namePrefix);

    this.logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      { name: names.functionLogGroup, retentionInDays: args.logRetentionDays },
      parent,
    );

    const handler = buildHandlerPackage();
    const entryModule = handler.entryModule;
    const environment = pulumi
      .output({
        stack: args.stack,
        streamName: args.stream.name,
        sourceUrl: args.sourceUrl,
        sourceContract: args.sourceContract,
        ingestMode: args.ingestMode,
        beersPerInvocation: args.beersPerInvocation,
        fetchConcurrency: args.fetchConcurrency,
        timeoutSeconds: args.timeoutSeconds,
      })
      .apply((settings) => functionEnvironment(settings));
    this.function = new aws.lambda.CallbackFunction(
      `${name}-function`,
      {
        name: names.function,
        description: "Fetches beers from the Punk API and puts them into the Kinesis stream",
        // The handler runs as the module the archive ships (see handler-package.ts); this closure captures
        // nothing but that module's path.
        callbackFactory: () => {
          // eslint-disable-next-line @typescript-eslint/no-require-imports
          const entry = require(entryModule) as typeof import("../../handler/entry");
          return entry.createHandler();
        },
        role: args.role.arn,
        runtime: FUNCTION_RUNTIME,
        memorySize: args.memoryMb,
        timeout: args.timeoutSeconds,
        environment: { variables: environment },
        codePathOptions: {
          extraIncludePaths: handler.includePaths,
          extraExcludePackages: [...LAMBDA_EXCLUDED_PACKAGES],
        },
      },
      { parent: this, dependsOn: [this.logGroup] },
    );

    this.failureQueue = new aws.sqs.Queue(
      `${name}-failures`,
      { name: names.failureQueue, sqsManagedSseEnabled: true, messageRetentionSeconds: 14 * 24 * 3600 },
      parent,
    );
    new aws.lambda.FunctionEventInvokeConfig(
      `${name}-async`,
      {
        functionName: this.function.name,
        maximumRetryAttempts: args.asyncRetryAttempts,
        maximumEventAgeInSeconds: args.maxEventAgeSeconds,
        destinationConfig: { onFailure: { destination: this.failureQueue.arn } },
      },
      parent,
    );

    this.registerOutputs({
      functionName: this.function.name,
      functionArn: this.function.arn,
      failureQueueArn: this.failureQueue.arn,
    });
  }
}
