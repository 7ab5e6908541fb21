/**
 * The deployed failure queue and function as the redrive's ports: SQS (ReceiveMessage with a visibility
 * timeout longer than an invocation, DeleteMessage only after a good one) and Lambda (Invoke,
 * RequestResponse: a FunctionError or an error status is a failure). Not run by any test: no AWS here.
 */
import {
  DeleteMessageCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import type { FailureQueue, Invoke, QueueMessage } from "../operations/redrive-queue";

export async function sqsQueue(
  sqs: SQSClient,
  queueName: string,
  visibilitySeconds: number,
): Promise<FailureQueue> {
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
  return {
    async receive(): Promise<QueueMessage[]> {
      const { Messages } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl,
          // One at a time: each is invoked at once, well inside its visibility timeout (ten would wait their
          // turn, reappear and make the later delete's receipt stale).
          MaxNumberOfMessages: 1,
          VisibilityTimeout: visibilitySeconds,
          WaitTimeSeconds: 1,
        }),
      );
      return (Messages ?? []).map((m) => ({
        id: m.MessageId ?? "",
        receipt: m.ReceiptHandle ?? "",
        body: m.Body ?? "",
      }));
    },
    async remove(message: QueueMessage): Promise<void> {
      await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message.receipt }));
    },
  };
}

export function lambdaInvoke(lambda: LambdaClient, functionName: string): Invoke {
  return async (event) => {
    const answer = await lambda.send(
      new InvokeCommand({
        FunctionName: functionName,
        InvocationType: "RequestResponse",
        Payload: Buffer.from(JSON.stringify(event)),
      }),
    );
    if (!answer.FunctionError && (answer.StatusCode ?? 0) < 300) return undefined;
    const payload = answer.Payload ? Buffer.from(answer.Payload).toString("utf8") : "";
    return `${answer.FunctionError ?? `status ${answer.StatusCode}`}: ${payload.slice(0, 500)}`;
  };
}
