/** LakeStorage on its own: a hardened bucket, kept or emptied as the stack says, its lifecycle following the zones. */
import { expect } from "chai";
import { LakeStorage } from "../../components/storage/lake-storage";
import { lakeModel } from "../../model/lake";
import { one, parentType, runComponent } from "../helpers/program";

const lake = (rawPrefix = "raw/beers/dt=!{timestamp:yyyy-MM-dd}/") =>
  lakeModel({
    project: "punkapi-consumer",
    rawPrefix,
    curatedPrefix: "curated/!{timestamp:yyyy/MM/dd}/",
    errorPrefix: "errors/!{firehose:error-output-type}/",
  });
const retention = {
  rawExpirationDays: 0,
  rawTransitionDays: 0,
  rawTransitionStorageClass: "STANDARD_IA" as const,
  noncurrentVersionExpirationDays: 30,
};
const storage = (args: Partial<ConstructorParameters<typeof LakeStorage>[1]> = {}) =>
  runComponent(() => {
    const s = new LakeStorage("store", {
      bucketName: "the-lake",
      lake: lake(),
      retention,
      protect: false,
      forceDestroy: false,
      ...args,
    });
    return { bucket: s.bucket.id };
  });

describe("LakeStorage", function () {
  this.timeout(20_000);

  it("hardens the bucket: public access blocked, owner enforced, encrypted, versioned, TLS only", async () => {
    const run = await storage();
    const bucket = one(run, "aws:s3/bucket:Bucket");
    expect(bucket.inputs).to.deep.equal({ bucket: "the-lake", forceDestroy: false });
    const of = (type: string) => one(run, type).inputs;
    expect(of("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")).to.deep.equal({
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
    expect(JSON.parse(of("aws:s3/bucketPolicy:BucketPolicy").policy).Statement).to.deep.equal([
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: ["s3:*"],
        Resource: [bucket.state.arn, `${bucket.state.arn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ]);
    // The public-access block before the policy: a policy applied first would be briefly unguarded.
    expect(one(run, "aws:s3/bucketPolicy:BucketPolicy").dependsOn).to.include(
      one(run, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").urn,
    );
    expect([bucket.protect, bucket.retainOnDelete]).to.deep.equal([false, false]);
    // Nothing to expire or move: the zones have no rule, only the whole bucket's housekeeping.
    expect(
      of("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").rules.map(
        (r: { id: string }) => r.id,
      ),
    ).to.deep.equal(["whole-bucket"]);
  });

  it("holds the bucket and its six settings as its children, and registers the bucket's name and ARN", async () => {
    const run = await storage();
    const component = one(run, "punkapi:storage:LakeStorage");
    const children = run.resources.filter((r) => r.parent === component.urn);
    expect(children.map((r) => r.type).sort()).to.deep.equal([
      "aws:s3/bucket:Bucket",
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
      "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
      "aws:s3/bucketPolicy:BucketPolicy",
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      "aws:s3/bucketVersioning:BucketVersioning",
    ]);
    for (const child of children) expect(parentType(run, child)).to.equal("punkapi:storage:LakeStorage");
    const bucket = one(run, "aws:s3/bucket:Bucket");
    expect(component.registeredOutputs).to.deep.equal({ bucketName: bucket.id, bucketArn: bucket.state.arn });
  });

  it("protects and retains the bucket of a protected stack; a throwaway stack's may be emptied", async () => {
    const kept = one(await storage({ protect: true }), "aws:s3/bucket:Bucket");
    expect([kept.protect, kept.retainOnDelete]).to.deep.equal([true, true]);
    expect(one(await storage({ forceDestroy: true }), "aws:s3/bucket:Bucket").inputs.forceDestroy).to.equal(
      true,
    );
  });

  it("expires or moves each zone by its literal start, and cleans old versions and uploads everywhere", async () => {
    const rules = (
      await storage({
        lake: lake("landing/year=!{timestamp:yyyy}/"),
        retention: { ...retention, rawExpirationDays: 7 },
      })
    ).resources.find((r) => r.type === "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration")!
      .inputs.rules;
    expect(rules).to.deep.equal([
      { id: "raw", status: "Enabled", filter: { prefix: "landing/year=" }, expiration: { days: 7 } },
      { id: "curated", status: "Enabled", filter: { prefix: "curated/" }, expiration: { days: 7 } },
      {
        id: "whole-bucket",
        status: "Enabled",
        filter: { prefix: "" },
        noncurrentVersionExpiration: { noncurrentDays: 30 },
        abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
      },
    ]);
    const moved = one(
      await storage({ retention: { ...retention, rawTransitionDays: 30 } }),
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    ).inputs.rules;
    expect(moved[0]).to.deep.equal({
      id: "raw",
      status: "Enabled",
      filter: { prefix: "raw/beers/dt=" },
      transitions: [{ days: 30, storageClass: "STANDARD_IA" }],
    });
  });
});
