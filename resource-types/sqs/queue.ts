/** The function's failure queue (its asynchronous invocations' destination on failure). */
import { arn, type ArnEnv } from "../../model/arn";
import { type ResourceType, physicalName } from "../resource-type";

const arnOf = (env: ArnEnv, name: string): string => arn(env, "sqs", name);

export const sqsQueue: ResourceType = {
  token: "aws:sqs/queue:Queue",
  arn: arnOf,
  reported: (name, inputs, env) => {
    const n = physicalName(name, inputs);
    const url = `https://sqs.${env.region}.amazonaws.com/${env.accountId}/${n}`;
    return { id: url, state: { ...inputs, name: n, arn: arnOf(env, n), url } };
  },
  plan: ["name", "sqsManagedSseEnabled"],
  local: "realised",
  calls: {
    terraform: "aws_sqs_queue",
    source: "internal/service/sqs/queue.go",
    declaredBy: ["stacks"],
    create: [
      {
        call: "CreateQueue",
        action: "sqs:CreateQueue",
        on: "queue",
        when: "always; QueueName, Tags (if any) and ALL create attributes in one call",
      },
      {
        call: "GetQueueAttributes",
        action: "sqs:GetQueueAttributes",
        on: "queue",
        when: "always; polled until 6 consecutive matching reads, >=5s apart (so >=~30s per create)",
      },
      {
        call: "ListQueueTags",
        action: "sqs:ListQueueTags",
        on: "queue",
        when: "always (resourceQueueRead does not call setTagsOut)",
      },
    ],
    read: [
      {
        call: "GetQueueAttributes",
        action: "sqs:GetQueueAttributes",
        on: "queue",
        when: "always (RetryWhenNotFound up to queueReadTimeout=20s)",
      },
      {
        call: "ListQueueTags",
        action: "sqs:ListQueueTags",
        on: "queue",
        when: "always (resourceQueueRead does not call setTagsOut)",
      },
    ],
    update: [
      {
        call: "SetQueueAttributes",
        action: "sqs:SetQueueAttributes",
        on: "queue",
        when: "one call with all changed attributes (e.g. MessageRetentionPeriod, SqsManagedSseEnabled) when anything except tags changed",
      },
      {
        call: "GetQueueAttributes",
        action: "sqs:GetQueueAttributes",
        on: "queue",
        when: "after SetQueueAttributes; 6 consecutive matching reads",
      },
      {
        call: "ListQueueTags",
        action: "sqs:ListQueueTags",
        on: "queue",
        when: "always (resourceQueueRead does not call setTagsOut)",
      },
    ],
    delete: [
      {
        call: "DeleteQueue",
        action: "sqs:DeleteQueue",
        on: "queue",
        when: "always; QueueDoesNotExist treated as success",
      },
      {
        call: "GetQueueAttributes",
        action: "sqs:GetQueueAttributes",
        on: "queue",
        when: "polled until QueueDoesNotExist is seen 15 consecutive times, >=3s apart (default delete timeout 3m)",
      },
    ],
  },
};
