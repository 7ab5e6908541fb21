/**
 * Which IAM action and resource an API request needs, as AWS's Service Authorization Reference lists them
 * for the requests the local run makes: Kinesis's JSON protocol (operation in X-Amz-Target), S3's REST API
 * path-style. Expected values are written out from the reference, not computed.
 */
import { expect } from "chai";
import { accessKeyOf, kinesisAuthorization, s3Authorization } from "../../local/stand-ins/iam/requests";

const ENV = { partition: "aws", region: "eu-west-1", accountId: "111122223333" };
const STREAM_ARN = "arn:aws:kinesis:eu-west-1:111122223333:stream/beers";

describe("local IAM: the action and resource of a request", () => {
  it("reads the access key id of a SigV4 Authorization header, or none when unsigned", () => {
    expect(
      accessKeyOf(
        "AWS4-HMAC-SHA256 Credential=ASIALOCALROLE0001/20261205/eu-west-1/kinesis/aws4_request, SignedHeaders=host, Signature=ab",
      ),
    ).to.equal("ASIALOCALROLE0001");
    expect(accessKeyOf(undefined)).to.equal(undefined);
    expect(accessKeyOf("Bearer token")).to.equal(undefined);
    // The key ends at the first slash of the credential scope.
    expect(accessKeyOf("Credential=KEY/x/y")).to.equal("KEY");
    expect(accessKeyOf("Credential=/x/y")).to.equal(undefined);
  });

  describe("Kinesis", () => {
    it("names the operation of X-Amz-Target on the stream the body names, by name or ARN", () => {
      expect(kinesisAuthorization("Kinesis_20131202.PutRecords", { StreamName: "beers" }, ENV)).to.deep.equal(
        {
          action: "kinesis:PutRecords",
          resource: STREAM_ARN,
        },
      );
      expect(
        kinesisAuthorization("Kinesis_20131202.DescribeStream", { StreamARN: STREAM_ARN }, ENV),
      ).to.deep.equal({ action: "kinesis:DescribeStream", resource: STREAM_ARN });
      // An ARN wins over a name (the SDK sends one or the other; AWS authorises the ARN).
      expect(
        kinesisAuthorization(
          "Kinesis_20131202.ListShards",
          { StreamName: "other", StreamARN: "arn:aws:kinesis:us-east-1:999999999999:stream/x" },
          ENV,
        ).resource,
      ).to.equal("arn:aws:kinesis:us-east-1:999999999999:stream/x");
    });

    it("takes a GetRecords's stream from the iterator it was issued for, and the body's name before it", () => {
      expect(kinesisAuthorization("Kinesis_20131202.GetRecords", {}, ENV, "beers")).to.deep.equal({
        action: "kinesis:GetRecords",
        resource: STREAM_ARN,
      });
      expect(
        kinesisAuthorization("Kinesis_20131202.GetRecords", { StreamName: "named" }, ENV, "beers").resource,
      ).to.equal("arn:aws:kinesis:eu-west-1:111122223333:stream/named");
    });

    it("refuses what is not a Kinesis request, and a request that names no stream", () => {
      expect(() => kinesisAuthorization(undefined, {}, ENV)).to.throw(
        'not a Kinesis request (X-Amz-Target "")',
      );
      expect(() => kinesisAuthorization("DynamoDB_20120810.PutItem", {}, ENV)).to.throw(
        'not a Kinesis request (X-Amz-Target "DynamoDB_20120810.PutItem")',
      );
      expect(() => kinesisAuthorization("Kinesis_20131202.PutRecords.Extra", {}, ENV)).to.throw(
        /not a Kinesis/,
      );
      expect(() => kinesisAuthorization("xKinesis_20131202.PutRecords", {}, ENV)).to.throw(/not a Kinesis/);
      expect(() => kinesisAuthorization("Kinesis_.PutRecords", {}, ENV)).to.throw(/not a Kinesis/);
      expect(() => kinesisAuthorization("Kinesis_20131202.PutRecords", {}, ENV)).to.throw(
        "kinesis:PutRecords names no stream",
      );
    });
  });

  describe("S3, path-style", () => {
    const bucket = "arn:aws:s3:::lake";
    const cases: [string, string, string, string][] = [
      ["GET", "/lake/raw/a.gz", "s3:GetObject", `${bucket}/raw/a.gz`],
      ["HEAD", "/lake/raw/a.gz", "s3:GetObject", `${bucket}/raw/a.gz`],
      ["PUT", "/lake/raw/a.gz", "s3:PutObject", `${bucket}/raw/a.gz`],
      ["POST", "/lake/raw/a.gz?uploads", "s3:PutObject", `${bucket}/raw/a.gz`],
      ["DELETE", "/lake/raw/a.gz", "s3:DeleteObject", `${bucket}/raw/a.gz`],
      ["DELETE", "/lake/raw/a.gz?uploadId=7", "s3:AbortMultipartUpload", `${bucket}/raw/a.gz`],
      ["PUT", "/lake", "s3:CreateBucket", bucket],
      ["GET", "/lake?location", "s3:GetBucketLocation", bucket],
      ["GET", "/lake?uploads", "s3:ListBucketMultipartUploads", bucket],
      ["GET", "/lake?versions", "s3:ListBucketVersions", bucket],
      ["GET", "/lake?list-type=2&prefix=raw%2F&delimiter=%2F&max-keys=10", "s3:ListBucket", bucket],
      ["GET", "/lake?continuation-token=x&start-after=a&encoding-type=url&marker=m", "s3:ListBucket", bucket],
      ["GET", "/lake", "s3:ListBucket", bucket],
      ["HEAD", "/lake", "s3:ListBucket", bucket],
      ["GET", "/lake/", "s3:ListBucket", bucket],
      // Keys are authorised decoded, with every slash of the path.
      ["GET", "/lake/dt%3D2026-12-05/a%20b", "s3:GetObject", `${bucket}/dt=2026-12-05/a b`],
    ];
    for (const [method, url, action, resource] of cases)
      it(`${method} ${url} needs ${action} on ${resource.replace(bucket, "the bucket")}`, () => {
        expect(s3Authorization(method, url, "aws")).to.deep.equal({ action, resource });
      });

    it("writes the partition into the ARN, and refuses a copy (two authorisations) by name", () => {
      expect(s3Authorization("GET", "/lake/k", "aws-cn").resource).to.equal("arn:aws-cn:s3:::lake/k");
      expect(() => s3Authorization("PUT", "/lake/k", "aws", "/src/k")).to.throw(
        "S3 copy from /src/k to arn:aws:s3:::lake/k: not made by the local run",
      );
    });

    it("names every request it does not map, instead of guessing an action", () => {
      expect(() => s3Authorization("GET", "/", "aws")).to.throw(
        "an S3 request with no bucket (ListBuckets) is not made locally",
      );
      for (const [method, url] of [
        ["GET", "/lake?policy"],
        ["PUT", "/lake?versioning"],
        ["DELETE", "/lake"],
        ["POST", "/lake?delete"],
        ["PATCH", "/lake/k"],
        ["GET", "/lake?list-type=2&acl"],
      ])
        expect(() => s3Authorization(method, url, "aws"), `${method} ${url}`).to.throw(
          `S3 ${method} ${url}: not a request the local run maps to an action`,
        );
    });
  });
});
