/**
 * The names and ARNs every resource, policy and bootstrap identity is built from, written out by hand in
 * the formats AWS publishes (Service Authorization Reference, "Resource types"): a misspelt suffix or a
 * misplaced colon would deploy a resource no policy names, or a policy that grants on nothing.
 */
import { expect } from "chai";
import { bootstrapNames, namesOf, stackNames } from "../../model/names";
import { bootstrapArns, plannedArns, stackPatterns } from "../../iam/stack-arns";

const ACCOUNT = "123456789012";
const ENV = { partition: "aws", region: "eu-west-1", accountId: ACCOUNT };

describe("a stack's names", () => {
  it("derives every physical name from project and stack", () => {
    const names = stackNames("punkapi-consumer", "test");
    const { athenaResults, bucket, ...fixed } = names;
    expect(fixed).to.deep.equal({
      base: "punkapi-consumer-test",
      stream: "punkapi-consumer-test-beers",
      function: "punkapi-consumer-test-ingest",
      functionLogGroup: "/aws/lambda/punkapi-consumer-test-ingest",
      failureQueue: "punkapi-consumer-test-ingest-failures",
      scheduleRule: "punkapi-consumer-test-schedule",
      alarmTopic: "punkapi-consumer-test-alarms",
      dashboard: "punkapi-consumer-test-operations",
      deliveryStream: "punkapi-consumer-test-delivery",
      curatedDeliveryStream: "punkapi-consumer-test-curated",
      firehoseLogGroup: "/aws/kinesisfirehose/punkapi-consumer-test-delivery",
      firehoseLogStream: "S3Delivery",
      curatedLogStream: "S3DeliveryCurated",
      glueDatabase: "punkapi_consumer_test",
      curatedQualityRuleset: "punkapi-consumer-test-curated-quality",
      athenaWorkgroup: "punkapi-consumer-test",
      functionRole: "punkapi-consumer-test-ingest",
      firehoseRole: "punkapi-consumer-test-firehose",
    });
    // Bucket names are global: the account id tells two accounts' buckets apart.
    expect(bucket("210987654321")).to.equal("punkapi-consumer-test-lake-210987654321");
    expect(athenaResults("210987654321")).to.equal("punkapi-consumer-test-lake-athena-210987654321");
  });

  it("derives the same names from the prefix alone, as a component does, without checking them", () => {
    const names = namesOf("punkapi-consumer-test");
    expect([
      names.base,
      names.function,
      names.failureQueue,
      names.scheduleRule,
      names.firehoseLogGroup,
    ]).to.deep.equal([
      "punkapi-consumer-test",
      "punkapi-consumer-test-ingest",
      "punkapi-consumer-test-ingest-failures",
      "punkapi-consumer-test-schedule",
      "/aws/kinesisfirehose/punkapi-consumer-test-delivery",
    ]);
    // The length checks are stackNames' (of the stack's own prefix): a component's prefix is that one.
    expect(namesOf("x".repeat(70)).function).to.have.length(77);
  });

  it("refuses a stack name outside the rule, saying what the rule is", () => {
    for (const stack of ["Prod", "a-b", "state", ""])
      expect(() => stackNames("punkapi-consumer", stack), stack).to.throw(
        `stack name "${stack}" must be 1 to 20 lower-case letters and digits, not state or bootstrap`,
      );
  });

  // The longest name is the Athena results bucket, `<project>-<stack>-lake-athena-<12 digits>`, and S3 takes
  // 63 characters: a 33-character project and the stack `test` make it exactly that long.
  const project = "punkapi-consumer-with-a-long-name";

  it("takes a stack whose longest name, the results bucket, is 63 characters", () => {
    expect(project).to.have.length(33);
    expect(stackNames(project, "test").athenaResults(ACCOUNT)).to.equal(
      "punkapi-consumer-with-a-long-name-test-lake-athena-123456789012",
    );
  });

  it("refuses a stack whose results bucket name would be 64 characters, before anything is deployed", () => {
    expect(() => stackNames(project, "tests")).to.throw(
      'stack name "tests" is too long: athenaResults name ' +
        '"punkapi-consumer-with-a-long-name-tests-lake-athena-123456789012" exceeds 63 characters',
    );
  });
});

describe("the planned ARNs", () => {
  it("are the ARNs the function's log group and queue, the delivery's log group and the catalog get", () => {
    expect(plannedArns(stackNames("punkapi-consumer", "test"), ENV)).to.deep.equal({
      functionLogGroup:
        "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/punkapi-consumer-test-ingest",
      firehoseLogGroup:
        "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/kinesisfirehose/punkapi-consumer-test-delivery",
      failureQueue: "arn:aws:sqs:eu-west-1:123456789012:punkapi-consumer-test-ingest-failures",
      glueCatalog: "arn:aws:glue:eu-west-1:123456789012:catalog",
    });
  });
});

describe("the bootstrap's identities", () => {
  it("names them under the bootstrap's own IAM path, per stack where a stack has its own", () => {
    const n = bootstrapNames("punkapi-consumer");
    expect([n.path, n.previewRole("prod"), n.previewEnvironment("prod"), n.stateBase]).to.deep.equal([
      "/punkapi-consumer-bootstrap/",
      "punkapi-consumer-preview-prod",
      "preview-prod",
      "punkapi-consumer-state",
    ]);
    expect([n.deployRole("prod"), n.boundaryPolicy("prod"), n.secretsKeyAlias("prod")]).to.deep.equal([
      "punkapi-consumer-deploy-prod",
      "punkapi-consumer-prod-boundary",
      "alias/punkapi-consumer-bootstrap/prod-secrets",
    ]);
  });

  it("gives their ARNs, the path included, in the partition and account given", () => {
    const a = bootstrapArns("punkapi-consumer", { partition: "aws-cn", accountId: ACCOUNT });
    const { deployRole, boundaryPolicy, previewRole, ...fixed } = a;
    expect(previewRole("test")).to.equal(
      "arn:aws-cn:iam::123456789012:role/punkapi-consumer-bootstrap/punkapi-consumer-preview-test",
    );
    expect(fixed).to.deep.equal({
      ownRoles: "arn:aws-cn:iam::123456789012:role/punkapi-consumer-bootstrap/*",
      ownPolicies: "arn:aws-cn:iam::123456789012:policy/punkapi-consumer-bootstrap/*",
      githubProvider: "arn:aws-cn:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
    });
    expect(deployRole("prod")).to.equal(
      "arn:aws-cn:iam::123456789012:role/punkapi-consumer-bootstrap/punkapi-consumer-deploy-prod",
    );
    expect(boundaryPolicy("prod")).to.equal(
      "arn:aws-cn:iam::123456789012:policy/punkapi-consumer-bootstrap/punkapi-consumer-prod-boundary",
    );
  });
});

describe("a stack's ARN patterns", () => {
  // Named in each test: names that throw fail those tests, not the loading of every test file.
  const names = () => stackNames("punkapi-consumer", "test");
  const kept = {
    "*": ["*"],
    stream: ["arn:aws:kinesis:eu-west-1:123456789012:stream/punkapi-consumer-test-*"],
    kinesisKey: ["arn:aws:kms:eu-west-1:123456789012:key/*"],
    deliveryStream: ["arn:aws:firehose:eu-west-1:123456789012:deliverystream/punkapi-consumer-test-*"],
    function: ["arn:aws:lambda:eu-west-1:123456789012:function:punkapi-consumer-test-*"],
    functionRole: ["arn:aws:iam::123456789012:role/punkapi-consumer-test-ingest"],
    firehoseRole: ["arn:aws:iam::123456789012:role/punkapi-consumer-test-firehose"],
    role: [
      "arn:aws:iam::123456789012:role/punkapi-consumer-test-ingest",
      "arn:aws:iam::123456789012:role/punkapi-consumer-test-firehose",
    ],
    queue: ["arn:aws:sqs:eu-west-1:123456789012:punkapi-consumer-test-*"],
    topic: ["arn:aws:sns:eu-west-1:123456789012:punkapi-consumer-test-*"],
    logGroup: [
      "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/punkapi-consumer-test-*",
      "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/kinesisfirehose/punkapi-consumer-test-*",
    ],
    logStream: [
      "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/punkapi-consumer-test-*:log-stream:*",
      "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/kinesisfirehose/punkapi-consumer-test-*:log-stream:*",
    ],
    alarm: ["arn:aws:cloudwatch:eu-west-1:123456789012:alarm:punkapi-consumer-test-*"],
    // Dashboards are global: no region in their ARN.
    dashboard: ["arn:aws:cloudwatch::123456789012:dashboard/punkapi-consumer-test-*"],
    rule: ["arn:aws:events:eu-west-1:123456789012:rule/punkapi-consumer-test-*"],
    glueCatalog: ["arn:aws:glue:eu-west-1:123456789012:catalog"],
    glueDatabase: ["arn:aws:glue:eu-west-1:123456789012:database/punkapi_consumer_test"],
    glueTable: ["arn:aws:glue:eu-west-1:123456789012:table/punkapi_consumer_test/*"],
    glueFunction: ["arn:aws:glue:eu-west-1:123456789012:userDefinedFunction/punkapi_consumer_test/*"],
    glueRuleset: [
      "arn:aws:glue:eu-west-1:123456789012:dataQualityRuleset/punkapi-consumer-test-curated-quality",
    ],
    workgroup: ["arn:aws:athena:eu-west-1:123456789012:workgroup/punkapi-consumer-test"],
    bucket: ["arn:aws:s3:::punkapi-consumer-test-*"],
  };

  it("scopes every kind to the stack's prefix or its exact resources, objects to the results bucket", () => {
    expect(stackPatterns(names(), ENV, { lakeForceDestroy: false })).to.deep.equal({
      ...kept,
      object: ["arn:aws:s3:::punkapi-consumer-test-lake-athena-123456789012/*"],
    });
  });

  it("adds the lake's objects where a destroy may empty the lake bucket", () => {
    expect(stackPatterns(names(), ENV, { lakeForceDestroy: true })).to.deep.equal({
      ...kept,
      object: [
        "arn:aws:s3:::punkapi-consumer-test-lake-athena-123456789012/*",
        "arn:aws:s3:::punkapi-consumer-test-lake-123456789012/*",
      ],
    });
  });
});
