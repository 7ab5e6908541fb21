/** A log stream of the delivery streams' error logging. */
import { arn, type ArnEnv } from "../../model/arn";
import { type Inputs, type ResourceType, named, physicalName, text } from "../resource-type";

const arnOf = (env: ArnEnv, name: string, inputs?: Inputs): string =>
  arn(env, "logs", `log-group:${text(inputs ?? {}, "logGroupName")}:log-stream:${name}`);

export const cloudwatchLogStream: ResourceType = {
  token: "aws:cloudwatch/logStream:LogStream",
  arn: arnOf,
  reported: (name, inputs, env) => {
    const n = physicalName(name, inputs);
    return named(n, n, arnOf(env, n, inputs), inputs);
  },
  plan: ["name", "logGroupName"],
  calls: {
    terraform: "aws_cloudwatch_log_stream",
    source: "internal/service/logs/stream.go",
    declaredBy: ["stacks"],
    create: [
      {
        call: "CreateLogStream",
        action: "logs:CreateLogStream",
        on: "logStream",
        when: "always",
      },
      {
        call: "DescribeLogStreams",
        action: "logs:DescribeLogStreams",
        on: "logGroup",
        when: "always (retried until found)",
      },
    ],
    read: [
      {
        call: "DescribeLogStreams",
        action: "logs:DescribeLogStreams",
        on: "logGroup",
        when: "always",
      },
    ],
    update: [],
    delete: [
      {
        call: "DeleteLogStream",
        action: "logs:DeleteLogStream",
        on: "logStream",
        when: "always; ResourceNotFoundException ignored; no waiter",
      },
    ],
  },
};
