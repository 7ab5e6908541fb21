/** A Kinesis data stream: the buffer between the function and the delivery streams. */
import { arn, type ArnEnv } from "../../model/arn";
import { type ResourceType, named, physicalName } from "../resource-type";
import { GB, ceilTo, line } from "../pricing";

const arnOf = (env: ArnEnv, name: string): string => arn(env, "kinesis", `stream/${name}`);

export const kinesisStream: ResourceType = {
  token: "aws:kinesis/stream:Stream",
  arn: arnOf,
  reported: (name, inputs, env) => {
    const n = physicalName(name, inputs);
    return named(n, n, arnOf(env, n), inputs);
  },
  plan: ["name", "streamModeDetails", "shardCount", "retentionPeriod", "encryptionType", "kmsKeyId"],
  local: "realised",
  price: (_streams, { config, usage, records }) => {
    // The stream is billed by the hour whether data flows or not.
    const hours = usage.hoursPerMonth;
    const retainedHours = Math.min(config.streamRetentionHours, 168) - 24;
    const notes =
      config.streamRetentionHours > 168
        ? ["stream retention beyond 7 days (long-term retention) is not priced here"]
        : [];
    const retention = `retention to ${config.streamRetentionHours} h`;
    if (config.streamMode === "PROVISIONED") {
      const shardHours = config.streamShardCount * hours;
      return {
        notes,
        lines: [
          line("Kinesis", `${config.streamShardCount} shard(s), all month`, shardHours, "kinesis.shardHour"),
          line(
            "Kinesis",
            "PUT payload units",
            (records * Math.ceil(usage.recordBytes / 25600)) / 1e6,
            "kinesis.putPayloadUnitsMillion",
          ),
          ...(retainedHours > 0
            ? [line("Kinesis", retention, shardHours, "kinesis.extendedRetentionShardHour")]
            : []),
        ],
      };
    }
    const gbIn = (records * ceilTo(usage.recordBytes, 1024)) / GB;
    return {
      notes,
      lines: [
        line("Kinesis", "on-demand stream, all month", hours, "kinesis.onDemandStreamHour"),
        line("Kinesis", "data in", gbIn, "kinesis.onDemandDataInGb"),
        line(
          "Kinesis",
          `data out to ${usage.streamConsumers} consumers`,
          gbIn * usage.streamConsumers,
          "kinesis.onDemandDataOutGb",
        ),
        ...(retainedHours > 0
          ? [
              line(
                "Kinesis",
                retention,
                (gbIn * retainedHours) / hours,
                "kinesis.onDemandExtendedRetentionGbMonth",
              ),
            ]
          : []),
      ],
    };
  },
  calls: {
    terraform: "aws_kinesis_stream",
    source: "internal/service/kinesis/stream.go",
    declaredBy: ["stacks"],
    create: [
      {
        call: "CreateStream",
        action: "kinesis:CreateStream",
        on: "stream",
        when: "always (ShardCount only when stream mode PROVISIONED; StreamModeDetails when set; Tags only if tags/default_tags non-empty; MaxRecordSizeInKiB/WarmThroughputMiBps only if set)",
      },
      {
        call: "DescribeStreamSummary",
        action: "kinesis:DescribeStreamSummary",
        on: "stream",
        when: "always",
      },
      {
        call: "IncreaseStreamRetentionPeriod",
        action: "kinesis:IncreaseStreamRetentionPeriod",
        on: "stream",
        when: "effectively always: condition is d.GetOk(retention_period) && >0 and retention_period has Default 24, so it is called even for 24h",
      },
      {
        call: "StartStreamEncryption",
        action: "kinesis:StartStreamEncryption",
        on: ["stream", "kinesisKey"],
        when: "encryption_type == KMS (our case; KeyId = kms_key_id, e.g. alias/aws/kinesis)",
      },
      {
        call: "ListTagsForStream",
        action: "kinesis:ListTagsForStream",
        on: "stream",
        when: "always, after the resource's Read/Create/Update (transparent tagging interceptor, identifier = stream name)",
        source: "internal/service/kinesis/tags.go",
      },
    ],
    read: [
      {
        call: "DescribeStreamSummary",
        action: "kinesis:DescribeStreamSummary",
        on: "stream",
        when: "always",
      },
      {
        call: "ListTagsForStream",
        action: "kinesis:ListTagsForStream",
        on: "stream",
        when: "always, after the resource's Read/Create/Update (transparent tagging interceptor, identifier = stream name)",
        source: "internal/service/kinesis/tags.go",
      },
    ],
    update: [
      {
        call: "UpdateStreamMode",
        action: "kinesis:UpdateStreamMode",
        on: "*",
        when: "stream_mode_details.0.stream_mode changed (uses StreamARN = d.Id())",
        adminOnly: "AWS authorizes it on no resource, so a grant cannot be limited to one stack's stream",
      },
      {
        call: "DescribeStreamSummary",
        action: "kinesis:DescribeStreamSummary",
        on: "stream",
        when: "after UpdateStreamMode",
      },
      {
        call: "UpdateShardCount",
        action: "kinesis:UpdateShardCount",
        on: "*",
        when: "effective stream mode is PROVISIONED and shard_count changed (ScalingType UNIFORM_SCALING)",
        adminOnly: "AWS authorizes it on no resource, so a grant cannot be limited to one stack's stream",
      },
      {
        call: "IncreaseStreamRetentionPeriod",
        action: "kinesis:IncreaseStreamRetentionPeriod",
        on: "stream",
        when: "retention_period changed and new > old",
      },
      {
        call: "DecreaseStreamRetentionPeriod",
        action: "kinesis:DecreaseStreamRetentionPeriod",
        on: "stream",
        when: "retention_period changed and new < old (and new != 0)",
      },
      {
        call: "StartStreamEncryption",
        action: "kinesis:StartStreamEncryption",
        on: ["stream", "kinesisKey"],
        when: "encryption_type or kms_key_id changed and new encryption_type == KMS",
      },
      {
        call: "ListTagsForStream",
        action: "kinesis:ListTagsForStream",
        on: "stream",
        when: "always, after the resource's Read/Create/Update (transparent tagging interceptor, identifier = stream name)",
        source: "internal/service/kinesis/tags.go",
      },
    ],
    delete: [
      {
        call: "DeleteStream",
        action: "kinesis:DeleteStream",
        on: "stream",
        when: "always (EnforceConsumerDeletion = enforce_consumer_deletion, default false); ResourceNotFoundException ignored",
      },
      {
        call: "DescribeStreamSummary",
        action: "kinesis:DescribeStreamSummary",
        on: "stream",
        when: "always",
      },
    ],
  },
};
