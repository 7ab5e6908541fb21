/**
 * Which realiser realises which declared type, in what order, and which types are read rather than
 * realised (local/runner/realisers/index.ts, from what the registry says of each type): a stack comes up storage first, then queues (a function's
 * failure destination must exist), functions (a schedule targets them), schedules, and deliveries last;
 * and each step files what its realiser returned in a new record of the stack, the one it was given left as it was.
 */
import { expect } from "chai";
import { REALISED_TYPES, REALISERS } from "../../local/runner/realisers";
import { step } from "../../local/runner/realisers/realiser";
import { NOTHING_REALISED, Realised } from "../../local/runner/realised";
import type { RunInputs } from "../../local/runner/run-inputs";
import type { RunSinks } from "../../local/runner/run-sinks";
import { declared } from "../helpers/realise";
import { RESOURCE_TYPES } from "../../resource-types";
import { lambdaFunction } from "../../local/runner/realisers/function";
import { eventRule } from "../../local/runner/realisers/schedule";
import { deliveryStream } from "../../local/runner/realisers/delivery";
import { queue } from "../../local/runner/realisers/queue";
import { bucket, stream } from "../../local/runner/realisers/storage";

describe("the realisers by type", () => {
  it("realises each type with its realiser, in the order a stack comes up", () => {
    expect(REALISERS.map((s) => [s.type, s.realiser])).to.deep.equal([
      ["aws:s3/bucket:Bucket", bucket],
      ["aws:kinesis/stream:Stream", stream],
      ["aws:sqs/queue:Queue", queue],
      ["aws:lambda/function:Function", lambdaFunction],
      ["aws:cloudwatch/eventRule:EventRule", eventRule],
      ["aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", deliveryStream],
    ]);
  });

  it("counts as realised the types it realises and the types it reads", () => {
    const read = [
      "aws:iam/role:Role",
      "aws:iam/rolePolicy:RolePolicy",
      "aws:s3/bucketPolicy:BucketPolicy",
      "aws:glue/catalogTable:CatalogTable",
      "aws:cloudwatch/metricAlarm:MetricAlarm",
      "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
      "aws:lambda/permission:Permission",
      "aws:cloudwatch/eventTarget:EventTarget",
      "aws:cloudwatch/logGroup:LogGroup",
    ];
    const marked = (local: string) => RESOURCE_TYPES.filter((t) => t.local === local).map((t) => t.token);
    expect(marked("read").sort()).to.deep.equal([...read].sort());
    // A type the registry calls realised has its realiser here, and no realiser realises another type.
    expect(marked("realised").sort()).to.deep.equal(REALISERS.map((s) => s.type).sort());
    expect([...REALISED_TYPES].sort()).to.deep.equal(
      [
        ...read,
        "aws:s3/bucket:Bucket",
        "aws:kinesis/stream:Stream",
        "aws:sqs/queue:Queue",
        "aws:lambda/function:Function",
        "aws:cloudwatch/eventRule:EventRule",
        "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
      ].sort(),
    );
  });

  /** The step of `type`, realising with `made` as its realiser's return. */
  const filed = async (type: string, made: unknown, realised: Realised = NOTHING_REALISED) => {
    const { realise } = step(type, () => made as never, REALISERS.find((s) => s.type === type)!.file);
    return realise(declared(type, "r", {}), {} as RunInputs, {} as RunSinks, realised);
  };

  it("files each queue by its ARN, each function, scheduler and delivery after the earlier ones", async () => {
    const q = (name: string) => ({ arn: `arn:${name}`, queue: { name, file: `${name}.jsonl`, messages: 0 } });
    const one = await filed("aws:sqs/queue:Queue", q("one"));
    const two = await filed("aws:sqs/queue:Queue", q("two"), one);
    expect([...two.queues]).to.deep.equal([
      ["arn:one", q("one").queue],
      ["arn:two", q("two").queue],
    ]);
    expect([...one.queues.keys()]).to.deep.equal(["arn:one"]);
    expect(NOTHING_REALISED.queues.size).to.equal(0);
    for (const [type, key] of [
      ["aws:lambda/function:Function", "functions"],
      ["aws:cloudwatch/eventRule:EventRule", "schedulers"],
      ["aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "deliveries"],
    ] as const) {
      const first = await filed(type, { made: 1 });
      const second = await filed(type, { made: 2 }, first);
      expect(second[key]).to.deep.equal([{ made: 1 }, { made: 2 }]);
      expect(first[key]).to.deep.equal([{ made: 1 }]);
      expect(second.queues).to.equal(first.queues);
    }
  });

  it("files nothing of a delivery not realised, nor of buckets and streams", async () => {
    const before = await filed("aws:sqs/queue:Queue", {
      arn: "arn:q",
      queue: { name: "q", file: "q.jsonl", messages: 0 },
    });
    for (const type of [
      "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
      "aws:s3/bucket:Bucket",
      "aws:kinesis/stream:Stream",
    ])
      expect(await filed(type, undefined, before)).to.equal(before);
  });
});
