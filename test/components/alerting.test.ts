/** Alerting on its own: a topic encrypted with a rotated key of its own, the key's users, an optional e-mail. */
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { Alerting } from "../../components/alerting/alerting";
import { topicAlarm } from "../../components/alerting/topic-alarm";
import { ofType, one, parentType, runComponent } from "../helpers/program";

const users = {
  deployRoleArn: "arn:aws:iam::123456789012:role/deploy",
  previewRoleArn: "arn:aws:iam::123456789012:role/preview",
};
const alerting = (email?: string) =>
  runComponent(() => {
    const a = new Alerting("alerts", {
      topicName: "the-alarms",
      email,
      keyUsers: users,
      account: { partition: "aws", accountId: "123456789012" },
    });
    return { topic: a.topic.arn };
  });

describe("Alerting", function () {
  this.timeout(20_000);

  it("encrypts its topic with a rotated key whose policy names the deploy and preview roles and lets CloudWatch publish", async () => {
    const run = await alerting();
    const key = one(run, "aws:kms/key:Key");
    expect(one(run, "aws:sns/topic:Topic").inputs).to.deep.equal({
      name: "the-alarms",
      kmsMasterKeyId: key.state.arn,
    });
    expect(key.inputs).to.deep.include({
      description: "the-alarms: encrypts the alarm topic",
      enableKeyRotation: true,
      deletionWindowInDays: 7,
    });
    const statements = JSON.parse(key.inputs.policy).Statement as { Sid: string; Principal: unknown }[];
    expect(statements.map((s) => [s.Sid, s.Principal])).to.deep.equal([
      ["AccountAdministers", { AWS: "arn:aws:iam::123456789012:root" }],
      ["DeployRoleManages", { AWS: users.deployRoleArn }],
      ["PreviewRoleReads", { AWS: users.previewRoleArn }],
      ["CloudWatchAlarmsPublish", { Service: "cloudwatch.amazonaws.com" }],
    ]);
    expect(ofType(run, "aws:sns/topicSubscription:TopicSubscription")).to.have.length(0);
  });

  it("subscribes the e-mail address when there is one", async () => {
    const run = await alerting("oncall@example.org");
    expect(one(run, "aws:sns/topicSubscription:TopicSubscription").inputs).to.deep.equal({
      topic: one(run, "aws:sns/topic:Topic").state.arn,
      protocol: "email",
      endpoint: "oncall@example.org",
    });
  });

  it("holds its key, topic and subscription as its children and registers the topic's and key's ARNs", async () => {
    const run = await alerting("oncall@example.org");
    const component = one(run, "punkapi:alerting:Alerting");
    const children = run.resources.filter((r) => r.parent === component.urn);
    expect(children.map((r) => `${r.type} ${r.name}`).sort()).to.deep.equal([
      "aws:kms/key:Key alerts-key",
      "aws:sns/topic:Topic alerts-topic",
      "aws:sns/topicSubscription:TopicSubscription alerts-email",
    ]);
    expect(component.registeredOutputs).to.deep.equal({
      topicArn: one(run, "aws:sns/topic:Topic").state.arn,
      keyArn: one(run, "aws:kms/key:Key").state.arn,
    });
  });
});

describe("topicAlarm", function () {
  this.timeout(20_000);
  const TOPIC = "arn:aws:sns:us-east-1:123456789012:alarms";
  const alarms = () =>
    runComponent(() => {
      const holder = new pulumi.ComponentResource("test:alarms:Holder", "holder");
      const metric = { namespace: "AWS/X", metricName: "Y", statistic: "Sum", period: 60, threshold: 2 };
      topicAlarm("plain", { arn: TOPIC }, "Y went above 2", metric, holder);
      topicAlarm(
        "own",
        { arn: TOPIC },
        "Y went below 2",
        { ...metric, comparisonOperator: "LessThanThreshold", treatMissingData: "breaching" },
        holder,
      );
      return {};
    });

  it("alarms above the threshold for one period, missing data not breaching, alarm and recovery to the topic", async () => {
    const run = await alarms();
    const alarm = one(run, "aws:cloudwatch/metricAlarm:MetricAlarm", "plain");
    expect(alarm.inputs).to.deep.equal({
      alarmDescription: "Y went above 2",
      comparisonOperator: "GreaterThanThreshold",
      evaluationPeriods: 1,
      treatMissingData: "notBreaching",
      alarmActions: [TOPIC],
      okActions: [TOPIC],
      namespace: "AWS/X",
      metricName: "Y",
      statistic: "Sum",
      period: 60,
      threshold: 2,
    });
    expect(parentType(run, alarm)).to.equal("test:alarms:Holder");
  });

  it("lets an alarm set its own comparison and treatment of missing data", async () => {
    const alarm = one(await alarms(), "aws:cloudwatch/metricAlarm:MetricAlarm", "own");
    expect(alarm.inputs).to.deep.include({
      alarmDescription: "Y went below 2",
      comparisonOperator: "LessThanThreshold",
      treatMissingData: "breaching",
      evaluationPeriods: 1,
    });
  });
});
