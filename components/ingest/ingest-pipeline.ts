/**
 * IngestPipeline: the Kinesis stream, the ingestion function (the handler, serialized by Pulumi as a
 * CallbackFunction), its schedule, its asynchronous-invoke settings and failure queue, its log group, and
 * the alarms that say it is unwell, sent to an encrypted SNS topic.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { LAMBDA_EXCLUDED_PACKAGES } from "../../handler/packaging";
import { buildHandlerPackage } from "./handler-package";
import type { StackConfig } from "../../config/stack-config";
import type { AwsEnv, StackNames } from "../naming";
import { alarmKeyPolicy, KeyUsers } from "../security/policies";
import { functionEnvironment } from "./function-environment";

export interface IngestPipelineArgs {
  names: StackNames;
  config: StackConfig;
  env: pulumi.Input<AwsEnv>;
  functionRoleArn: pulumi.Input<string>;
  /** The roles the alarm key's policy names (bootstrap/): the stack's deploy role and the preview role. */
  keyUsers: pulumi.Input<KeyUsers>;
}

/** The Lambda runtime, set explicitly: an omitted runtime follows the provider's default and is ignored on updates. */
export const FUNCTION_RUNTIME = "nodejs22.x";

export class IngestPipeline extends pulumi.ComponentResource {
  readonly stream: aws.kinesis.Stream;
  readonly function: aws.lambda.CallbackFunction<unknown, unknown>;
  readonly failureQueue: aws.sqs.Queue;
  readonly alarmTopic: aws.sns.Topic;

  constructor(name: string, args: IngestPipelineArgs, opts?: pulumi.ComponentResourceOptions) {
    super("punkapi:ingest:IngestPipeline", name, {}, opts);
    const { names, config } = args;
    const parent = { parent: this };
    const kept = { parent: this, protect: config.protect, retainOnDelete: config.protect };

    this.stream = new aws.kinesis.Stream(
      `${name}-stream`,
      {
        name: names.stream,
        streamModeDetails: { streamMode: config.streamMode },
        shardCount: config.streamMode === "PROVISIONED" ? config.streamShardCount : undefined,
        retentionPeriod: config.streamRetentionHours,
        encryptionType: "KMS",
        kmsKeyId: "alias/aws/kinesis",
      },
      kept,
    );

    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      { name: names.functionLogGroup, retentionInDays: config.logRetentionDays },
      parent,
    );

    const handler = buildHandlerPackage();
    const entryModule = handler.entryModule;
    this.function = new aws.lambda.CallbackFunction(
      `${name}-function`,
      {
        name: names.function,
        description: "Fetches random beers from the Punk API and puts them into the Kinesis stream",
        // The handler runs as the module the archive ships (see handler-package.ts); this closure captures
        // nothing but that module's path.
        callbackFactory: () => {
          // eslint-disable-next-line @typescript-eslint/no-require-imports
          const entry = require(entryModule) as typeof import("../../handler/entry");
          return entry.createHandler();
        },
        role: args.functionRoleArn,
        runtime: FUNCTION_RUNTIME,
        memorySize: config.functionMemoryMb,
        timeout: config.functionTimeoutSeconds,
        environment: { variables: functionEnvironment(config, names.stream) },
        codePathOptions: {
          extraIncludePaths: [handler.includePath],
          extraExcludePackages: [...LAMBDA_EXCLUDED_PACKAGES],
        },
      },
      { parent: this, dependsOn: [logGroup] },
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
        maximumRetryAttempts: config.asyncRetryAttempts,
        maximumEventAgeInSeconds: config.maxEventAgeSeconds,
        destinationConfig: { onFailure: { destination: this.failureQueue.arn } },
      },
      parent,
    );

    const rule = new aws.cloudwatch.EventRule(
      `${name}-schedule`,
      {
        name: names.scheduleRule,
        description: "Runs the beer ingestion",
        scheduleExpression: config.schedule.expression,
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

    const alarmKey = new aws.kms.Key(
      `${name}-alarms`,
      {
        description: `${names.alarmTopic}: encrypts the alarm topic`,
        enableKeyRotation: true,
        deletionWindowInDays: 7,
        policy: pulumi
          .all([args.env, args.keyUsers])
          .apply(([e, users]) => JSON.stringify(alarmKeyPolicy(e, users))),
      },
      parent,
    );
    this.alarmTopic = new aws.sns.Topic(
      `${name}-alarms`,
      { name: names.alarmTopic, kmsMasterKeyId: alarmKey.arn },
      parent,
    );
    if (config.alarmEmail) {
      new aws.sns.TopicSubscription(
        `${name}-alarms-email`,
        { topic: this.alarmTopic.arn, protocol: "email", endpoint: config.alarmEmail },
        parent,
      );
    }

    const alarm = (
      id: string,
      description: string,
      metric: Omit<aws.cloudwatch.MetricAlarmArgs, "comparisonOperator" | "evaluationPeriods">,
    ) =>
      new aws.cloudwatch.MetricAlarm(
        `${name}-${id}`,
        {
          alarmDescription: description,
          comparisonOperator: "GreaterThanThreshold",
          evaluationPeriods: 1,
          treatMissingData: "notBreaching",
          alarmActions: [this.alarmTopic.arn],
          okActions: [this.alarmTopic.arn],
          ...metric,
        },
        parent,
      );
    alarm("function-errors", "The ingestion function failed (it throws when a beer could not be written)", {
      namespace: "AWS/Lambda",
      metricName: "Errors",
      dimensions: { FunctionName: this.function.name },
      statistic: "Sum",
      period: 300,
      threshold: 0,
    });
    alarm("function-throttles", "The ingestion function was throttled", {
      namespace: "AWS/Lambda",
      metricName: "Throttles",
      dimensions: { FunctionName: this.function.name },
      statistic: "Sum",
      period: 300,
      threshold: 0,
    });
    alarm("failure-queue-depth", "Scheduled invocations failed every retry and wait in the failure queue", {
      namespace: "AWS/SQS",
      metricName: "ApproximateNumberOfMessagesVisible",
      dimensions: { QueueName: this.failureQueue.name },
      statistic: "Maximum",
      period: 300,
      threshold: 0,
    });
    alarm("stream-write-throttled", "Writes to the beer stream were throttled", {
      namespace: "AWS/Kinesis",
      metricName: "WriteProvisionedThroughputExceeded",
      dimensions: { StreamName: this.stream.name },
      statistic: "Sum",
      period: 300,
      threshold: 0,
    });

    this.registerOutputs({
      streamName: this.stream.name,
      streamArn: this.stream.arn,
      functionName: this.function.name,
      failureQueueArn: this.failureQueue.arn,
      alarmTopicArn: this.alarmTopic.arn,
    });
  }
}
