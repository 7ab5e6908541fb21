/**
 * What decide() hands the simulator, proven on small hand-written policies whose outcome AWS's documented
 * evaluation logic fixes: the request context AWS adds (TLS, the caller's role and account, none for a
 * service or a federated caller), the permissions boundary, the account an ARN without one belongs to,
 * and loud errors for an invalid policy.
 */
import { expect } from "chai";
import { policyDocument, Statement } from "../../iam/policy-document";
import { decide, roleArnOf } from "../../iam/simulate";

const ACCOUNT = "111122223333";
const ROLE = `arn:aws:iam::${ACCOUNT}:role/deployer`;
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/deployer/run-1`;
const STREAM = `arn:aws:kinesis:eu-west-1:${ACCOUNT}:stream/beers`;
const OBJECT = "arn:aws:s3:::lake/raw/beer.json";
const PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;

const allow = (statement: Omit<Statement, "Effect">): Statement => ({ Effect: "Allow", ...statement });

/** An identity policy allowing PutRecords on the stream only under `condition`. */
const putRecordsIf = (condition: Statement["Condition"]) =>
  policyDocument(allow({ Action: ["kinesis:PutRecords"], Resource: [STREAM], Condition: condition }));

const putRecords = (principal: string, condition: Statement["Condition"]) =>
  decide(
    { principal, action: "kinesis:PutRecords", resource: STREAM },
    { identity: [putRecordsIf(condition)] },
  );

describe("one request judged (iam/simulate)", () => {
  describe("the role behind a session", () => {
    it("is the role named in an assumed-role session ARN, in the session's partition and account", () => {
      expect(roleArnOf(SESSION)).to.equal(ROLE);
      expect(roleArnOf("arn:aws-cn:sts::444455556666:assumed-role/ingest/i-1")).to.equal(
        "arn:aws-cn:iam::444455556666:role/ingest",
      );
      // Every character STS allows in a session name.
      expect(
        roleArnOf(`arn:aws:sts::${ACCOUNT}:assumed-role/deployer/GitHub_Actions+run=7,try.2@main-x`),
      ).to.equal(ROLE);
    });

    it("is the ARN itself when it is not a session", () => {
      for (const arn of [
        ROLE,
        `arn:aws:sts::${ACCOUNT}:assumed-role/deployer/`,
        `arn:aws:sts::${ACCOUNT}:assumed-role/deployer/run 1`,
        `arn:aws:sts::${ACCOUNT}:assumed-role/deployer/run-1/x`,
        `arn:aws:sts::${ACCOUNT}:federated-user/deployer`,
        `arn:aws:sts::1111:assumed-role/deployer/run-1`,
        `x arn:aws:sts::${ACCOUNT}:assumed-role/deployer/run-1`,
      ])
        expect(roleArnOf(arn), arn).to.equal(arn);
    });
  });

  describe("the request context AWS adds", () => {
    it("says the request came over TLS", async () => {
      expect(await putRecords(SESSION, { Bool: { "aws:SecureTransport": "true" } })).to.equal("Allowed");
    });

    it("names the role behind the caller's session and its account", async () => {
      expect(await putRecords(SESSION, { ArnEquals: { "aws:PrincipalArn": ROLE } })).to.equal("Allowed");
      expect(await putRecords(SESSION, { StringEquals: { "aws:PrincipalAccount": ACCOUNT } })).to.equal(
        "Allowed",
      );
      expect(
        await putRecords(SESSION, {
          ArnEquals: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/other` },
        }),
      ).to.equal("ImplicitlyDenied");
    });

    it("adds the request's own keys, which win over the ones it derives", async () => {
      const request = {
        principal: SESSION,
        action: "kinesis:PutRecords",
        resource: STREAM,
        context: { "aws:PrincipalTag/team": "data", "aws:SecureTransport": "false" },
      };
      const tagged = putRecordsIf({
        StringEquals: { "aws:PrincipalTag/team": "data" },
        Bool: { "aws:SecureTransport": "false" },
      });
      expect(await decide(request, { identity: [tagged] })).to.equal("Allowed");
    });

    it("names no caller ARN or account for a service principal", async () => {
      const bucketPolicy = (condition: Statement["Condition"]) =>
        policyDocument(
          allow({
            Principal: { Service: "firehose.amazonaws.com" },
            Action: ["s3:PutObject"],
            Resource: ["arn:aws:s3:::lake/*"],
            Condition: condition,
          }),
        );
      const put = (condition: Statement["Condition"]) =>
        decide(
          { principal: "firehose.amazonaws.com", action: "s3:PutObject", resource: OBJECT },
          { identity: [], resource: bucketPolicy(condition) },
        );
      expect(await put({ Null: { "aws:PrincipalArn": "true" } })).to.equal("Allowed");
      expect(await put({ Null: { "aws:PrincipalAccount": "true" } })).to.equal("Allowed");
      expect(await put({ Bool: { "aws:SecureTransport": "true" } })).to.equal("Allowed");
    });

    it("names no caller ARN for a web-identity caller tagging its session", async () => {
      const trust = policyDocument(
        allow({
          Principal: { Federated: PROVIDER },
          Action: ["sts:TagSession"],
          Condition: { Null: { "aws:PrincipalArn": "true" } },
        }),
      );
      expect(
        await decide(
          { principal: PROVIDER, action: "sts:TagSession", resource: ROLE },
          { identity: [], resource: trust },
        ),
      ).to.equal("Allowed");
    });
  });

  describe("the policies that apply", () => {
    const readWrite = policyDocument(
      allow({ Action: ["s3:GetObject", "s3:PutObject"], Resource: ["arn:aws:s3:::lake/*"] }),
    );
    const readOnly = policyDocument(allow({ Action: ["s3:GetObject"], Resource: ["*"] }));
    const ask = (action: string, boundary?: typeof readOnly) =>
      decide({ principal: SESSION, action, resource: OBJECT }, { identity: [readWrite], boundary });

    it("allows only what the identity policies and the permissions boundary both allow", async () => {
      expect(await ask("s3:GetObject", readOnly)).to.equal("Allowed");
      expect(await ask("s3:PutObject", readOnly)).to.equal("ImplicitlyDenied");
      expect(await ask("s3:PutObject")).to.equal("Allowed");
    });

    it("counts every identity policy", async () => {
      const writeOnly = policyDocument(
        allow({ Action: ["s3:PutObject"], Resource: ["arn:aws:s3:::lake/*"] }),
      );
      const get = (identity: (typeof readOnly)[]) =>
        decide({ principal: SESSION, action: "s3:GetObject", resource: OBJECT }, { identity });
      expect(await get([writeOnly, readOnly])).to.equal("Allowed");
      expect(await get([writeOnly])).to.equal("ImplicitlyDenied");
    });

    it("takes an S3 ARN, which names no account, as the caller's account: the identity policy suffices", async () => {
      expect(await ask("s3:GetObject")).to.equal("Allowed");
    });

    it("reads the account from the ARN's own field, not from an ARN inside an S3 key", async () => {
      const identity = [
        policyDocument(allow({ Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::lake/*"] })),
      ];
      const key = "arn:aws:s3:::lake/copies/arn:aws:kinesis:eu-west-1:444455556666:stream/beers.json";
      expect(
        await decide({ principal: SESSION, action: "s3:GetObject", resource: key }, { identity }),
      ).to.equal("Allowed");
    });

    it("needs the resource policy too when the resource is in another account", async () => {
      const otherStream = "arn:aws:kinesis:eu-west-1:444455556666:stream/beers";
      const identity = [policyDocument(allow({ Action: ["kinesis:PutRecords"], Resource: [otherStream] }))];
      expect(
        await decide(
          { principal: SESSION, action: "kinesis:PutRecords", resource: otherStream },
          { identity },
        ),
      ).to.equal("ImplicitlyDenied");
    });

    it("lets a resource policy's deny win", async () => {
      const deny = policyDocument({
        Effect: "Deny",
        Principal: "*",
        Action: ["s3:GetObject"],
        Resource: ["arn:aws:s3:::lake/*"],
      });
      expect(
        await decide(
          { principal: SESSION, action: "s3:GetObject", resource: OBJECT },
          { identity: [readWrite], resource: deny },
        ),
      ).to.equal("ExplicitlyDenied");
    });

    it("refuses an invalid policy instead of denying, naming it", async () => {
      const invalid = {
        Version: "2012-10-17",
        Statement: [{ Effect: "Maybe", Action: ["s3:GetObject"], Resource: ["*"] }],
      } as never;
      const failure = (policies: Parameters<typeof decide>[1]) =>
        decide({ principal: SESSION, action: "s3:GetObject", resource: OBJECT }, policies).then(
          () => "allowed or denied",
          (e: Error) => e.message,
        );
      const why = JSON.stringify([
        { path: "Statement[0].Effect", message: 'Effect must be present and exactly "Allow" or "Deny"' },
      ]);
      expect(await failure({ identity: [readOnly, invalid] })).to.equal(
        `s3:GetObject on ${OBJECT}: {"identityPolicyErrors":{"identity-1":${why}},"message":"policy.errors"}`,
      );
      expect(await failure({ identity: [readOnly], boundary: invalid })).to.equal(
        `s3:GetObject on ${OBJECT}: {"permissionBoundaryErrors":{"boundary":${why}},"message":"policy.errors"}`,
      );
    });

    it('refuses a Resource that is neither "*" nor an ARN, which IAM refuses and the simulator would match to anything', async () => {
      const denyAll = (resource: string) =>
        policyDocument({ Effect: "Deny", Action: ["s3:GetObject"], Resource: [resource] });
      const failure = (policies: Parameters<typeof decide>[1]) =>
        decide({ principal: SESSION, action: "s3:GetObject", resource: OBJECT }, policies).then(
          (decision) => decision,
          (e: Error) => e.message,
        );
      expect(await failure({ identity: [readOnly, denyAll("")] })).to.equal(
        'policy identity-1, Statement[0]: Resource "" is neither "*" nor an ARN (IAM refuses the policy)',
      );
      expect(await failure({ identity: [readOnly], boundary: denyAll("bucket/key") })).to.equal(
        'policy boundary, Statement[0]: Resource "bucket/key" is neither "*" nor an ARN (IAM refuses the policy)',
      );
      expect(await failure({ identity: [readOnly], resource: denyAll("") })).to.match(/^policy resource, /);
      const asString = (key: string, resource: string) =>
        ({
          Version: "2012-10-17",
          Statement: [{ Effect: "Deny", Action: ["s3:GetObject"], [key]: resource }],
        }) as never;
      expect(await failure({ identity: [readOnly, asString("Resource", OBJECT)] })).to.equal(
        "ExplicitlyDenied",
      );
      expect(await failure({ identity: [readOnly, asString("NotResource", "")] })).to.match(
        /^policy identity-1, Statement\[0\]: Resource "" /,
      );
      expect(await failure({ identity: [readOnly, asString("Resource", 42 as never)] })).to.match(
        /^policy identity-1, Statement\[0\]: Resource 42 /,
      );
      expect(await failure({ identity: [readOnly, denyAll("*")] })).to.equal("ExplicitlyDenied");
      expect(await failure({ identity: [readOnly, denyAll(`${OBJECT}x`)] })).to.equal("Allowed");
    });
  });

  describe("web-identity role assumption", () => {
    const assume = (trust: unknown, context?: Record<string, string>) =>
      decide(
        { principal: PROVIDER, action: "sts:AssumeRoleWithWebIdentity", resource: ROLE, context },
        { identity: [], resource: trust as never },
      );
    const trustFor = (condition?: Statement["Condition"]) =>
      policyDocument(
        allow({
          Principal: { Federated: PROVIDER },
          Action: ["sts:AssumeRoleWithWebIdentity"],
          ...(condition ? { Condition: condition } : {}),
        }),
      );
    const sub = "token.actions.githubusercontent.com:sub";

    it("judges the token's claims, which the reference does not list for the action", async () => {
      const trust = trustFor({ StringEquals: { [sub]: "repo:org/app:environment:prod" } });
      expect(await assume(trust, { [sub]: "repo:org/app:environment:prod" })).to.equal("Allowed");
      expect(await assume(trust, { [sub]: "repo:org/app:pull_request" })).to.equal("ImplicitlyDenied");
      expect(await assume(trust)).to.equal("ImplicitlyDenied");
    });

    it("allows a trust policy without conditions for a request without claims", async () => {
      expect(await assume(trustFor())).to.equal("Allowed");
    });

    it("adds no context of its own: the claims are all there is", async () => {
      const trust = trustFor({ Null: { "aws:SecureTransport": "true", "aws:PrincipalArn": "true" } });
      expect(await assume(trust, { [sub]: "repo:org/app:pull_request" })).to.equal("Allowed");
    });

    it("denies a provider of another account", async () => {
      const other = "arn:aws:iam::444455556666:oidc-provider/token.actions.githubusercontent.com";
      expect(
        await decide(
          { principal: other, action: "sts:AssumeRoleWithWebIdentity", resource: ROLE },
          { identity: [], resource: trustFor() },
        ),
      ).to.equal("ImplicitlyDenied");
    });

    it("refuses an invalid trust policy instead of denying", async () => {
      const invalid = policyDocument(
        allow({
          Principal: { Federated: PROVIDER },
          Action: ["sts:AssumeRoleWithWebIdentity"],
          Resource: ["*"],
        }),
      );
      const error = await assume(invalid).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error?.message).to.equal(
        'invalid trust policy: [{"path":"Statement[0].#Resource","message":"Resource is not allowed in a trust policy"}]',
      );
    });
  });
});
