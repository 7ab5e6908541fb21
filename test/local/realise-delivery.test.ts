/**
 * The delivery realiser (local/runner/realisers/delivery.ts) on its own: a Firehose delivery stream becomes a
 * local delivery loop for the zone whose prefix it has, buffering as its hints say (Firehose's defaults
 * otherwise, the interval over the run's speed-up), its role's credentials let into S3; a converting stream
 * gets a Parquet encoder with the columns of the Glue table it names, when its role may read that table;
 * a role that may not write its error logs is named. The loop is not started: its reads and writes are
 * test/local/firehose-delivery.test.ts's.
 */
import { expect } from "chai";
import { deliveryStream } from "../../local/runner/realisers/delivery";
import { ParquetEncoder } from "../../local/stand-ins/firehose/parquet";
import { declared, role, roleArn, testContext, TestRun } from "../helpers/realise";

const STREAM_ARN = "arn:aws:kinesis:us-east-1:123456789012:stream/beers";
const BUCKET_ARN = "arn:aws:s3:::lake-bucket";
const RAW = "raw/beers/dt=!{timestamp:yyyy-MM-dd}/";
const CURATED = "curated/beers/dt=!{timestamp:yyyy-MM-dd}/";
const GLUE = "glue:GetTableVersions";
const LOGS = "logs:PutLogEvents";

const stream = declared("aws:kinesis/stream:Stream", "beers", { name: "beers" }, { arn: STREAM_ARN });
const bucket = declared("aws:s3/bucket:Bucket", "lake", { bucket: "lake-bucket" }, { arn: BUCKET_ARN });
const table = (databaseName: string, name: string, column: string) =>
  declared("aws:glue/catalogTable:CatalogTable", `${databaseName}-${name}`, {
    databaseName,
    name,
    storageDescriptor: { columns: [{ name: column, type: "bigint" }] },
  });
// Tables around the one the curated stream names (lake.beers): same database or same name, not both.
const tables = [
  table("lake", "other", "wrong_table"),
  table("other", "beers", "wrong_db"),
  table("lake", "beers", "id"),
];

function firehose(s3: Record<string, unknown>) {
  return declared("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "delivery", {
    name: "delivery",
    kinesisSourceConfiguration: { kinesisStreamArn: STREAM_ARN, roleArn: roleArn("firehose-role") },
    extendedS3Configuration: { bucketArn: BUCKET_ARN, prefix: RAW, ...s3 },
  });
}
const converting = {
  prefix: CURATED,
  dataFormatConversionConfiguration: {
    enabled: true,
    schemaConfiguration: { databaseName: "lake", tableName: "beers" },
  },
};
const logging = (enabled: boolean) => ({
  cloudwatchLoggingOptions: {
    enabled,
    logGroupName: "/aws/kinesisfirehose/delivery",
    logStreamName: "S3Delivery",
  },
});

describe("the delivery realiser", function () {
  this.timeout(20_000);
  let run: TestRun | undefined;
  afterEach(() => run?.cleanUp());

  /** Realises the stream with a firehose role allowed `actions`; returns the S3 credentials let in and the delivery made. */
  async function realise(
    s3: Record<string, unknown>,
    actions: string[],
    resources = [stream, bucket, ...tables],
  ) {
    const allowed: string[][] = [];
    run = testContext([...role("firehose-role", actions), ...resources, firehose(s3)], {
      speed: 100,
      services: { s3: { allow: (...key: string[]) => allowed.push(key) } as never },
    });
    const delivery = run.keep(await deliveryStream(firehose(s3), run.inputs, run.sinks, {}));
    return { allowed, delivery };
  }

  it("delivers the raw zone with Firehose's default hints, its interval over the speed-up", async () => {
    const { allowed, delivery } = await realise({}, []);
    const { inputs, sinks } = run!;
    expect(
      delivery && { name: delivery.name, zone: delivery.zone.id, bucket: delivery.bucket },
    ).to.deep.equal({
      name: "delivery",
      zone: "raw",
      bucket: "lake-bucket",
    });
    const { opts } = delivery!.loop;
    expect(opts).to.include({
      deliveryStreamName: "delivery",
      streamName: "beers",
      bucket: "lake-bucket",
      prefix: RAW,
      bufferingSizeMb: 5,
      // 300 s over ×100.
      bufferingIntervalMs: 3000,
      compression: "UNCOMPRESSED",
      parquet: undefined,
      timers: inputs.timers,
    });
    expect(delivery!.encoder).to.equal(undefined);
    // The first declared role's local credentials (local/stand-ins/iam/local-iam.ts).
    expect(allowed).to.deep.equal([["ASIALOCALROLE0000", "local-secret-of-firehose-role"]]);
    expect(sinks.errors).to.deep.equal([]);
  });

  it("buffers and compresses as the stream's hints say", async () => {
    const { delivery } = await realise(
      { bufferingSize: 1, bufferingInterval: 60, compressionFormat: "GZIP" },
      [],
    );
    expect(delivery!.loop.opts).to.include({
      bufferingSizeMb: 1,
      bufferingIntervalMs: 600,
      compression: "GZIP",
    });
  });

  it("tells of each object written and says what failed, naming the stream", async () => {
    const { delivery } = await realise({}, []);
    const { sinks, events } = run!;
    const { opts } = delivery!.loop;
    const object = { key: "raw/beers/x", records: 2, bytes: 10, oldestArrival: new Date(0) };
    opts.onObject!(object);
    opts.onError!(new TypeError("no such bucket"));
    expect(events).to.deep.equal([
      { kind: "object", object },
      { kind: "error", message: "delivery: TypeError: no such bucket" },
    ]);
    expect(sinks.errors).to.deep.equal(["delivery: TypeError: no such bucket"]);
  });

  it("converts the curated zone to Parquet with the columns of the Glue table it names", async () => {
    const { delivery } = await realise(converting, [GLUE]);
    expect(delivery!.zone.id).to.equal("curated");
    expect(delivery!.loop.opts.prefix).to.equal(CURATED);
    expect(delivery!.encoder).to.not.equal(undefined);
    expect(delivery!.loop.opts.parquet).to.equal(delivery!.encoder);
    expect(delivery!.encoder!.columns).to.deep.equal([{ name: "id", type: "bigint" }]);
    expect(run!.sinks.errors).to.deep.equal([]);
  });

  it("refuses to convert with a table the program does not declare", async () => {
    await realise(converting, [GLUE], [stream, bucket, ...tables.slice(0, 2)]).then(
      () => expect.fail("realised"),
      (error: Error) =>
        expect(error.message).to.equal(
          "delivery converts with lake.beers, which the program does not declare",
        ),
    );
  });

  it("is not realised when its role may not read the table it converts with, and says so", async () => {
    // The catalog and the database, not the table.
    const readable = ["catalog", "database/lake"].map((r) => `arn:aws:glue:us-east-1:123456789012:${r}`);
    run = testContext([...role("firehose-role", [GLUE], readable), stream, bucket, ...tables], {
      services: { s3: { allow: () => undefined } as never },
    });
    const delivery = await deliveryStream(firehose(converting), run.inputs, run.sinks, {});
    expect(run.sinks.errors).to.deep.equal([
      "delivery: cannot read the schema it converts with: AccessDenied: User: arn:aws:sts::123456789012:assumed-role/firehose-role/firehose-role is not authorized to perform: glue:GetTableVersions on resource: arn:aws:glue:us-east-1:123456789012:table/lake/beers because no identity-based policy allows the glue:GetTableVersions action",
    ]);
    // Nothing made: no loop, and no encoder left open.
    expect(delivery).to.equal(undefined);
  });

  it("asks for no table when it does not convert", async () => {
    // No Glue permission at all: a request would be denied and said.
    const { delivery } = await realise(
      { ...converting, dataFormatConversionConfiguration: { enabled: false } },
      [],
    );
    expect(run!.sinks.errors).to.deep.equal([]);
    expect(delivery!.loop.opts.parquet).to.equal(undefined);
    expect(delivery!.encoder).to.equal(undefined);
  });

  it("says that CloudWatch Logs would refuse the error logs of a role that may not write them", async () => {
    await realise(logging(true), []);
    expect(run!.sinks.errors).to.deep.equal([
      "delivery: CloudWatch Logs would refuse its error logs: AccessDenied: User: arn:aws:sts::123456789012:assumed-role/firehose-role/firehose-role is not authorized to perform: logs:PutLogEvents on resource: arn:aws:logs:us-east-1:123456789012:log-group:/aws/kinesisfirehose/delivery:log-stream:S3Delivery because no identity-based policy allows the logs:PutLogEvents action",
    ]);
  });

  it("asks nothing of CloudWatch Logs when its error logging is off, and runs when its role may log", async () => {
    await realise(logging(false), []);
    expect(run!.sinks.errors).to.deep.equal([]);
    run!.cleanUp();
    const { delivery } = await realise(logging(true), [LOGS]);
    expect(run!.sinks.errors).to.deep.equal([]);
    expect(delivery).to.not.equal(undefined);
  });

  it("refuses a stream that writes under no zone's prefix", async () => {
    for (const prefix of ["elsewhere/", undefined])
      await realise({ prefix }, []).then(
        () => expect.fail("realised"),
        (error: Error) =>
          expect(error.message).to.equal(`delivery writes under "${prefix}", which is no zone of the lake`),
      );
  });

  it("finds its stream and bucket by their ARNs among streams and buckets, not another type's resources", async () => {
    // Unlikely in AWS, where an ARN names one resource; here it proves the types are looked at.
    const impostors = [STREAM_ARN, BUCKET_ARN].map((arn, i) =>
      declared(
        "aws:cloudwatch/logGroup:LogGroup",
        `impostor-${i}`,
        { name: "impostor", bucket: "impostor" },
        { arn },
      ),
    );
    const { delivery } = await realise({}, [], [...impostors, stream, bucket]);
    expect(delivery!.loop.opts).to.include({ streamName: "beers", bucket: "lake-bucket" });
  });

  it("closes the encoder it made when it cannot deliver with the stream's compression", async () => {
    const closed: unknown[] = [];
    const close = ParquetEncoder.prototype.close;
    ParquetEncoder.prototype.close = function (this: ParquetEncoder) {
      closed.push(this);
      close.call(this);
    };
    try {
      await realise({ ...converting, compressionFormat: "SNAPPY" }, [GLUE]).then(
        () => expect.fail("realised"),
        (error: Error) =>
          expect(error.message).to.equal(
            "delivery: compression SNAPPY is not supported locally (GZIP, UNCOMPRESSED)",
          ),
      );
    } finally {
      ParquetEncoder.prototype.close = close;
    }
    expect(closed).to.have.length(1);
  });
});
