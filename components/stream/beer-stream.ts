/**
 * BeerStream: the Kinesis Data Stream between the function and the delivery streams, encrypted with the
 * AWS-managed Kinesis key, with the alarm that says writes to it are being throttled. It holds data in
 * flight: protected and retained on delete when the stack says so.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { topicAlarm } from "../alerting/topic-alarm";
import type { StreamMode } from "../../config/spec";

export interface BeerStreamArgs {
  readonly streamName: pulumi.Input<string>;
  readonly mode: StreamMode;
  /** Shards of a provisioned stream (an on-demand stream scales by itself). */
  readonly shardCount: pulumi.Input<number>;
  readonly retentionHours: pulumi.Input<number>;
  readonly protect: boolean;
  readonly alarmTopic: { arn: pulumi.Input<string> };
}

export class BeerStream extends pulumi.ComponentResource {
  readonly stream: aws.kinesis.Stream;
  /** Writes refused for want of capacity. */
  readonly throttleAlarm: aws.cloudwatch.MetricAlarm;

  constructor(name: string, args: BeerStreamArgs, opts?: pulumi.ComponentResourceOptions) {
    super("punkapi:stream:BeerStream", name, {}, opts);
    this.stream = new aws.kinesis.Stream(
      `${name}-kinesis`,
      {
        name: args.streamName,
        streamModeDetails: { streamMode: args.mode },
        shardCount: args.mode === "PROVISIONED" ? args.shardCount : undefined,
        retentionPeriod: args.retentionHours,
        encryptionType: "KMS",
        kmsKeyId: "alias/aws/kinesis",
      },
      { parent: this, protect: args.protect, retainOnDelete: args.protect },
    );
    this.throttleAlarm = topicAlarm(
      `${name}-write-throttled`,
      args.alarmTopic,
      "Writes to the beer stream were throttled",
      {
        namespace: "AWS/Kinesis",
        metricName: "WriteProvisionedThroughputExceeded",
        dimensions: { StreamName: this.stream.name },
        statistic: "Sum",
        period: 300,
        threshold: 0,
      },
      this,
    );
    this.registerOutputs({ streamName: this.stream.name, streamArn: this.stream.arn });
  }
}
