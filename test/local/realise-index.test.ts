/**
 * Which realiser realises which declared type, in what order, and which types are read rather than
 * realised (local/runner/realisers/index.ts, from what the registry says of each type): a stack comes up storage first, then queues (a function's
 * failure destination must exist), functions (a schedule targets them), schedules, and deliveries last.
 */
import { expect } from "chai";
import { REALISED_TYPES, REALISERS } from "../../local/runner/realisers";
import { RESOURCE_TYPES } from "../../resource-types";
import { lambdaFunction } from "../../local/runner/realisers/function";
import { eventRule } from "../../local/runner/realisers/schedule";
import { deliveryStream } from "../../local/runner/realisers/delivery";
import { queue } from "../../local/runner/realisers/queue";
import { bucket, stream } from "../../local/runner/realisers/storage";

describe("the realisers by type", () => {
  it("realises each type with its realiser, in the order a stack comes up", () => {
    expect(REALISERS).to.deep.equal([
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
    expect(marked("realised").sort()).to.deep.equal(REALISERS.map(([type]) => type).sort());
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
});
