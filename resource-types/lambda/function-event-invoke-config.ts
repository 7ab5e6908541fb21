/** The function's asynchronous invocation settings: retries, event age, failure destination. */
import { type ResourceType } from "../resource-type";
import type { TypeCalls } from "../calls";
import functionEventInvokeConfigCalls from "./function-event-invoke-config.calls.json";

export const lambdaFunctionEventInvokeConfig: ResourceType = {
  token: "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
  plan: ["maximumRetryAttempts", "maximumEventAgeInSeconds", "destinationConfig"],
  local: "read",
  calls: functionEventInvokeConfigCalls as TypeCalls,
};
