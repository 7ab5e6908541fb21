/**
 * The whole program under Pulumi mocks, for both stacks: how the components are composed and wired (each
 * component is tested on its own in test/components/), each stack's configuration reaching the resources
 * it sets, names, and outputs.
 */
import { expect } from "chai";
import { parseStackConfig } from "../../config/stack-config";
import type { ProgramRun } from "../../local/harness/run-program";
import { STACK_OVERRIDES } from "../helpers/deploy-path";
import { one, ofType, parentType, runStack, stackConfig, VARIANT_CONFIG } from "../helpers/program";

const ACCOUNT = "123456789012";

for (const stack of ["test", "prod"] as const) {
  describe(`program, stack ${stack}`, function () {
    let run: ProgramRun;
    before(async () => (run = await runStack(stack)));
    const base = `punkapi-consumer-${stack}`;
    const config = parseStackConfig(stackConfig(stack), stack);
    const component = (type: string) => run.resources.find((r) => r.type === type)!;

    it("composes the ten components, each resource under the one that owns it", () => {
      const components = run.resources.filter((r) => !r.custom).map((r) => [r.type, r.name]);
      expect(components).to.have.deep.members([
        ["punkapi:alerting:Alerting", `${base}-alerting`],
        ["punkapi:storage:LakeStorage", `${base}-storage`],
        ["punkapi:stream:BeerStream", `${base}-stream`],
        ["punkapi:catalog:LakeCatalog", `${base}-catalog`],
        ["punkapi:security:SecurityRoles", `${base}-roles`],
        ["punkapi:ingest:IngestPipeline", `${base}-ingest`],
        // Named as the ingest: their resources keep the ingest's names (the alarms' physical names too).
        ["punkapi:ingest:IngestSchedule", `${base}-ingest`],
        ["punkapi:ingest:IngestAlarms", `${base}-ingest`],
        ["punkapi:delivery:DeliveryToS3", `${base}-delivery`],
        ["punkapi:monitoring:OperationsDashboard", `${base}-monitoring`],
      ]);
      const home: Record<string, string> = {
        "aws:sns/topic:Topic": "punkapi:alerting:Alerting",
        "aws:kms/key:Key": "punkapi:alerting:Alerting",
        "aws:kinesis/stream:Stream": "punkapi:stream:BeerStream",
        "aws:iam/role:Role": "punkapi:security:SecurityRoles",
        "aws:iam/rolePolicy:RolePolicy": "punkapi:security:SecurityRoles",
        "aws:lambda/function:Function": "punkapi:ingest:IngestPipeline",
        "aws:cloudwatch/dashboard:Dashboard": "punkapi:monitoring:OperationsDashboard",
        "aws:cloudwatch/eventRule:EventRule": "punkapi:ingest:IngestSchedule",
        "aws:cloudwatch/eventTarget:EventTarget": "punkapi:ingest:IngestSchedule",
        "aws:lambda/permission:Permission": "punkapi:ingest:IngestSchedule",
        "aws:sqs/queue:Queue": "punkapi:ingest:IngestPipeline",
        "aws:glue/catalogTable:CatalogTable": "punkapi:catalog:LakeCatalog",
        "aws:athena/workgroup:Workgroup": "punkapi:catalog:LakeCatalog",
        "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": "punkapi:delivery:DeliveryToS3",
      };
      for (const r of run.resources.filter((x) => x.custom)) {
        expect(parentType(run, r), `${r.type} ${r.name}`).to.be.a("string");
        if (home[r.type]) expect(parentType(run, r), r.type).to.equal(home[r.type]);
      }
      const alarmHomes = ofType(run, "aws:cloudwatch/metricAlarm:MetricAlarm").map((a) => parentType(run, a));
      expect(alarmHomes.filter((t) => t === "punkapi:ingest:IngestAlarms")).to.have.length(6);
      expect(one(run, "aws:s3/bucket:Bucket", "-storage-bucket").parent).to.equal(
        component("punkapi:storage:LakeStorage").urn,
      );
    });

    it("wires the components by their resources: one stream, one bucket, one topic, the roles and tables they name", () => {
      const stream = one(run, "aws:kinesis/stream:Stream").state;
      const bucket = one(run, "aws:s3/bucket:Bucket", "-storage-bucket").state;
      const topic = one(run, "aws:sns/topic:Topic").state;
      const fn = one(run, "aws:lambda/function:Function").inputs;
      expect(fn.role).to.equal(one(run, "aws:iam/role:Role", "-roles-ingest").state.arn);
      expect(fn.environment.variables.STREAM_NAME).to.equal(stream.name);
      const firehoseRole = one(run, "aws:iam/role:Role", "-roles-firehose").state.arn;
      for (const d of ofType(run, "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream")) {
        expect(d.inputs.kinesisSourceConfiguration).to.deep.equal({
          kinesisStreamArn: stream.arn,
          roleArn: firehoseRole,
        });
        expect(d.inputs.extendedS3Configuration.bucketArn).to.equal(bucket.arn);
      }
      const curated = one(run, "aws:glue/catalogTable:CatalogTable", "-curated");
      expect(
        one(run, "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "-curated").inputs
          .extendedS3Configuration.dataFormatConversionConfiguration.schemaConfiguration,
      ).to.deep.include({ databaseName: curated.inputs.databaseName, tableName: curated.state.name });
      // Every table reads the lake's bucket (a view reads the tables and has no location).
      for (const t of ofType(run, "aws:glue/catalogTable:CatalogTable").filter(
        (table) => table.inputs.tableType !== "VIRTUAL_VIEW",
      ))
        expect(t.inputs.storageDescriptor.location).to.match(new RegExp(`^s3://${bucket.bucket}/`));
      for (const a of ofType(run, "aws:cloudwatch/metricAlarm:MetricAlarm"))
        expect([...a.inputs.alarmActions, ...a.inputs.okActions]).to.deep.equal([topic.arn, topic.arn]);
      expect(ofType(run, "aws:cloudwatch/metricAlarm:MetricAlarm")).to.have.length(8);
      // The roles' policies exist before anything that acts with them.
      // (A dependency on a component is one on each of its resources.)
      const policies = ofType(run, "aws:iam/rolePolicy:RolePolicy").map((p) => p.urn);
      for (const type of [
        "punkapi:ingest:IngestPipeline",
        "punkapi:ingest:IngestSchedule",
        "punkapi:delivery:DeliveryToS3",
      ])
        expect(component(type).dependsOn, type).to.include.members(policies);
    });

    it("sets each resource from the stack's configuration", () => {
      const stream = one(run, "aws:kinesis/stream:Stream");
      const fn = one(run, "aws:lambda/function:Function");
      const raw = one(run, "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "-firehose").inputs;
      const bucket = one(run, "aws:s3/bucket:Bucket", "-storage-bucket");
      const rows: [string, unknown, unknown][] = [
        ["streamMode", stream.inputs.streamModeDetails.streamMode, config.streamMode],
        ["streamRetentionHours", stream.inputs.retentionPeriod, config.streamRetentionHours],
        ["functionMemoryMb", fn.inputs.memorySize, config.functionMemoryMb],
        ["functionTimeoutSeconds", fn.inputs.timeout, config.functionTimeoutSeconds],
        [
          "beersPerInvocation",
          fn.inputs.environment.variables.BEERS_PER_INVOCATION,
          String(config.beersPerInvocation),
        ],
        [
          "scheduleExpression",
          one(run, "aws:cloudwatch/eventRule:EventRule").inputs.scheduleExpression,
          config.scheduleExpression.expression,
        ],
        [
          "logRetentionDays",
          one(run, "aws:cloudwatch/logGroup:LogGroup", "-ingest-logs").inputs.retentionInDays,
          config.logRetentionDays,
        ],
        ["rawPrefix", raw.extendedS3Configuration.prefix, config.rawPrefix],
        ["bufferingSizeMb", raw.extendedS3Configuration.bufferingSize, config.bufferingSizeMb],
        [
          "bufferingIntervalSeconds",
          raw.extendedS3Configuration.bufferingInterval,
          config.bufferingIntervalSeconds,
        ],
        ["bucketForceDestroy", bucket.inputs.forceDestroy, config.bucketForceDestroy],
        ["protect (bucket)", [bucket.protect, bucket.retainOnDelete], [config.protect, config.protect]],
        ["protect (stream)", [stream.protect, stream.retainOnDelete], [config.protect, config.protect]],
        [
          "athenaBytesScannedCutoffMb",
          one(run, "aws:athena/workgroup:Workgroup").inputs.configuration.bytesScannedCutoffPerQuery,
          config.athenaBytesScannedCutoffMb * 1024 * 1024,
        ],
      ];
      for (const [key, actual, expected] of rows) expect(actual, key).to.deep.equal(expected);
      expect(stream.inputs.shardCount).to.equal(
        config.streamMode === "PROVISIONED" ? config.streamShardCount : undefined,
      );
    });

    it("names every physical resource after project and stack", () => {
      // (A log stream's name lives inside its log group, a table's inside its database: those carry the names.)
      const scoped = ["aws:cloudwatch/logStream:LogStream", "aws:glue/catalogTable:CatalogTable"];
      const physical = run.resources
        .filter((r) => typeof r.inputs.name === "string" && !scoped.includes(r.type))
        .map((r) => r.inputs.name as string);
      expect(physical.length).to.equal(14);
      for (const name of physical) expect(name.replace(/_/g, "-")).to.contain(base);
      expect(ofType(run, "aws:s3/bucket:Bucket").map((b) => b.inputs.bucket)).to.have.members([
        `${base}-lake-${ACCOUNT}`,
        `${base}-lake-athena-${ACCOUNT}`,
      ]);
    });

    it("exports the stack outputs", () => {
      const { operatorPolicy, ...outputs } = run.outputs as Record<string, unknown>;
      // The operator policy names the stack's own resources (its statements: test/iam/operator-policy.test.ts).
      const resources = (
        JSON.parse(String(operatorPolicy)) as { Statement: { Resource: string[] }[] }
      ).Statement.flatMap((s) => s.Resource);
      expect(resources).to.include.members([
        `arn:aws:s3:::${base}-lake-${ACCOUNT}`,
        `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/${base}-beers`,
        `arn:aws:sqs:us-east-1:${ACCOUNT}:${base}-ingest-failures`,
        `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${base}-ingest`,
      ]);
      expect(outputs).to.deep.equal({
        streamName: `${base}-beers`,
        streamArn: `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/${base}-beers`,
        functionName: `${base}-ingest`,
        bucketName: `${base}-lake-${ACCOUNT}`,
        deliveryStreamName: `${base}-delivery`,
        alarmTopicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:${base}-alarms`,
        curatedDeliveryStreamName: `${base}-curated`,
        glueDatabase: `punkapi_consumer_${stack}`,
        athenaWorkgroup: base,
        dashboardName: `${base}-operations`,
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
    expect(one(run, "aws:sns/topicSubscription:TopicSubscription").inputs).to.deep.include({
      protocol: "email",
      endpoint: STACK_OVERRIDES["punkapi-consumer:alarmEmail"],
      topic: one(run, "aws:sns/topic:Topic").state.arn,
    });
  });

  it("lays a custom prefix out end to end: the lifecycle, the grants and the table follow it", async () => {
    // The shared variant's raw prefix: landing/year=…/month=…/day=…/.
    const run = await runStack("test", VARIANT_CONFIG);
    const bucket = `punkapi-consumer-test-lake-${ACCOUNT}`;
    const raw = one(run, "aws:glue/catalogTable:CatalogTable", "-raw").inputs;
    expect(raw.storageDescriptor.location).to.equal(`s3://${bucket}/landing/`);
    expect(raw.parameters["storage.location.template"]).to.equal(
      `s3://${bucket}/landing/year=\${year}/month=\${month}/day=\${day}/`,
    );
    expect(raw.partitionKeys.map((k: { name: string }) => k.name)).to.deep.equal(["year", "month", "day"]);
    expect(
      one(run, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "-storage-bucket").inputs
        .rules[0].filter,
    ).to.deep.equal({ prefix: "landing/year=" });
    expect(one(run, "aws:iam/rolePolicy:RolePolicy", "-roles-firehose").inputs.policy).to.contain(
      `arn:aws:s3:::${bucket}/landing/year=*`,
    );
  });
});
