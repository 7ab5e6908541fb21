/** The function's asynchronous invocation settings: retries, event age, failure destination. */
import { type ResourceType } from "../resource-type";

export const lambdaFunctionEventInvokeConfig: ResourceType = {
  token: "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
  plan: ["maximumRetryAttempts", "maximumEventAgeInSeconds", "destinationConfig"],
  local: "read",
  calls: {
    terraform: "aws_lambda_function_event_invoke_config",
    source: "internal/service/lambda/function_event_invoke_config.go",
    declaredBy: ["stacks"],
    create: [
      {
        call: "PutFunctionEventInvokeConfig",
        action: "lambda:PutFunctionEventInvokeConfig",
        on: "function",
        when: "always; DestinationConfig (on_failure/on_success = SQS queue ARN), MaximumRetryAttempts (default 2), MaximumEventAgeInSeconds if set",
      },
      {
        call: "GetFunctionEventInvokeConfig",
        action: "lambda:GetFunctionEventInvokeConfig",
        on: "function",
        when: "always",
      },
    ],
    read: [
      {
        call: "GetFunctionEventInvokeConfig",
        action: "lambda:GetFunctionEventInvokeConfig",
        on: "function",
        when: "always",
      },
    ],
    update: [
      {
        call: "PutFunctionEventInvokeConfig",
        action: "lambda:PutFunctionEventInvokeConfig",
        on: "function",
        when: "any change of destination_config / maximum_* (Put, not UpdateFunctionEventInvokeConfig); function_name and qualifier are ForceNew",
      },
      {
        call: "GetFunctionEventInvokeConfig",
        action: "lambda:GetFunctionEventInvokeConfig",
        on: "function",
        when: "always",
      },
    ],
    delete: [
      {
        call: "DeleteFunctionEventInvokeConfig",
        action: "lambda:DeleteFunctionEventInvokeConfig",
        on: "function",
        when: "always; ResourceNotFound treated as success",
      },
    ],
  },
};
