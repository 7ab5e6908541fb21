/**
 * The realisers, by the type token of the resource each one realises, in the order a stack comes up:
 * storage and streams, queues, functions, schedules, deliveries. The types IAM enforcement reads (roles,
 * policies, the bucket policy) and the Glue tables the deliveries and the query read are realised by
 * being read; every other declared type is listed in the summary as not realised.
 */
import type { Realiser } from "./realiser";
import { bucket, stream } from "./storage";
import { queue } from "./queue";
import { lambdaFunction } from "./function";
import { eventRule } from "./schedule";
import { deliveryStream } from "./delivery";

export const REALISERS: [type: string, realise: Realiser][] = [
  ["aws:s3/bucket:Bucket", bucket],
  ["aws:kinesis/stream:Stream", stream],
  ["aws:sqs/queue:Queue", queue],
  ["aws:lambda/function:Function", lambdaFunction],
  ["aws:cloudwatch/eventRule:EventRule", eventRule],
  ["aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", deliveryStream],
];

/** Read by the realisers above or by IAM enforcement rather than realised on their own. */
export const READ_TYPES = [
  "aws:iam/role:Role",
  "aws:iam/rolePolicy:RolePolicy",
  "aws:s3/bucketPolicy:BucketPolicy",
  "aws:glue/catalogTable:CatalogTable",
  // Evaluated over the run where it produces the alarm's metric (local/alarms/).
  "aws:cloudwatch/metricAlarm:MetricAlarm",
  "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
  "aws:lambda/permission:Permission",
  "aws:cloudwatch/eventTarget:EventTarget",
  "aws:cloudwatch/logGroup:LogGroup",
];

/** Every type the local run realises or reads. */
export const REALISED_TYPES: ReadonlySet<string> = new Set([
  ...REALISERS.map(([type]) => type),
  ...READ_TYPES,
]);
