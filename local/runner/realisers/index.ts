/**
 * The realisers, by the resource type each one realises, in the order a stack comes up: storage and
 * streams, queues, functions (given the queues), schedules (given the functions), deliveries; and where
 * each one's product goes in the record of what the stack realised (../realised.ts). The registry (resource-types/) says of every type
 * whether the local run realises it, reads it (roles, policies, the bucket policy, the Glue tables, the
 * alarms...) or lists it as not realised; a test holds this table to it.
 */
import { step, Step } from "./realiser";
import { bucket, stream } from "./storage";
import { queue } from "./queue";
import { lambdaFunction as realiseFunction } from "./function";
import { eventRule } from "./schedule";
import { deliveryStream } from "./delivery";
import type { Realised } from "../realised";
import { RESOURCE_TYPES } from "../../../resource-types";
import { s3Bucket } from "../../../resource-types/s3/bucket";
import { kinesisStream } from "../../../resource-types/kinesis/stream";
import { sqsQueue } from "../../../resource-types/sqs/queue";
import { lambdaFunction } from "../../../resource-types/lambda/function";
import { cloudwatchEventRule } from "../../../resource-types/cloudwatch/event-rule";
import { kinesisFirehoseDeliveryStream } from "../../../resource-types/kinesis/firehose-delivery-stream";

/** Buckets and streams are made in the local services, and the record keeps nothing of them. */
const keepNothing = (realised: Realised) => realised;

export const REALISERS: Step[] = [
  step(s3Bucket.token, bucket, keepNothing),
  step(kinesisStream.token, stream, keepNothing),
  step(sqsQueue.token, queue, (r, q) => ({ ...r, queues: new Map([...r.queues, [q.arn, q.queue]]) })),
  step(lambdaFunction.token, realiseFunction, (r, f) => ({ ...r, functions: [...r.functions, f] })),
  step(cloudwatchEventRule.token, eventRule, (r, s) => ({ ...r, schedulers: [...r.schedulers, s] })),
  // A delivery that may not read its schema is not realised (its realiser has said why).
  step(kinesisFirehoseDeliveryStream.token, deliveryStream, (r, d) =>
    d ? { ...r, deliveries: [...r.deliveries, d] } : r,
  ),
];

/** Every type the local run realises or reads. */
export const REALISED_TYPES: ReadonlySet<string> = new Set(
  RESOURCE_TYPES.filter((t) => t.local !== undefined).map((t) => t.token),
);
