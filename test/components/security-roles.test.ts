/**
 * SecurityRoles on its own: two roles, bounded, each with one inline policy naming exactly the resources it
 * is given (the whole stack's grants are checked statement by statement in test/program/iam.test.ts).
 */
import { expect } from "chai";
import { SecurityRoles } from "../../components/security/security-roles";
import { ofType, one, parentType, runComponent } from "../helpers/program";

const arn = (s: string) => ({ arn: s });
const roles = () =>
  runComponent(() => {
    const r = new SecurityRoles("roles", {
      namePrefix: "proj-stage",
      env: { partition: "aws-cn", region: "cn-north-1", accountId: "210987654321" },
      stream: arn("arn:stream"),
      bucket: arn("arn:bucket"),
      schema: { database: arn("arn:database"), table: arn("arn:table") },
      writablePrefixes: ["raw/", "errors/"],
      permissionsBoundary: "arn:boundary",
    });
    return { fn: r.functionRole.arn, fh: r.firehoseRole.arn };
  });

describe("SecurityRoles", function () {
  this.timeout(20_000);

  it("creates the two roles under the boundary, each with one policy on exactly what it is given or plans", async () => {
    const run = await roles();
    const fnRole = one(run, "aws:iam/role:Role", "-ingest");
    const fhRole = one(run, "aws:iam/role:Role", "-firehose");
    // Named from the prefix it is given.
    expect([fnRole.inputs.name, fhRole.inputs.name]).to.deep.equal([
      "proj-stage-ingest",
      "proj-stage-firehose",
    ]);
    for (const role of [fnRole, fhRole]) expect(role.inputs.permissionsBoundary).to.equal("arn:boundary");
    expect(JSON.parse(fnRole.inputs.assumeRolePolicy).Statement[0].Principal).to.deep.equal({
      Service: "lambda.amazonaws.com",
    });
    expect(JSON.parse(fhRole.inputs.assumeRolePolicy).Statement[0].Condition).to.deep.equal({
      StringEquals: { "sts:ExternalId": "210987654321" },
    });
    const resources = (suffix: string) =>
      (
        JSON.parse(one(run, "aws:iam/rolePolicy:RolePolicy", suffix).inputs.policy).Statement as {
          Resource: string[];
        }[]
      ).flatMap((s) => s.Resource);
    // The function's log group and failure queue, the delivery's log group and log streams, and the Glue
    // catalog are planned: named from the prefix, in the partition, region and account it is given.
    expect(resources("-ingest")).to.deep.equal([
      "arn:stream",
      "arn:aws-cn:logs:cn-north-1:210987654321:log-group:/aws/lambda/proj-stage-ingest:*",
      "arn:aws-cn:sqs:cn-north-1:210987654321:proj-stage-ingest-failures",
    ]);
    const fhLogs =
      "arn:aws-cn:logs:cn-north-1:210987654321:log-group:/aws/kinesisfirehose/proj-stage-delivery";
    expect(resources("-firehose")).to.deep.equal([
      "arn:stream",
      "arn:bucket",
      "arn:bucket/raw/*",
      "arn:bucket/errors/*",
      "arn:aws-cn:glue:cn-north-1:210987654321:catalog",
      "arn:database",
      "arn:table",
      `${fhLogs}:log-stream:S3Delivery`,
      `${fhLogs}:log-stream:S3DeliveryCurated`,
    ]);
    expect(one(run, "aws:iam/rolePolicy:RolePolicy", "-ingest").inputs.role).to.equal(fnRole.id);
    expect(ofType(run, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")).to.have.length(0);
  });

  it("holds its roles and policies as its children, says what each role is for, and registers both ARNs", async () => {
    const run = await roles();
    const component = one(run, "punkapi:security:SecurityRoles");
    const children = run.resources.filter((r) => r.parent === component.urn);
    expect(children.map((r) => `${r.type} ${r.name}`).sort()).to.deep.equal([
      "aws:iam/role:Role roles-firehose",
      "aws:iam/role:Role roles-ingest",
      "aws:iam/rolePolicy:RolePolicy roles-firehose",
      "aws:iam/rolePolicy:RolePolicy roles-ingest",
    ]);
    for (const child of children) expect(parentType(run, child)).to.equal("punkapi:security:SecurityRoles");
    const fnRole = one(run, "aws:iam/role:Role", "-ingest");
    const fhRole = one(run, "aws:iam/role:Role", "-firehose");
    expect(fnRole.inputs.description).to.match(/^The ingestion function: put beers into its stream/);
    expect(fhRole.inputs.description).to.match(/^The delivery stream: read the beer stream/);
    expect(component.registeredOutputs).to.deep.equal({
      functionRoleArn: fnRole.state.arn,
      firehoseRoleArn: fhRole.state.arn,
    });
    expect(run.outputs).to.deep.equal({ fn: fnRole.state.arn, fh: fhRole.state.arn });
  });
});
