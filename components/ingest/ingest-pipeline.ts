/**
 * IngestPipeline: the ingestion function (the handler, serialized by Pulumi as a CallbackFunction), its
 * log group, its schedule, its asynchronous-invoke settings and failure queue, and the alarms that say it
 * is unwell. It writes to the stream it is given, as the role it is given.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { LAMBDA_EXCLUDED_PACKAGES } from "../../handler/packaging";
import type { Contract, IngestMode } from "../../handler/contract";
import { buildHandlerPackage } from "./handler-package";
import { functionEnvironment } from "./function-environment";
import { topicAlarm } from "../alerting/topic-alarm";
import { MetricKey, METRICS, METRICS_NAMESPACE, STACK_DIMENSION } from "../../handler/metrics";

export interface IngestPipelineArgs {
  readonly functionName: pulumi.Input<string>;
  readonly logGroupName: pulumi.Input<string>;
  readonly failureQueueName: pulumi.Input<string>;
  readonly scheduleRuleName: pulumi.Input<string>;
  readonly stream: { name: pulumi.Input<string> };
  readonly role: { arn: pulumi.Input<string> };
  readonly alarmTopic: { arn: pulumi.Input<string> };
  readonly sourceUrl: pulumi.Input<string>;
  readonly sourceContract: pulumi.Input<Contract>;
  /** random: `beersPerInvocation` random beers an invocation; catalogue: a snapshot of every page. */
  readonly ingestMode: pulumi.Input<IngestMode>;
  readonly beersPerInvocation: pulumi.Input<number>;
  readonly fetchConcurrency: pulumi.Input<number>;
  /** An EventBridge schedule expression, rate(...) or cron(...). */
  readonly schedule: pulumi.Input<string>;
  readonly memoryMb: pulumi.Input<number>;
  readonly timeoutSeconds: pulumi.Input<number>;
  readonly asyncRetryAttempts: pulumi.Input<number>;
  readonly maxEventAgeSeconds: pulumi.Input<number>;
  readonly logRetentionDays: pulumi.Input<number>;
  /** The stack: the dimension of the function's metrics (handler/metrics.ts). */
  readonly stack: pulumi.Input<string>;
  /** Alarm when more than this share of the beers fetched in 5 minutes are rejected: the source drifted. */
  readonly rejectedAlarmPercent: pulumi.Input<number>;
  /** Alarm when no beer was written for this long, end to end: a failing function or a stopped schedule. */
  readonly silenceAlarmMinutes: pulumi.Input<number>;
}

/** The Lambda runtime, set explicitly: an omitted runtime follows the provider's default and is ignored on updates. */
export const FUNCTION_RUNTIME = "nodejs22.x";

export class IngestPipeline extends pulumi.ComponentResource {
  readonly function: aws.lambda.CallbackFunction<unknown, unknown>;
  readonly failureQueue: aws.sqs.Queue;
  readonly logGroup: aws.cloudwatch.LogGroup;
  /** Every alarm on the function, its failures and its metrics. */
  readonly alarms: aws.cloudwatch.MetricAlarm[] = [];

  constructor(name: string, args: IngestPipelineArgs, opts?: pulumi.ComponentResourceOptions) {
    super("punkapi:ingest:IngestPipeline", name, {}, opts);
    const parent = { parent: this };

    this.logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      { name: args.logGroupName, retentionInDays: args.logRetentionDays },
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
        name: args.functionName,
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
          extraIncludePaths: [handler.includePath],
          extraExcludePackages: [...LAMBDA_EXCLUDED_PACKAGES],
        },
      },
      { parent: this, dependsOn: [this.logGroup] },
    );

    this.failureQueue = new aws.sqs.Queue(
      `${name}-failures`,
      { name: args.failureQueueName, sqsManagedSseEnabled: true, messageRetentionSeconds: 14 * 24 * 3600 },
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

    const rule = new aws.cloudwatch.EventRule(
      `${name}-schedule`,
      {
        name: args.scheduleRuleName,
        description: "Runs the beer ingestion",
        scheduleExpression: args.schedule,
      },
      parent,
    );
    new aws.cloudwatch.EventTarget(`${name}-schedule`, { rule: rule.name, arn: this.function.arn }, parent);
    new aws.lambda.Permission(
      `${name}-schedule`,
      {
        action: "lambda:InvokeFunction",
        function: this.function.name,
        principal: "events.amazonaws.com",
        sourceArn: rule.arn,
      },
      parent,
    );

    const alarm = (id: string, description: pulumi.Input<string>, metric: Parameters<typeof topicAlarm>[3]) =>
      this.alarms.push(topicAlarm(`${name}-${id}`, args.alarmTopic, description, metric, this));
    const every5Minutes = { statistic: "Sum", period: 300, threshold: 0 };
    alarm("function-errors", "The ingestion function failed (it throws when a beer could not be written)", {
      namespace: "AWS/Lambda",
      metricName: "Errors",
      dimensions: { FunctionName: this.function.name },
      ...every5Minutes,
    });
    alarm("function-throttles", "The ingestion function was throttled", {
      namespace: "AWS/Lambda",
      metricName: "Throttles",
      dimensions: { FunctionName: this.function.name },
      ...every5Minutes,
    });
    alarm("failure-queue-depth", "Scheduled invocations failed every retry and wait in the failure queue", {
      namespace: "AWS/SQS",
      metricName: "ApproximateNumberOfMessagesVisible",
      dimensions: { QueueName: this.failureQueue.name },
      ...every5Minutes,
      statistic: "Maximum",
    });
    // The function's own metrics (EMF), by the stack's dimension.
    const own = (metric: MetricKey) => ({
      namespace: METRICS_NAMESPACE,
      metricName: METRICS[metric].name,
      dimensions: { [STACK_DIMENSION]: args.stack },
    });
    alarm(
      "rejected-ratio",
      pulumi.interpolate`More than ${args.rejectedAlarmPercent} % of the beers fetched were rejected: the source's shape changed`,
      {
        threshold: args.rejectedAlarmPercent,
        metricQueries: [
          { id: "rejected", metric: { ...own("rejected"), stat: "Sum", period: 300 } },
          { id: "fetched", metric: { ...own("fetched"), stat: "Sum", period: 300 } },
          {
            id: "percent",
            expression: "IF(fetched > 0, 100 * rejected / fetched, 0)",
            label: "Rejected %",
            returnData: true,
          },
        ],
      },
    );
    alarm(
      "silence",
      pulumi.interpolate`No beer was written for ${args.silenceAlarmMinutes} minutes: the function fails or its schedule stopped`,
      {
        ...own("written"),
        statistic: "Sum",
        period: pulumi.output(args.silenceAlarmMinutes).apply((m) => m * 60),
        comparisonOperator: "LessThanThreshold",
        threshold: 1,
        // No data at all is the silence itself: a schedule that stopped emits nothing.
        treatMissingData: "breaching",
      },
    );

    this.registerOutputs({
      functionName: this.function.name,
      functionArn: this.function.arn,
      failureQueueArn: this.failureQueue.arn,
    });
  }
}
