/** The ingest function (a CallbackFunction, packaged from handler/). */
import { arn, type ArnEnv } from "../../model/arn";
import { type ResourceType, physicalName } from "../resource-type";
import { METRICS } from "../../handler/metrics";
import { line } from "../pricing";

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
  calls: {
    terraform: "aws_lambda_function",
    source: "internal/service/lambda/function.go",
    declaredBy: ["stacks"],
    create: [
      {
        call: "CreateFunction",
        action: "lambda:CreateFunction",
        on: "function",
        when: "always; Code.ZipFile (filename / Pulumi FileArchive), Role, Runtime, Handler, MemorySize, Timeout, Environment, Description, Publish=false, Tags (if any)",
      },
      {
        call: "(authorization) PassRole",
        action: "iam:PassRole",
        on: "functionRole",
        when: "CreateFunction passes the execution role",
        condition: {
          StringEquals: {
            "iam:PassedToService": "lambda.amazonaws.com",
          },
        },
      },
      {
        call: "GetFunction",
        action: "lambda:GetFunction",
        on: "function",
        when: "always; until found",
      },
      {
        call: "ListVersionsByFunction",
        action: "lambda:ListVersionsByFunction",
        on: "function",
        when: "always (no qualifier) - sets version/qualified_arn",
      },
      {
        call: "GetFunctionCodeSigningConfig",
        action: "lambda:GetFunctionCodeSigningConfig",
        on: "function",
        when: 'only if partition is "aws" AND the region is in signerServiceIsAvailable',
      },
    ],
    read: [
      {
        call: "GetFunction",
        action: "lambda:GetFunction",
        on: "function",
        when: "always; tags are taken from GetFunction output (setTagsOut), so no lambda:ListTags CALL is made, but AWS only returns Tags in GetFunction if the caller has lambda:ListTags",
      },
      {
        call: "ListVersionsByFunction",
        action: "lambda:ListVersionsByFunction",
        on: "function",
        when: "always (no qualifier) - sets version/qualified_arn",
      },
      {
        call: "GetFunctionCodeSigningConfig",
        action: "lambda:GetFunctionCodeSigningConfig",
        on: "function",
        when: 'only if partition is "aws" AND the region is in signerServiceIsAvailable',
      },
    ],
    update: [
      {
        call: "UpdateFunctionConfiguration",
        action: "lambda:UpdateFunctionConfiguration",
        on: "function",
        when: "if needsFunctionConfigUpdate: description, handler, memory_size, role, runtime, timeout, environment, kms_key_arn, layers, dead_letter_config, tracing_config, vpc_config, logging_config, …",
      },
      {
        call: "(authorization) PassRole",
        action: "iam:PassRole",
        on: "functionRole",
        when: "UpdateFunctionConfiguration when the role changes",
        condition: {
          StringEquals: {
            "iam:PassedToService": "lambda.amazonaws.com",
          },
        },
      },
      {
        call: "GetFunction",
        action: "lambda:GetFunction",
        on: "function",
        when: "after UpdateFunctionConfiguration; polled (5s) until LastUpdateStatus=Successful, up to update timeout 10m",
      },
      {
        call: "UpdateFunctionCode",
        action: "lambda:UpdateFunctionCode",
        on: "function",
        when: "if needsFunctionCodeUpdate: filename, source_code_hash, code_sha256, s3_*, image_uri, architectures, source_kms_key_arn changed (ZipFile re-uploaded)",
      },
      {
        call: "ListVersionsByFunction",
        action: "lambda:ListVersionsByFunction",
        on: "function",
        when: "always (no qualifier) - sets version/qualified_arn",
      },
      {
        call: "GetFunctionCodeSigningConfig",
        action: "lambda:GetFunctionCodeSigningConfig",
        on: "function",
        when: 'only if partition is "aws" AND the region is in signerServiceIsAvailable',
      },
    ],
    delete: [
      {
        call: "DeleteFunction",
        action: "lambda:DeleteFunction",
        on: "function",
        when: 'always unless skip_destroy=true; retried on "because it is a replicated function"; ResourceNotFound treated as success',
      },
      {
        call: "GetFunction",
        action: "lambda:GetFunction",
        on: "function",
        when: "after DeleteFunction; polled (5s) until ResourceNotFound, up to delete timeout 10m",
      },
    ],
  },
};
