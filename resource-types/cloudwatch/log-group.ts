/** A log group: the function's, and the delivery streams' error logging. */
import { arn, type ArnEnv } from "../../model/arn";
import { type ResourceType, named, physicalName } from "../resource-type";
import { GB, line } from "../pricing";

const arnOf = (env: ArnEnv, name: string): string => arn(env, "logs", `log-group:${name}`);

export const cloudwatchLogGroup: ResourceType = {
  token: "aws:cloudwatch/logGroup:LogGroup",
  arn: arnOf,
  reported: (name, inputs, env) => {
    const n = physicalName(name, inputs);
    return named(n, n, arnOf(env, n), inputs);
  },
  plan: ["name", "retentionInDays"],
  local: "read",
  // Billed by what the groups ingest: the function's log lines (the deliveries' groups get only errors).
  price: (_groups, { usage, invocations }) => ({
    lines: [
      line(
        "CloudWatch",
        "log ingestion",
        (invocations * usage.logBytesPerInvocation) / GB,
        "cloudwatch.logsIngestionGb",
      ),
    ],
  }),
  calls: {
    terraform: "aws_cloudwatch_log_group",
    source: "internal/service/logs/group.go",
    declaredBy: ["stacks"],
    create: [
      {
        call: "CreateLogGroup",
        action: "logs:CreateLogGroup",
        on: "logGroup",
        when: "always (LogGroupClass, Tags if non-empty, DeletionProtectionEnabled only if set true, KmsKeyId only if set)",
      },
      {
        call: "PutRetentionPolicy",
        action: "logs:PutRetentionPolicy",
        on: "logGroup",
        when: "retention_in_days != 0 and log_group_class != DELIVERY (our case)",
      },
      {
        call: "DescribeLogGroups",
        action: "logs:DescribeLogGroups",
        on: "*",
        when: "always (tail-call resourceGroupRead)",
      },
      {
        call: "ListTagsForResource",
        action: "logs:ListTagsForResource",
        on: "logGroup",
        when: 'always, after Read/Create/Update (tags interceptor, @Tags(identifierAttribute="arn"))',
        source: "internal/service/logs/tags_gen.go",
      },
    ],
    read: [
      {
        call: "DescribeLogGroups",
        action: "logs:DescribeLogGroups",
        on: "*",
        when: "always",
      },
      {
        call: "ListTagsForResource",
        action: "logs:ListTagsForResource",
        on: "logGroup",
        when: 'always, after Read/Create/Update (tags interceptor, @Tags(identifierAttribute="arn"))',
        source: "internal/service/logs/tags_gen.go",
      },
    ],
    update: [
      {
        call: "PutRetentionPolicy",
        action: "logs:PutRetentionPolicy",
        on: "logGroup",
        when: "retention_in_days changed to a non-zero value",
      },
      {
        call: "DescribeLogGroups",
        action: "logs:DescribeLogGroups",
        on: "*",
        when: "deletion_protection_enabled changed (to get LogGroupArn)",
      },
      {
        call: "ListTagsForResource",
        action: "logs:ListTagsForResource",
        on: "logGroup",
        when: 'always, after Read/Create/Update (tags interceptor, @Tags(identifierAttribute="arn"))',
        source: "internal/service/logs/tags_gen.go",
      },
    ],
    delete: [
      {
        call: "DeleteLogGroup",
        action: "logs:DeleteLogGroup",
        on: "logGroup",
        when: "unless skip_destroy = true; ResourceNotFoundException ignored; no waiter",
      },
    ],
  },
};
