/**
 * LocalIam on its own, over declarations written here by hand (not the program's): each role's own
 * credentials, the policies AWS would evaluate for it (its inline policies, the stack's boundary, the
 * bucket's policy), AWS's denial message, and the refusals that keep a local judgement from being a guess.
 */
import { expect } from "chai";
import { LocalIam } from "../../local/stand-ins/iam/local-iam";
import type { DeclaredResource } from "../../local/harness/run-program";

const ENV = { partition: "aws", region: "eu-west-1", accountId: "111122223333" };
const TEST_STREAM = "arn:aws:kinesis:eu-west-1:111122223333:stream/punkapi-consumer-test-beers";
const PROD_STREAM = "arn:aws:kinesis:eu-west-1:111122223333:stream/punkapi-consumer-prod-beers";
const BUCKET = "punkapi-consumer-test-lake-111122223333";
// bootstrap/ names the stack's boundary /<project>-bootstrap/<project>-<stack>-boundary.
const BOUNDARY = "arn:aws:iam::111122223333:policy/punkapi-consumer-bootstrap/punkapi-consumer-test-boundary";

function declared(type: string, name: string, inputs: Record<string, unknown>, state = {}): DeclaredResource {
  return {
    urn: `urn:pulumi:test::punkapi-consumer::${type}::${name}`,
    type,
    name,
    parent: undefined,
    custom: true,
    protect: false,
    retainOnDelete: false,
    dependsOn: [],
    inputs,
    id: name,
    state,
  };
}

const role = (name: string, inputs: Record<string, unknown> = {}) =>
  declared("aws:iam/role:Role", name, inputs, {
    arn: `arn:aws:iam::111122223333:role/${name}`,
    name,
  });

const allow = (actions: string[], resources: string[]) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Sid: "Granted", Effect: "Allow", Action: actions, Resource: resources }],
  });

const RESOURCES = [
  role("writer", { permissionsBoundary: BOUNDARY }),
  role("nobody"),
  role("unbounded"),
  declared("aws:iam/rolePolicy:RolePolicy", "writer-stream", {
    role: "writer",
    policy: allow(["kinesis:PutRecords"], [TEST_STREAM, PROD_STREAM]),
  }),
  declared("aws:iam/rolePolicy:RolePolicy", "writer-lake", {
    role: "writer",
    policy: allow(["s3:PutObject", "s3:DeleteObject"], [`arn:aws:s3:::${BUCKET}/*`]),
  }),
  declared("aws:iam/rolePolicy:RolePolicy", "unbounded-stream", {
    role: "unbounded",
    policy: allow(["kinesis:PutRecords"], [PROD_STREAM]),
  }),
  declared("aws:s3/bucketPolicy:BucketPolicy", "lake-policy", {
    bucket: BUCKET,
    policy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "NoDeletes",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:DeleteObject",
          Resource: `arn:aws:s3:::${BUCKET}/*`,
        },
        {
          Sid: "TlsOnly",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`],
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      ],
    }),
  }),
];

const arn = (name: string) => `arn:aws:iam::111122223333:role/${name}`;

describe("local IAM: roles, credentials and decisions", function () {
  this.timeout(20_000);
  const iam = new LocalIam(RESOURCES, ENV, "punkapi-consumer", "test");

  it("gives each declared role its own access key, and traces a key back to its role", () => {
    const keys = ["writer", "nobody", "unbounded"].map((r) => iam.credentialsFor(arn(r)));
    expect(keys.map((k) => k.accessKeyId)).to.deep.equal([
      "ASIALOCALROLE0000",
      "ASIALOCALROLE0001",
      "ASIALOCALROLE0002",
    ]);
    expect(keys[0]).to.deep.include({
      secretAccessKey: "local-secret-of-writer",
      sessionToken: "local-session-of-writer",
    });
    expect(iam.roleOfKey("ASIALOCALROLE0001")).to.equal(arn("nobody"));
    expect(iam.roleOfKey("ASIALOCALROLE0009")).to.equal(undefined);
    expect(iam.roleOfKey(undefined)).to.equal(undefined);
    expect(() => iam.credentialsFor(arn("ghost"))).to.throw(`no declared role ${arn("ghost")}`);
  });

  it("names a role's session as AWS does in a denial", () => {
    expect(iam.sessionOf(arn("writer"))).to.equal("arn:aws:sts::111122223333:assumed-role/writer/writer");
  });

  it("allows what the role's inline policies grant within the stack's boundary, and counts each request", async () => {
    const before = iam.requests;
    expect(await iam.authorize(arn("writer"), "kinesis:PutRecords", TEST_STREAM)).to.equal(undefined);
    expect(await iam.authorize(arn("writer"), "s3:PutObject", `arn:aws:s3:::${BUCKET}/raw/a.gz`)).to.equal(
      undefined,
    );
    expect(iam.requests - before).to.equal(2);
  });

  it("denies another stack's stream to a bounded role although its policy grants it (the boundary)", async () => {
    const message = await iam.authorize(arn("writer"), "kinesis:PutRecords", PROD_STREAM);
    expect(message).to.match(
      /^User: arn:aws:sts::111122223333:assumed-role\/writer\/writer is not authorized to perform: kinesis:PutRecords on resource: arn:aws:kinesis:eu-west-1:111122223333:stream\/punkapi-consumer-prod-beers /,
    );
    // The same grant without a boundary is allowed: the boundary made the difference.
    expect(await iam.authorize(arn("unbounded"), "kinesis:PutRecords", PROD_STREAM)).to.equal(undefined);
  });

  it("says why AWS denies: no policy at all, no identity policy allowing it, or an explicit deny", async () => {
    expect(await iam.authorize(arn("nobody"), "kinesis:PutRecords", TEST_STREAM)).to.equal(
      `User: arn:aws:sts::111122223333:assumed-role/nobody/nobody is not authorized to perform: kinesis:PutRecords on resource: ${TEST_STREAM} because no policy allows the kinesis:PutRecords action`,
    );
    expect(await iam.authorize(arn("unbounded"), "kinesis:DescribeStream", PROD_STREAM)).to.equal(
      `User: arn:aws:sts::111122223333:assumed-role/unbounded/unbounded is not authorized to perform: kinesis:DescribeStream on resource: ${PROD_STREAM} because no identity-based policy allows the kinesis:DescribeStream action`,
    );
    // The bucket's policy denies deletes to everyone, the role's grant notwithstanding.
    expect(await iam.authorize(arn("writer"), "s3:DeleteObject", `arn:aws:s3:::${BUCKET}/raw/a.gz`)).to.equal(
      `User: arn:aws:sts::111122223333:assumed-role/writer/writer is not authorized to perform: s3:DeleteObject on resource: arn:aws:s3:::${BUCKET}/raw/a.gz with an explicit deny`,
    );
  });

  it("keeps every denial for the summary, once per request, the same request judged alike each time", async () => {
    const fresh = new LocalIam(RESOURCES, ENV, "punkapi-consumer", "test");
    const first = await fresh.authorize(arn("nobody"), "kinesis:PutRecords", TEST_STREAM);
    const again = await fresh.authorize(arn("nobody"), "kinesis:PutRecords", TEST_STREAM);
    await fresh.authorize(arn("writer"), "kinesis:PutRecords", TEST_STREAM);
    expect(again).to.equal(first);
    expect(fresh.requests).to.equal(3);
    expect(fresh.denials).to.deep.equal([
      { role: arn("nobody"), action: "kinesis:PutRecords", resource: TEST_STREAM, message: first },
      { role: arn("nobody"), action: "kinesis:PutRecords", resource: TEST_STREAM, message: first },
    ]);
  });

  it("counts local endpoints as TLS: the bucket's TLS-only deny does not fire", async () => {
    expect(await iam.authorize(arn("writer"), "s3:PutObject", `arn:aws:s3:::${BUCKET}/curated/b`)).to.equal(
      undefined,
    );
  });

  it("answers an undeclared role as AWS answers an unknown token", async () => {
    expect(await iam.authorize(arn("ghost"), "kinesis:PutRecords", TEST_STREAM)).to.equal(
      `The security token included in the request is invalid (no declared role ${arn("ghost")})`,
    );
  });

  it("refuses a role bounded by anything but the stack's boundary, naming both", () => {
    const other =
      "arn:aws:iam::111122223333:policy/punkapi-consumer-bootstrap/punkapi-consumer-prod-boundary";
    expect(
      () => new LocalIam([role("r", { permissionsBoundary: other })], ENV, "punkapi-consumer", "test"),
    ).to.throw(`a role's permissions boundary ${other} is not the stack's (${BOUNDARY})`);
  });

  it("judges only custom roles, each with the inline policies attached to its name", async () => {
    const component = { ...role("shadow"), custom: false };
    const local = new LocalIam(
      [component, ...RESOURCES.filter((r) => r.name !== "unbounded-stream")],
      ENV,
      "punkapi-consumer",
      "test",
    );
    expect(() => local.credentialsFor(arn("shadow"))).to.throw(/no declared role/);
    // Without its own policy, "unbounded" may not use the grant written for "writer".
    expect(await local.authorize(arn("unbounded"), "kinesis:PutRecords", PROD_STREAM)).to.match(
      /because no policy allows/,
    );
  });
});
