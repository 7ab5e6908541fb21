/**
 * Alerting: where every alarm of the stack goes. An SNS topic encrypted with a key of its own (CloudWatch
 * cannot publish to a topic under the AWS-managed SNS key), the key's policy naming the roles that manage
 * and read it, and an optional e-mail subscription. The alarms themselves belong to the components that
 * watch something; they are made with `topicAlarm` (./topic-alarm.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { alarmKeyPolicy, KeyUsers } from "../security/policies";

export interface AlertingArgs {
  readonly topicName: pulumi.Input<string>;
  /** An address subscribed to the topic (it must confirm); none when absent. */
  readonly email?: string;
  /** The roles the key's policy names (bootstrap/): the stack's deploy role and the preview role. */
  readonly keyUsers: pulumi.Input<KeyUsers>;
  readonly account: pulumi.Input<{ partition: string; accountId: string }>;
}

export class Alerting extends pulumi.ComponentResource {
  readonly key: aws.kms.Key;
  readonly topic: aws.sns.Topic;

  constructor(name: string, args: AlertingArgs, opts?: pulumi.ComponentResourceOptions) {
    super("punkapi:alerting:Alerting", name, {}, opts);
    const parent = { parent: this };
    this.key = new aws.kms.Key(
      `${name}-key`,
      {
        description: pulumi.interpolate`${args.topicName}: encrypts the alarm topic`,
        enableKeyRotation: true,
        deletionWindowInDays: 7,
        policy: pulumi
          .all([args.account, args.keyUsers])
          .apply(([account, users]) => JSON.stringify(alarmKeyPolicy(account, users))),
      },
      parent,
    );
    this.topic = new aws.sns.Topic(
      `${name}-topic`,
      { name: args.topicName, kmsMasterKeyId: this.key.arn },
      parent,
    );
    if (args.email) {
      new aws.sns.TopicSubscription(
        `${name}-email`,
        { topic: this.topic.arn, protocol: "email", endpoint: args.email },
        parent,
      );
    }
    this.registerOutputs({ topicArn: this.topic.arn, keyArn: this.key.arn });
  }
}
