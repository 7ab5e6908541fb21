/**
 * The real program under Pulumi mocks, for both stacks: every resource and the properties that matter.
 */
import { expect } from "chai";
import { parseConfig } from "../../handler/config";
import type { ProgramRun } from "../../local/provider/run-program";
import { STACK_OVERRIDES } from "../helpers/deploy-path";
import { one, ofType, parentType, runStack } from "../helpers/program";

const ACCOUNT = "123456789012";

for (const stack of ["test", "prod"] as const) {
  describe(`program, stack ${stack}`, function () {
    let run: ProgramRun;
    before(async () => (run = await runStack(stack)));
    const base = `punkapi-consumer-${stack}`;
    const isProd = stack === "prod";

    it("composes the three components, each resource under its component", () => {
      const components = run.resources.filter((r) => !r.custom).map((r) => [r.type, r.name]);
      expect(components).to.have.deep.members([
        ["punkapi:security:SecurityRoles", `${base}-roles`],
        ["punkapi:ingest:IngestPipeline", `${base}-ingest`],
        ["punkapi:delivery:DeliveryToS3", `${base}-delivery`],
        ["punkapi:catalog:LakeCatalog", `${base}-catalog`],
      ]);
      const home: Record<string, string> = {
        "aws:iam/role:Role": "punkapi:security:SecurityRoles",
        "aws:iam/rolePolicy:RolePolicy": "punkapi:security:SecurityRoles",
        "aws:kinesis/stream:Stream": "punkapi:ingest:IngestPipeline",
        "aws:lambda/function:Function": "punkapi:ingest:IngestPipeline",
        "aws:cloudwatch/eventRule:EventRule": "punkapi:ingest:IngestPipeline",
        "aws:sqs/queue:Queue": "punkapi:ingest:IngestPipeline",
        "aws:glue/catalogTable:CatalogTable": "punkapi:catalog:LakeCatalog",
        "aws:athena/workgroup:Workgroup": "punkapi:catalog:LakeCatalog",
        "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": "punkapi:delivery:DeliveryToS3",
      };
      for (const r of run.resources.filter((x) => x.custom)) {
        expect(parentType(run, r), `${r.type} ${r.name}`).to.be.a("string");
        if (home[r.type]) expect(parentType(run, r), r.type).to.equal(home[r.type]);
      }
      // Every IAM role and policy lives in SecurityRoles, and nowhere else.
      for (const r of run.resources.filter((x) => x.type.startsWith("aws:iam/"))) {
        expect(parentType(run, r)).to.equal("punkapi:security:SecurityRoles");
      }
      expect(ofType(run, "aws:iam/role:Role")).to.have.length(2);
      expect(ofType(run, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")).to.have.length(0);
    });

    it("names every physical resource after project and stack", () => {
      // (A log stream's name lives inside its log group, a table's inside its database: those carry the names.)
      const scoped = ["aws:cloudwatch/logStream:LogStream", "aws:glue/catalogTable:CatalogTable"];
      const physical = run.resources
        .filter((r) => typeof r.inputs.name === "string" && !scoped.includes(r.type))
        .map((r) => r.inputs.name as string);
      expect(physical.length).to.equal(13);
      for (const name of physical) expect(name.replace(/_/g, "-")).to.contain(base);
      expect(ofType(run, "aws:s3/bucket:Bucket").map((b) => b.inputs.bucket)).to.have.members([
        `${base}-lake-${ACCOUNT}`,
        `${base}-lake-athena-${ACCOUNT}`,
      ]);
    });

    it("declares the stream: mode, shards, retention, KMS encryption, protection", () => {
      const stream = one(run, "aws:kinesis/stream:Stream");
      expect(stream.inputs).to.deep.include({
        name: `${base}-beers`,
        encryptionType: "KMS",
        kmsKeyId: "alias/aws/kinesis",
        retentionPeriod: isProd ? 168 : 24,
      });
      expect(stream.inputs.streamModeDetails).to.deep.equal({
        streamMode: isProd ? "ON_DEMAND" : "PROVISIONED",
      });
      expect(stream.inputs.shardCount).to.equal(isProd ? undefined : 1);
      expect([stream.protect, stream.retainOnDelete]).to.deep.equal([isProd, isProd]);
    });

    it("declares the function: its role, explicit runtime, memory, timeout, an environment the handler accepts", () => {
      const fn = one(run, "aws:lambda/function:Function");
      const role = one(run, "aws:iam/role:Role", "-roles-ingest");
      expect(fn.inputs).to.deep.include({
        name: `${base}-ingest`,
        runtime: "nodejs22.x",
        handler: "__index.handler",
        memorySize: 256,
        timeout: 60,
        role: role.state.arn,
      });
      const env = fn.inputs.environment.variables as Record<string, string>;
      const parsed = parseConfig(env);
      expect(parsed).to.include({
        streamName: `${base}-beers`,
        sourceUrl: "https://punkapi-alxiw.amvera.io/v3",
        contract: "v3",
        beersPerInvocation: isProd ? 10 : 1,
        deadlineMs: 58_000,
        kinesisEndpoint: undefined,
      });
      expect(parsed.requestTimeoutMs).to.be.below(parsed.deadlineMs);
      // The log group exists before the function, or Lambda would create one that never expires.
      const logs = one(run, "aws:cloudwatch/logGroup:LogGroup", "-ingest-logs");
      expect(logs.inputs).to.deep.include({
        name: `/aws/lambda/${base}-ingest`,
        retentionInDays: isProd ? 90 : 7,
      });
      expect(fn.dependsOn).to.include(logs.urn);
    });

    it("schedules the function every 5 minutes through EventBridge", () => {
      const rule = one(run, "aws:cloudwatch/eventRule:EventRule");
      const fn = one(run, "aws:lambda/function:Function");
      expect(rule.inputs.scheduleExpression).to.equal("rate(5 minutes)");
      expect(one(run, "aws:cloudwatch/eventTarget:EventTarget").inputs).to.deep.include({
        rule: rule.state.name,
        arn: fn.state.arn,
      });
      expect(one(run, "aws:lambda/permission:Permission").inputs).to.deep.include({
        action: "lambda:InvokeFunction",
        function: fn.state.name,
        principal: "events.amazonaws.com",
        sourceArn: rule.state.arn,
      });
    });

    it("keeps failed events: async retries, an encrypted failure queue", () => {
      const queue = one(run, "aws:sqs/queue:Queue");
      expect(queue.inputs).to.deep.include({ name: `${base}-ingest-failures`, sqsManagedSseEnabled: true });
      expect(
        one(run, "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig").inputs,
      ).to.deep.include({
        functionName: `${base}-ingest`,
        maximumRetryAttempts: 2,
        maximumEventAgeInSeconds: 3600,
        destinationConfig: { onFailure: { destination: queue.state.arn } },
      });
    });

    it("alarms on function errors and throttles, queue depth, stream throttling and freshness, to an encrypted topic", () => {
      const topic = one(run, "aws:sns/topic:Topic");
      const key = one(run, "aws:kms/key:Key");
      expect(topic.inputs).to.deep.include({ name: `${base}-alarms`, kmsMasterKeyId: key.state.arn });
      expect(key.inputs.enableKeyRotation).to.equal(true);
      const alarms = ofType(run, "aws:cloudwatch/metricAlarm:MetricAlarm").map((a) => ({
        metric: `${a.inputs.namespace} ${a.inputs.metricName}`,
        dimensions: a.inputs.dimensions,
        threshold: a.inputs.threshold,
        actions: a.inputs.alarmActions,
      }));
      const to = [topic.state.arn];
      expect(alarms).to.have.deep.members([
        {
          metric: "AWS/Lambda Errors",
          dimensions: { FunctionName: `${base}-ingest` },
          threshold: 0,
          actions: to,
        },
        {
          metric: "AWS/Lambda Throttles",
          dimensions: { FunctionName: `${base}-ingest` },
          threshold: 0,
          actions: to,
        },
        {
          metric: "AWS/SQS ApproximateNumberOfMessagesVisible",
          dimensions: { QueueName: `${base}-ingest-failures` },
          threshold: 0,
          actions: to,
        },
        {
          metric: "AWS/Kinesis WriteProvisionedThroughputExceeded",
          dimensions: { StreamName: `${base}-beers` },
          threshold: 0,
          actions: to,
        },
        {
          metric: "AWS/Firehose DeliveryToS3.DataFreshness",
          dimensions: { DeliveryStreamName: `${base}-delivery` },
          threshold: isProd ? 900 : 600,
          actions: to,
        },
      ]);
      expect(ofType(run, "aws:sns/topicSubscription:TopicSubscription")).to.have.length(0);
    });

    it("hardens the bucket: public access blocked, owner enforced, encrypted, versioned, TLS only", () => {
      const bucket = one(run, "aws:s3/bucket:Bucket", "-delivery-lake");
      expect(bucket.inputs.forceDestroy).to.equal(!isProd);
      expect([bucket.protect, bucket.retainOnDelete]).to.deep.equal([isProd, isProd]);
      const of = (type: string) => one(run, type, "-delivery-lake").inputs;
      expect(of("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")).to.deep.include({
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      });
      expect(of("aws:s3/bucketOwnershipControls:BucketOwnershipControls").rule).to.deep.equal({
        objectOwnership: "BucketOwnerEnforced",
      });
      expect(
        of("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration").rules,
      ).to.deep.equal([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]);
      expect(of("aws:s3/bucketVersioning:BucketVersioning").versioningConfiguration).to.deep.equal({
        status: "Enabled",
      });
      const policy = JSON.parse(of("aws:s3/bucketPolicy:BucketPolicy").policy);
      expect(policy.Statement).to.deep.equal([
        {
          Sid: "DenyInsecureTransport",
          Effect: "Deny",
          Principal: "*",
          Action: ["s3:*"],
          Resource: [bucket.state.arn, `${bucket.state.arn}/*`],
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      ]);
    });

    it("sets the lifecycle per stack: zone expiry (test) or transition (prod), noncurrent expiry, multipart cleanup", () => {
      const rules = one(
        run,
        "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
        "-delivery-lake",
      ).inputs.rules;
      const zone = (id: string, prefix: string) =>
        isProd
          ? {
              id,
              status: "Enabled",
              filter: { prefix },
              transitions: [{ days: 30, storageClass: "STANDARD_IA" }],
            }
          : { id, status: "Enabled", filter: { prefix }, expiration: { days: 7 } };
      expect(rules).to.deep.equal([
        zone("raw", "raw/beers/dt="),
        zone("curated", "curated/beers/dt="),
        {
          id: "whole-bucket",
          status: "Enabled",
          filter: { prefix: "" },
          noncurrentVersionExpiration: { noncurrentDays: isProd ? 90 : 30 },
          abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
        },
      ]);
    });

    it("delivers from the stream to the bucket: extended_s3, Hive prefix, error prefix, buffering, GZIP, logging", () => {
      const firehose = one(
        run,
        "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
        "-delivery-firehose",
      );
      const stream = one(run, "aws:kinesis/stream:Stream");
      const role = one(run, "aws:iam/role:Role", "-roles-firehose");
      const bucket = one(run, "aws:s3/bucket:Bucket", "-delivery-lake");
      expect(firehose.inputs).to.deep.include({ name: `${base}-delivery`, destination: "extended_s3" });
      expect(firehose.inputs.kinesisSourceConfiguration).to.deep.equal({
        kinesisStreamArn: stream.state.arn,
        roleArn: role.state.arn,
      });
      expect(firehose.inputs.serverSideEncryption).to.equal(undefined); // not allowed with a Kinesis source
      expect(firehose.inputs.extendedS3Configuration).to.deep.include({
        roleArn: role.state.arn,
        bucketArn: bucket.state.arn,
        prefix: "raw/beers/dt=!{timestamp:yyyy-MM-dd}/",
        errorOutputPrefix: "errors/!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/",
        bufferingSize: isProd ? 64 : 1,
        bufferingInterval: isProd ? 300 : 60,
        compressionFormat: "GZIP",
      });
      expect(firehose.inputs.extendedS3Configuration.cloudwatchLoggingOptions).to.deep.equal({
        enabled: true,
        logGroupName: `/aws/kinesisfirehose/${base}-delivery`,
        logStreamName: "S3Delivery",
      });
    });

    it("catalogs the lake: Glue tables with partition projection, a curated Parquet stream, an enforced Athena workgroup", () => {
      const db = `punkapi_consumer_${stack}`;
      const lake = `s3://${base}-lake-${ACCOUNT}`;
      expect(one(run, "aws:glue/catalogDatabase:CatalogDatabase").inputs.name).to.equal(db);
      const table = (suffix: string) => one(run, "aws:glue/catalogTable:CatalogTable", suffix).inputs;
      const raw = table("-catalog-raw");
      const curated = table("-catalog-curated");
      expect([raw.name, raw.databaseName, curated.name, curated.databaseName]).to.deep.equal([
        "beers_raw",
        db,
        "beers_curated",
        db,
      ]);
      expect(raw.storageDescriptor.location).to.equal(`${lake}/raw/beers/`);
      expect(raw.storageDescriptor.serDeInfo.serializationLibrary).to.equal(
        "org.openx.data.jsonserde.JsonSerDe",
      );
      expect(curated.storageDescriptor.location).to.equal(`${lake}/curated/beers/`);
      expect(curated.storageDescriptor.serDeInfo.serializationLibrary).to.equal(
        "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
      );
      expect(curated.storageDescriptor.columns.map((c: { name: string }) => c.name)).to.deep.equal([
        "id",
        "name",
        "tagline",
        "first_brewed",
        "abv",
        "ibu",
        "target_fg",
        "target_og",
        "ebc",
        "srm",
        "ph",
        "attenuation_level",
      ]);
      for (const t of [raw, curated]) {
        expect(t.partitionKeys).to.deep.equal([
          { name: "dt", type: "string", comment: "ingestion date (UTC), yyyy-MM-dd" },
        ]);
        expect(t.parameters).to.deep.include({
          "projection.enabled": "true",
          "projection.dt.type": "date",
          "projection.dt.format": "yyyy-MM-dd",
          "storage.location.template": `${t.storageDescriptor.location}dt=\${dt}/`,
        });
      }
      const stream = one(
        run,
        "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
        "-delivery-curated",
      );
      const s3 = stream.inputs.extendedS3Configuration;
      expect(stream.inputs.kinesisSourceConfiguration.kinesisStreamArn).to.equal(
        one(run, "aws:kinesis/stream:Stream").state.arn,
      );
      expect(s3).to.deep.include({
        prefix: "curated/beers/dt=!{timestamp:yyyy-MM-dd}/",
        compressionFormat: "UNCOMPRESSED",
        bufferingSize: 64,
      });
      expect(s3.dataFormatConversionConfiguration).to.deep.equal({
        enabled: true,
        inputFormatConfiguration: { deserializer: { openXJsonSerDe: {} } },
        outputFormatConfiguration: { serializer: { parquetSerDe: { compression: "SNAPPY" } } },
        schemaConfiguration: {
          databaseName: db,
          tableName: "beers_curated",
          roleArn: one(run, "aws:iam/role:Role", "-roles-firehose").state.arn,
          region: "us-east-1",
        },
      });
      const workgroup = one(run, "aws:athena/workgroup:Workgroup").inputs;
      expect(workgroup.name).to.equal(base);
      expect(workgroup.configuration).to.deep.include({
        enforceWorkgroupConfiguration: true,
        bytesScannedCutoffPerQuery: (isProd ? 1024 : 100) * 1024 * 1024,
      });
      expect(workgroup.configuration.resultConfiguration).to.deep.equal({
        outputLocation: `s3://${base}-lake-athena-${ACCOUNT}/results/`,
        encryptionConfiguration: { encryptionOption: "SSE_S3" },
      });
      // The results bucket gets the same secure defaults as the lake.
      expect(
        one(run, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "-catalog-results").inputs
          .restrictPublicBuckets,
      ).to.equal(true);
      expect(one(run, "aws:s3/bucketPolicy:BucketPolicy", "-catalog-results").inputs.policy).to.contain(
        "aws:SecureTransport",
      );
    });

    it("exports the stack outputs", () => {
      expect(run.outputs).to.deep.equal({
        streamName: `${base}-beers`,
        streamArn: `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/${base}-beers`,
        functionName: `${base}-ingest`,
        bucketName: `${base}-lake-${ACCOUNT}`,
        deliveryStreamName: `${base}-delivery`,
        alarmTopicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:${base}-alarms`,
        curatedDeliveryStreamName: `${base}-curated`,
        glueDatabase: `punkapi_consumer_${stack}`,
        athenaWorkgroup: base,
      });
    });
  });
}

describe("program, both stacks in one account", () => {
  it("share no physical name", async () => {
    const names = async (stack: string) =>
      new Set(
        (await runStack(stack)).resources
          .filter(
            (r) =>
              !["aws:cloudwatch/logStream:LogStream", "aws:glue/catalogTable:CatalogTable"].includes(r.type),
          )
          .map((r) => (r.type === "aws:s3/bucket:Bucket" ? r.inputs.bucket : r.inputs.name))
          .filter((n): n is string => typeof n === "string"),
      );
    const [test, prod] = [await names("test"), await names("prod")];
    expect([...test].filter((n) => prod.has(n))).to.deep.equal([]);
    expect(test.size).to.equal(prod.size);
  });

  it("subscribes the alarm e-mail when one is configured", async () => {
    const run = await runStack("test", STACK_OVERRIDES);
    const sub = one(run, "aws:sns/topicSubscription:TopicSubscription");
    expect(sub.inputs).to.deep.include({
      protocol: "email",
      endpoint: STACK_OVERRIDES["punkapi-consumer:alarmEmail"],
      topic: one(run, "aws:sns/topic:Topic").state.arn,
    });
  });
});
