/** The ingest function (a CallbackFunction, packaged from handler/). */
import { arn, type ArnEnv } from "../../model/arn";
import { type ResourceType, physicalName } from "../resource-type";
import { METRICS } from "../../handler/metrics";
import { line } from "../pricing";
import type { TypeCalls } from "../calls";
import functionCalls from "./function.calls.json";

const arnOf = (env: ArnEnv, name: string): string => arn(env, "lambda", `function:${name}`);

export const lambdaFunction: ResourceType = {
  token: "aws:lambda/function:Function",
  arn: arnOf,
  reported: (name, inputs, env) => {
    const n = physicalName(name, inputs);
    const a = arnOf(env, n);
    // API Gateway's ARN of the function's invocation: "lambda" stands where an account would.
    const invokeArn = arn(
      { ...env, accountId: "lambda" },
      "apigateway",
      `path/2015-03-31/functions/${a}/invocations`,
    );
    return { id: n, state: { ...inputs, name: n, arn: a, invokeArn } };
  },
  plan: ["name", "runtime", "handler", "memorySize", "timeout", "role", "environment"],
  local: "realised",
  price: (_functions, { config, usage, invocations }) => {
    const durationS = usage.durationMs[config.ingestMode] / 1000;
    return {
      lines: [
        line("Lambda", "requests", invocations / 1e6, "lambda.requestsMillion"),
        line(
          "Lambda",
          `compute, ${config.functionMemoryMb} MB × ${durationS} s each`,
          invocations * durationS * (config.functionMemoryMb / 1024),
          "lambda.gbSecond",
        ),
        line(
          "CloudWatch",
          "the function's metrics (EMF)",
          Object.keys(METRICS).length,
          "cloudwatch.customMetric",
        ),
      ],
    };
  },
  calls: functionCalls as TypeCalls,
};
