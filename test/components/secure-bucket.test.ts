/**
 * secureBucket's two choices the lake's bucket does not make (the state backend does): SSE-KMS with the
 * key it is given, with S3 Bucket Keys, and a bucket policy of the caller's own, given the bucket's ARN.
 */
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { secureBucket } from "../../components/storage/secure-bucket";
import { one, parentType, runComponent } from "../helpers/program";

const KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

describe("secureBucket", function () {
  this.timeout(20_000);

  it("encrypts with the key it is given (S3 Bucket Keys on) and applies the caller's policy for the bucket's ARN", async () => {
    const run = await runComponent(() => {
      const holder = new pulumi.ComponentResource("test:storage:Holder", "holder");
      secureBucket(
        "kept",
        {
          bucketName: "the-state",
          forceDestroy: false,
          keep: true,
          lifecycleRules: [],
          kmsKeyArn: KEY,
          policy: (arn) => ({
            Version: "2012-10-17",
            Statement: [{ Sid: "Only", Effect: "Deny", Principal: "*", Action: ["s3:*"], Resource: [arn] }],
          }),
        },
        holder,
      );
      return {};
    });
    const bucket = one(run, "aws:s3/bucket:Bucket");
    expect([bucket.protect, bucket.retainOnDelete]).to.deep.equal([true, true]);
    const encryption = one(
      run,
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    );
    expect(encryption.inputs.rules).to.deep.equal([
      {
        applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY },
        bucketKeyEnabled: true,
      },
    ]);
    expect(JSON.parse(one(run, "aws:s3/bucketPolicy:BucketPolicy").inputs.policy)).to.deep.equal({
      Version: "2012-10-17",
      Statement: [
        { Sid: "Only", Effect: "Deny", Principal: "*", Action: ["s3:*"], Resource: [bucket.state.arn] },
      ],
    });
    for (const r of run.resources.filter((x) => x.type.startsWith("aws:s3/")))
      expect(parentType(run, r), r.type).to.equal("test:storage:Holder");
  });
});
