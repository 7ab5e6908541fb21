/**
 * The registry of resource types (resource-types/): it holds every type the programs declare and no other,
 * refuses a type it lacks with the token named, and writes each ARN as the service's documentation gives
 * its format (the expected ARNs below are written out, not built by the modules under test).
 */
import { expect } from "chai";
import * as aws from "@pulumi/aws";
import { DATA_SOURCES, dataSource, RESOURCE_TYPES, resourceType, typeOfDeclared } from "../../resource-types";
import { awsResourceState } from "../../local/harness/aws-state";
import { runComponent, runStack } from "../helpers/program";
import { runBootstrap, runPipelineStack } from "../helpers/deploy-path";

const ENV = { partition: "aws", region: "eu-west-1", accountId: "111122223333" };

describe("the resource-type registry", () => {
  it("holds exactly the types and data sources the stacks and the bootstrap declare", async () => {
    const runs = await Promise.all([runPipelineStack("test"), runStack("prod"), runBootstrap()]);
    const declared = new Set(
      runs.flatMap((r) => r.resources.filter((d) => typeOfDeclared(d)).map((d) => d.type)),
    );
    const invoked = new Set(runs.flatMap((r) => r.invokes));
    expect([...declared].sort()).to.deep.equal(RESOURCE_TYPES.map((t) => t.token).sort());
    expect([...invoked].sort()).to.deep.equal(DATA_SOURCES.map((t) => t.token).sort());
  });

  it("lists for `npm run plan` only properties the programs set on the type", async () => {
    // A property renamed in a component, or misspelt here, would silently drop out of the plan.
    const runs = await Promise.all([runPipelineStack("test"), runStack("prod"), runBootstrap()]);
    const declared = runs.flatMap((r) => r.resources);
    const stale = RESOURCE_TYPES.flatMap((type) =>
      (type.plan ?? [])
        .filter((key) => !declared.some((r) => r.type === type.token && r.inputs[key] !== undefined))
        .map((key) => `${type.token} ${key}`),
    );
    expect(stale).to.deep.equal([]);
    // Every type with properties worth seeing shows some: the resource's name at least, where it has one.
    expect(RESOURCE_TYPES.filter((t) => t.plan?.length === 0).map((t) => t.token)).to.deep.equal([]);
  });

  it("refuses a type the program declares and the registry lacks, naming its token", async () => {
    const error = await runComponent(() => {
      new aws.xray.Group("unregistered", { groupName: "g", filterExpression: 'service("x")' });
      return {};
    }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).to.include(
      'the resource type "aws:xray/group:Group" is not in the registry: add a module for it under resource-types/',
    );
    expect(() => awsResourceState("aws:xray/group:Group", "g", {}, ENV)).to.throw(/"aws:xray\/group:Group"/);
    expect(() => dataSource("aws:index/getAmi:getAmi")).to.throw(
      'the data source "aws:index/getAmi:getAmi" is not in the registry',
    );
  });

  it("tells a resource type from a data source, and leaves components and providers to the engine", () => {
    expect(() => resourceType("aws:index/getRegion:getRegion")).to.throw(
      '"aws:index/getRegion:getRegion" is a data source, not a resource type',
    );
    expect(() => dataSource("aws:sqs/queue:Queue")).to.throw(
      '"aws:sqs/queue:Queue" is a resource type, not a data source',
    );
    expect(typeOfDeclared({ type: "punkapi:ingest:IngestPipeline", custom: false })).to.equal(undefined);
    expect(typeOfDeclared({ type: "pulumi:providers:aws", custom: true })).to.equal(undefined);
    expect(typeOfDeclared({ type: "aws:sqs/queue:Queue", custom: true })?.token).to.equal(
      "aws:sqs/queue:Queue",
    );
  });

  it("writes each type's ARN in its service's format", () => {
    const arn = (token: string, name: string, inputs?: Record<string, unknown>) =>
      resourceType(token).arn!(ENV, name, inputs);
    const cases: [string, string, Record<string, unknown> | undefined, string][] = [
      ["aws:kinesis/stream:Stream", "s", undefined, "arn:aws:kinesis:eu-west-1:111122223333:stream/s"],
      ["aws:s3/bucket:Bucket", "b", undefined, "arn:aws:s3:::b"],
      ["aws:iam/role:Role", "r", undefined, "arn:aws:iam::111122223333:role/r"],
      ["aws:iam/role:Role", "r", { path: "/p/" }, "arn:aws:iam::111122223333:role/p/r"],
      ["aws:iam/policy:Policy", "p", { path: "/x/" }, "arn:aws:iam::111122223333:policy/x/p"],
      [
        "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
        "token.actions.githubusercontent.com",
        undefined,
        "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com",
      ],
      [
        "aws:glue/catalogDatabase:CatalogDatabase",
        "d",
        undefined,
        "arn:aws:glue:eu-west-1:111122223333:database/d",
      ],
      [
        "aws:glue/catalogTable:CatalogTable",
        "t",
        { databaseName: "d" },
        "arn:aws:glue:eu-west-1:111122223333:table/d/t",
      ],
      [
        "aws:glue/dataQualityRuleset:DataQualityRuleset",
        "r",
        undefined,
        "arn:aws:glue:eu-west-1:111122223333:dataQualityRuleset/r",
      ],
      ["aws:athena/workgroup:Workgroup", "w", undefined, "arn:aws:athena:eu-west-1:111122223333:workgroup/w"],
      [
        "aws:cloudwatch/logStream:LogStream",
        "st",
        { logGroupName: "/g" },
        "arn:aws:logs:eu-west-1:111122223333:log-group:/g:log-stream:st",
      ],
      [
        "aws:cloudwatch/logGroup:LogGroup",
        "/g",
        undefined,
        "arn:aws:logs:eu-west-1:111122223333:log-group:/g",
      ],
      ["aws:cloudwatch/dashboard:Dashboard", "d", undefined, "arn:aws:cloudwatch::111122223333:dashboard/d"],
      [
        "aws:cloudwatch/metricAlarm:MetricAlarm",
        "a",
        undefined,
        "arn:aws:cloudwatch:eu-west-1:111122223333:alarm:a",
      ],
      ["aws:cloudwatch/eventRule:EventRule", "r", undefined, "arn:aws:events:eu-west-1:111122223333:rule/r"],
      ["aws:kms/key:Key", "k-1", undefined, "arn:aws:kms:eu-west-1:111122223333:key/k-1"],
      ["aws:kms/alias:Alias", "alias/a", undefined, "arn:aws:kms:eu-west-1:111122223333:alias/a"],
      ["aws:lambda/function:Function", "f", undefined, "arn:aws:lambda:eu-west-1:111122223333:function:f"],
      ["aws:sqs/queue:Queue", "q", undefined, "arn:aws:sqs:eu-west-1:111122223333:q"],
      ["aws:sns/topic:Topic", "t", undefined, "arn:aws:sns:eu-west-1:111122223333:t"],
      [
        "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
        "d",
        undefined,
        "arn:aws:firehose:eu-west-1:111122223333:deliverystream/d",
      ],
    ];
    for (const [token, name, inputs, expected] of cases)
      expect(arn(token, name, inputs), token).to.equal(expected);
    // Every type with an ARN of its own is above; the others are named by what they configure.
    expect(
      RESOURCE_TYPES.filter((t) => t.arn)
        .map((t) => t.token)
        .sort(),
    ).to.deep.equal([...new Set(cases.map(([token]) => token))].sort());
  });
});
