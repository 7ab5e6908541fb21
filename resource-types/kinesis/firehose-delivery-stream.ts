/** A Firehose delivery stream from the Kinesis stream to the lake (raw, or curated as Parquet). */
import { arn, type ArnEnv } from "../../model/arn";
import { type ResourceType, named, physicalName } from "../resource-type";
import { GB, ceilTo, line } from "../pricing";

const arnOf = (env: ArnEnv, name: string): string => arn(env, "firehose", `deliverystream/${name}`);

export const kinesisFirehoseDeliveryStream: ResourceType = {
  token: "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
  arn: arnOf,
  reported: (name, inputs, env) => {
    const n = physicalName(name, inputs);
    const a = arnOf(env, n);
    return named(a, n, a, inputs);
  },
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
  calls: {
    terraform: "aws_kinesis_firehose_delivery_stream",
    source: "internal/service/firehose/delivery_stream.go",
    declaredBy: ["stacks"],
    create: [
      {
        call: "CreateDeliveryStream",
        action: "firehose:CreateDeliveryStream",
        on: "deliveryStream",
        when: "always (DeliveryStreamType KinesisStreamAsSource + KinesisStreamSourceConfiguration; ExtendedS3DestinationConfiguration incl",
      },
      {
        call: "(authorization) PassRole",
        action: "iam:PassRole",
        on: "firehoseRole",
        when: "always with our config (role ARNs are sent)",
        condition: {
          StringEquals: {
            "iam:PassedToService": "firehose.amazonaws.com",
          },
        },
      },
      {
        call: "DescribeDeliveryStream",
        action: "firehose:DescribeDeliveryStream",
        on: "deliveryStream",
        when: "always",
      },
      {
        call: "ListTagsForDeliveryStream",
        action: "firehose:ListTagsForDeliveryStream",
        on: "deliveryStream",
        when: "always, after Read/Create/Update (tags interceptor)",
        source: "internal/service/firehose/tags_gen.go",
      },
    ],
    read: [
      {
        call: "DescribeDeliveryStream",
        action: "firehose:DescribeDeliveryStream",
        on: "deliveryStream",
        when: "always",
      },
      {
        call: "ListTagsForDeliveryStream",
        action: "firehose:ListTagsForDeliveryStream",
        on: "deliveryStream",
        when: "always, after Read/Create/Update (tags interceptor)",
        source: "internal/service/firehose/tags_gen.go",
      },
    ],
    update: [
      {
        call: "UpdateDestination",
        action: "firehose:UpdateDestination",
        on: "deliveryStream",
        when: "any change except tags/tags_all (sends CurrentDeliveryStreamVersionId=version_id, DestinationId=destination_id from state, full ExtendedS3DestinationUpdate incl",
      },
      {
        call: "(authorization) PassRole",
        action: "iam:PassRole",
        on: "firehoseRole",
        when: "with UpdateDestination (role ARNs re-sent)",
        condition: {
          StringEquals: {
            "iam:PassedToService": "firehose.amazonaws.com",
          },
        },
      },
      {
        call: "DescribeDeliveryStream",
        action: "firehose:DescribeDeliveryStream",
        on: "deliveryStream",
        when: "always (tail-call resourceDeliveryStreamRead)",
      },
      {
        call: "ListTagsForDeliveryStream",
        action: "firehose:ListTagsForDeliveryStream",
        on: "deliveryStream",
        when: "always, after Read/Create/Update (tags interceptor)",
        source: "internal/service/firehose/tags_gen.go",
      },
    ],
    delete: [
      {
        call: "DeleteDeliveryStream",
        action: "firehose:DeleteDeliveryStream",
        on: "deliveryStream",
        when: "always; ResourceNotFoundException ignored",
      },
      {
        call: "DescribeDeliveryStream",
        action: "firehose:DescribeDeliveryStream",
        on: "deliveryStream",
        when: "always",
      },
    ],
  },
};
