/** A Firehose delivery stream from the Kinesis stream to the lake (raw, or curated as Parquet). */
import { arn, type ArnEnv } from "../../model/arn";
import { type ResourceType, reportsNameAndArn } from "../resource-type";
import { GB, ceilTo, line } from "../pricing";
import type { TypeCalls } from "../calls";
import firehoseDeliveryStreamCalls from "./firehose-delivery-stream.calls.json";

const arnOf = (env: ArnEnv, name: string): string => arn(env, "firehose", `deliverystream/${name}`);

export const kinesisFirehoseDeliveryStream: ResourceType = {
  token: "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
  arn: arnOf,
  reported: reportsNameAndArn(arnOf, "arn"),
  plan: ["name", "destination", "kinesisSourceConfiguration", "extendedS3Configuration"],
  local: "realised",
  price: (deliveries, { config, usage, invocations, records }) => {
    // Each delivery stream ingests every record, rounded up to 5 KB; the curated one converts it.
    const gb = (records * ceilTo(usage.recordBytes, 5120)) / GB;
    const converting = deliveries.filter(
      (d) => d.inputs.extendedS3Configuration?.dataFormatConversionConfiguration?.enabled,
    );
    // What the deliveries add to the lake in a month (it grows month on month until the lifecycle
    // expires it), and an object per buffering interval, or per invocation if those are rarer.
    const objects = Math.min(
      invocations,
      (usage.hoursPerMonth * 3600) / Math.max(config.bufferingIntervalSeconds, 60),
    );
    return {
      lines: [
        line(
          "Firehose",
          `ingestion, ${deliveries.length} delivery streams, 5 KB steps`,
          gb * deliveries.length,
          "firehose.ingestionGb",
        ),
        line("Firehose", "format conversion to Parquet", gb * converting.length, "firehose.conversionGb"),
        line(
          "S3",
          "storage one month adds",
          (records * (usage.rawStoredBytes + usage.curatedStoredBytes)) / GB,
          "s3.standardGbMonth",
        ),
        line("S3", "PUT requests", (objects * deliveries.length) / 1000, "s3.putThousand"),
      ],
    };
  },
  calls: firehoseDeliveryStreamCalls as TypeCalls,
};
