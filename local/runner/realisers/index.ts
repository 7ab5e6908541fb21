/**
 * The realisers, by the resource type each one realises, in the order a stack comes up: storage and
 * streams, queues, functions, schedules, deliveries. The registry (resource-types/) says of every type
 * whether the local run realises it, reads it (roles, policies, the bucket policy, the Glue tables, the
 * alarms...) or lists it as not realised; a test holds this table to it.
 */
import type { Realiser } from "./realiser";
import { bucket, stream } from "./storage";
import { queue } from "./queue";
import { lambdaFunction as realiseFunction } from "./function";
import { eventRule } from "./schedule";
import { deliveryStream } from "./delivery";
import { RESOURCE_TYPES } from "../../../resource-types";
import { s3Bucket } from "../../../resource-types/s3/bucket";
import { kinesisStream } from "../../../resource-types/kinesis/stream";
import { sqsQueue } from "../../../resource-types/sqs/queue";
import { lambdaFunction } from "../../../resource-types/lambda/function";
import { cloudwatchEventRule } from "../../../resource-types/cloudwatch/event-rule";
import { kinesisFirehoseDeliveryStream } from "../../../resource-types/kinesis/firehose-delivery-stream";

export const REALISERS: [type: string, realise: Realiser][] = [
  [s3Bucket.token, bucket],
  [kinesisStream.token, stream],
  [sqsQueue.token, queue],
  [lambdaFunction.token, realiseFunction],
  [cloudwatchEventRule.token, eventRule],
  [kinesisFirehoseDeliveryStream.token, deliveryStream],
];

/** Every type the local run realises or reads. */
export const REALISED_TYPES: ReadonlySet<string> = new Set(
  RESOURCE_TYPES.filter((t) => t.local !== undefined).map((t) => t.token),
);
