/** EventBridge's permission to invoke the function. */
import { type ResourceType } from "../resource-type";

export const lambdaPermission: ResourceType = {
  token: "aws:lambda/permission:Permission",
  plan: ["principal", "sourceArn"],
  local: "read",
  calls: {
    terraform: "aws_lambda_permission",
    source: "internal/service/lambda/permission.go",
    declaredBy: ["stacks"],
    create: [
      {
        call: "AddPermission",
        action: "lambda:AddPermission",
        on: "function",
        when: "always (serialized per function with a mutex); retried on ResourceConflictException/ResourceNotFoundException up to lambdaPropagationTimeout",
        condition: {
          StringEquals: {
            "lambda:Principal": "events.amazonaws.com",
          },
        },
      },
      {
        call: "GetPolicy",
        action: "lambda:GetPolicy",
        on: "function",
        when: "always (RetryWhenNewResourceNotFound up to lambdaPropagationTimeout when new); statement located by Sid in the function resource policy",
      },
    ],
    read: [
      {
        call: "GetPolicy",
        action: "lambda:GetPolicy",
        on: "function",
        when: "always (RetryWhenNewResourceNotFound up to lambdaPropagationTimeout when new); statement located by Sid in the function resource policy",
      },
    ],
    update: [],
    delete: [
      {
        call: "RemovePermission",
        action: "lambda:RemovePermission",
        on: "function",
        when: "always; ResourceNotFound treated as success",
      },
      {
        call: "GetPolicy",
        action: "lambda:GetPolicy",
        on: "function",
        when: "after RemovePermission; polled until the statement (or the whole policy) is gone",
      },
    ],
  },
};
