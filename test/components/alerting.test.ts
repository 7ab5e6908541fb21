/** Alerting on its own: a topic encrypted with a rotated key of its own, the key's users, an optional e-mail. */
import { expect } from "chai";
import { Alerting } from "../../components/alerting/alerting";
import { ofType, one, runComponent } from "../helpers/program";

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
    expect(key.inputs).to.deep.include({ enableKeyRotation: true, deletionWindowInDays: 7 });
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
});
