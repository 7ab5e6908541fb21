/** BeerStream on its own: capacity mode, retention, KMS, protection, and its throttling alarm to the topic. */
import { expect } from "chai";
import { BeerStream } from "../../components/stream/beer-stream";
import { one, parentType, runComponent } from "../helpers/program";

const TOPIC = "arn:aws:sns:us-east-1:123456789012:alarms";
const beerStream = (mode: "PROVISIONED" | "ON_DEMAND", protect: boolean) =>
  runComponent(() => {
    const s = new BeerStream("beers", {
      streamName: "the-beers",
      mode,
      shardCount: 3,
      retentionHours: 48,
      protect,
      alarmTopic: { arn: TOPIC },
    });
    return { arn: s.stream.arn };
  });

describe("BeerStream", function () {
  this.timeout(20_000);

  it("declares a provisioned stream with its shards, encrypted with the Kinesis key, throttling alarmed", async () => {
    const run = await beerStream("PROVISIONED", false);
    const stream = one(run, "aws:kinesis/stream:Stream");
    expect(stream.inputs).to.deep.equal({
      name: "the-beers",
      streamModeDetails: { streamMode: "PROVISIONED" },
      shardCount: 3,
      retentionPeriod: 48,
      encryptionType: "KMS",
      kmsKeyId: "alias/aws/kinesis",
    });
    expect([stream.protect, stream.retainOnDelete]).to.deep.equal([false, false]);
    const alarm = one(run, "aws:cloudwatch/metricAlarm:MetricAlarm");
    expect(alarm.inputs).to.deep.equal({
      alarmDescription: "Writes to the beer stream were throttled",
      comparisonOperator: "GreaterThanThreshold",
      evaluationPeriods: 1,
      treatMissingData: "notBreaching",
      namespace: "AWS/Kinesis",
      metricName: "WriteProvisionedThroughputExceeded",
      dimensions: { StreamName: "the-beers" },
      statistic: "Sum",
      period: 300,
      threshold: 0,
      alarmActions: [TOPIC],
      okActions: [TOPIC],
    });
    for (const child of [stream, alarm]) expect(parentType(run, child)).to.equal("punkapi:stream:BeerStream");
    expect(one(run, "punkapi:stream:BeerStream").registeredOutputs).to.deep.equal({
      streamName: "the-beers",
      streamArn: stream.state.arn,
    });
  });

  it("declares no shard count on demand, and protects and retains a protected stack's stream", async () => {
    const stream = one(await beerStream("ON_DEMAND", true), "aws:kinesis/stream:Stream");
    expect(stream.inputs.shardCount).to.equal(undefined);
    expect(stream.inputs.streamModeDetails).to.deep.equal({ streamMode: "ON_DEMAND" });
    expect([stream.protect, stream.retainOnDelete]).to.deep.equal([true, true]);
  });
});
