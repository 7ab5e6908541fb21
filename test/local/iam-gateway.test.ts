/**
 * The IAM gateways in front of the local Kinesis and S3, against a recording upstream: who signed a
 * request (its access key), AWS's answers to an unknown key and to a denial (Kinesis: 400 JSON; S3: 403
 * XML), an allowed request forwarded untouched both ways, and GetRecords judged on the stream its iterator
 * was issued for.
 */
import { expect } from "chai";
import http from "http";
import type { AddressInfo } from "net";
import { Gateway, startKinesisGateway, startS3Gateway } from "../../local/stand-ins/iam/gateway";
import { LocalIam } from "../../local/stand-ins/iam/local-iam";
import type { DeclaredResource } from "../../local/harness/run-program";

const ENV = { partition: "aws", region: "eu-west-1", accountId: "111122223333" };
const STREAM = "punkapi-consumer-test-beers";
const BUCKET = "punkapi-consumer-test-lake-111122223333";

const resource = (type: string, name: string, inputs: Record<string, unknown>, state = {}) =>
  ({
    urn: name,
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
  }) as DeclaredResource;
const grant = (role: string, actions: string[], resources: string[]) =>
  resource("aws:iam/rolePolicy:RolePolicy", `${role}-policy`, {
    role,
    policy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Sid: "Granted", Effect: "Allow", Action: actions, Resource: resources }],
    }),
  });

const RESOURCES = [
  resource(
    "aws:iam/role:Role",
    "reader",
    {},
    { arn: "arn:aws:iam::111122223333:role/reader", name: "reader" },
  ),
  grant(
    "reader",
    ["kinesis:GetShardIterator", "kinesis:GetRecords", "s3:GetObject"],
    [`arn:aws:kinesis:eu-west-1:111122223333:stream/${STREAM}`, `arn:aws:s3:::${BUCKET}/*`],
  ),
];
const KEY = "ASIALOCALROLE0000";
const signed = (key: string) =>
  `AWS4-HMAC-SHA256 Credential=${key}/20261205/eu-west-1/s/aws4_request, Signature=x`;

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** An upstream that records each request and answers with what `answer` says. */
async function upstream(
  answer: (seen: Seen) => { status: number; headers?: Record<string, string>; body: string },
) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      const s = { method: req.method!, url: req.url!, headers: req.headers, body };
      seen.push(s);
      const a = answer(s);
      res.writeHead(a.status, a.headers);
      res.end(a.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

async function send(
  endpoint: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body = "",
) {
  const res = await fetch(`${endpoint}${path}`, { method, headers, body: body || undefined });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

describe("local IAM: the gateways", function () {
  this.timeout(20_000);
  const closers: (() => Promise<void>)[] = [];
  after(async () => {
    for (const c of closers.reverse()) await c();
  });

  async function kinesis() {
    const up = await upstream((s) => {
      const target = String(s.headers["x-amz-target"]);
      if (target.endsWith(".GetShardIterator"))
        return { status: 200, body: JSON.stringify({ ShardIterator: "it-1" }) };
      if (target.endsWith(".GetRecords"))
        return {
          status: 200,
          body: JSON.stringify({
            Records: [],
            NextShardIterator: `${JSON.parse(s.body).ShardIterator}-next`,
          }),
        };
      return { status: 200, body: "{}" };
    });
    const iam = new LocalIam(RESOURCES, ENV, "punkapi-consumer", "test");
    const gw: Gateway = await startKinesisGateway(up.url, iam, ENV);
    closers.push(up.close, gw.close);
    const call = (target: string, body: object, key = KEY) =>
      send(
        gw.endpoint,
        "POST",
        "/",
        { authorization: signed(key), "x-amz-target": `Kinesis_20131202.${target}` },
        JSON.stringify(body),
      );
    return { up, iam, call };
  }

  it("Kinesis: an unknown key is UnrecognizedClientException, a denial AccessDeniedException, both 400 JSON", async () => {
    const { up, call } = await kinesis();
    const unknown = await call("PutRecords", { StreamName: STREAM }, "AKIASOMEONEELSE");
    expect(unknown.status).to.equal(400);
    expect(unknown.headers.get("x-amzn-errortype")).to.equal("UnrecognizedClientException");
    expect(JSON.parse(unknown.text)).to.deep.equal({
      __type: "UnrecognizedClientException",
      message: "The security token included in the request is invalid.",
    });
    const denied = await call("PutRecords", { StreamName: STREAM });
    expect(denied.status).to.equal(400);
    expect(denied.headers.get("content-type")).to.equal("application/x-amz-json-1.1");
    const body = JSON.parse(denied.text) as Record<string, string>;
    expect(body["__type"]).to.equal("AccessDeniedException");
    expect(body.message).to.contain(
      `is not authorized to perform: kinesis:PutRecords on resource: arn:aws:kinesis:eu-west-1:111122223333:stream/${STREAM}`,
    );
    // Neither reached the service.
    expect(up.seen).to.have.length(0);
  });

  it("Kinesis: judges GetRecords on the stream its iterator (and the next one) was issued for", async () => {
    const { up, iam, call } = await kinesis();
    const it1 = await call("GetShardIterator", { StreamName: STREAM, ShardId: "shardId-000000000000" });
    expect(it1.status).to.equal(200);
    const page = await call("GetRecords", { ShardIterator: "it-1" });
    expect(page.status).to.equal(200);
    expect(JSON.parse(page.text)).to.deep.equal({ Records: [], NextShardIterator: "it-1-next" });
    expect((await call("GetRecords", { ShardIterator: "it-1-next" })).status).to.equal(200);
    expect(up.seen.map((s) => s.headers["x-amz-target"])).to.deep.equal([
      "Kinesis_20131202.GetShardIterator",
      "Kinesis_20131202.GetRecords",
      "Kinesis_20131202.GetRecords",
    ]);
    expect(iam.denials).to.deep.equal([]);
    // An iterator it never issued names no stream: denied, not forwarded.
    const stray = await call("GetRecords", { ShardIterator: "forged" });
    expect(JSON.parse(stray.text)).to.deep.equal({
      __type: "AccessDeniedException",
      message: "not authorized: kinesis:GetRecords names no stream",
    });
    expect(up.seen).to.have.length(3);
  });

  it("S3: forwards an allowed request untouched and returns the service's answer as it is", async () => {
    const up = await upstream(() => ({
      status: 206,
      headers: { "x-amz-request-id": "R1", etag: '"e"' },
      body: "bytes",
    }));
    const gw = await startS3Gateway(up.url, new LocalIam(RESOURCES, ENV, "punkapi-consumer", "test"), ENV);
    closers.push(up.close, gw.close);
    const res = await send(gw.endpoint, "GET", `/${BUCKET}/raw/a.gz?x-id=GetObject`, {
      authorization: signed(KEY),
      range: "bytes=0-4",
    });
    expect(res).to.deep.include({ status: 206, text: "bytes" });
    expect(res.headers.get("x-amz-request-id")).to.equal("R1");
    expect(up.seen).to.have.length(1);
    expect(up.seen[0]).to.deep.include({
      method: "GET",
      url: `/${BUCKET}/raw/a.gz?x-id=GetObject`,
      body: "",
    });
    expect(up.seen[0].headers).to.deep.include({ authorization: signed(KEY), range: "bytes=0-4" });
  });

  it("S3: an unknown key is InvalidToken, a denial AccessDenied, both 403 XML with the message escaped", async () => {
    const up = await upstream(() => ({ status: 200, body: "" }));
    const gw = await startS3Gateway(up.url, new LocalIam(RESOURCES, ENV, "punkapi-consumer", "test"), ENV);
    closers.push(up.close, gw.close);
    const unknown = await send(gw.endpoint, "GET", `/${BUCKET}/k`, { authorization: signed("NOPE") });
    expect(unknown.status).to.equal(403);
    expect(unknown.text).to.equal(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>InvalidToken</Code><Message>The security token included in the request is invalid.</Message></Error>',
    );
    const denied = await send(gw.endpoint, "PUT", `/${BUCKET}/a&b<c>`, { authorization: signed(KEY) }, "x");
    expect(denied.status).to.equal(403);
    expect(denied.headers.get("content-type")).to.equal("application/xml");
    expect(denied.text).to.match(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>AccessDenied<\/Code><Message>User: /,
    );
    expect(denied.text).to.contain(
      `s3:PutObject on resource: arn:aws:s3:::${BUCKET}/a&amp;b&lt;c&gt; because`,
    );
    // A request the gateway cannot map is denied naming it.
    const unmapped = await send(gw.endpoint, "GET", `/${BUCKET}?policy`, { authorization: signed(KEY) });
    expect(unmapped.text).to.contain(
      `<Message>not authorized: S3 GET /${BUCKET}?policy: not a request the local run maps to an action</Message>`,
    );
    expect(up.seen).to.have.length(0);
  });

  it("answers 502 naming the error when the service behind it is gone", async () => {
    const up = await upstream(() => ({ status: 200, body: "" }));
    await up.close();
    const gw = await startS3Gateway(up.url, new LocalIam(RESOURCES, ENV, "punkapi-consumer", "test"), ENV);
    closers.push(gw.close);
    const res = await send(gw.endpoint, "GET", `/${BUCKET}/k`, { authorization: signed(KEY) });
    expect(res.status).to.equal(502);
    expect(res.text).to.match(/^Error: connect ECONNREFUSED 127\.0\.0\.1:\d+$/);
  });
});
