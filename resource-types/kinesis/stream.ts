/** A Kinesis data stream: the buffer between the function and the delivery streams. */
import { arn, type ArnEnv } from "../../model/arn";
import { type ResourceType, reportsNameAndArn } from "../resource-type";
import { GB, ceilTo, line } from "../pricing";
import type { TypeCalls } from "../calls";
import streamCalls from "./stream.calls.json";

const arnOf = (env: ArnEnv, name: string): string => arn(env, "kinesis", `stream/${name}`);

export const kinesisStream: ResourceType = {
  token: "aws:kinesis/stream:Stream",
  arn: arnOf,
  reported: reportsNameAndArn(arnOf),
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
  calls: streamCalls as TypeCalls,
};
