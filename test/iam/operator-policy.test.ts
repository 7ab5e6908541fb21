/**
 * The operator policy (iam/operator-policy.ts) against the requests `npm run recurate -- --aws` and
 * `npm run redrive -- --aws` make, simulated: each is allowed on its own stack, and what no operation needs
 * (writing the raw zone or the error prefix, deleting them, another stack's resources, listing the whole
 * bucket, changing IAM) is denied. The ARNs are written out, not derived from the policy.
 */
import { expect } from "chai";
import { operatorPolicy } from "../../iam/operator-policy";
import { decide } from "../../iam/simulate";
import { lakeModel } from "../../model/lake";
import { parseStackConfig } from "../../config/stack-config";
import { readStackFiles } from "../../config/stack-files";
import { ROOT } from "../helpers/program";

const ACCOUNT = "111122223333";
const OPERATOR = `arn:aws:sts::${ACCOUNT}:assumed-role/operator/alice`;
const BUCKET = `arn:aws:s3:::punkapi-consumer-test-lake-${ACCOUNT}`;

const files = readStackFiles(ROOT, "test");
const config = parseStackConfig(files.config, "test", files.project);
const policy = operatorPolicy(
  {
    bucket: BUCKET,
    stream: `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/punkapi-consumer-test-beers`,
    failureQueue: `arn:aws:sqs:us-east-1:${ACCOUNT}:punkapi-consumer-test-ingest-failures`,
    function: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:punkapi-consumer-test-ingest`,
  },
  lakeModel(config),
);

const judge = (action: string, resource: string, context?: Record<string, string>) =>
  decide({ principal: OPERATOR, action, resource, context }, { identity: [policy] });

describe("the operator policy of a stack (simulated)", () => {
  const allowed: [string, string, Record<string, string>?][] = [
    // recurate: list the raw and curated zones, read raw objects, write and delete curated ones
    ["s3:ListBucket", BUCKET, { "s3:prefix": "raw/beers/" }],
    ["s3:ListBucket", BUCKET, { "s3:prefix": "curated/beers/" }],
    [
      "s3:GetObject",
      `${BUCKET}/raw/beers/dt=2026-11-01/punkapi-consumer-test-delivery-1-2026-11-01-10-00-00-x.gz`,
    ],
    ["s3:PutObject", `${BUCKET}/curated/beers/dt=2026-11-01/punkapi-consumer-test-curated-1-x.parquet`],
    ["s3:DeleteObject", `${BUCKET}/curated/beers/dt=2026-11-01/punkapi-consumer-test-curated-1-y.parquet`],
    // redrive --errors: list and read the error prefix and the ledger, put records, write the ledger
    ["s3:ListBucket", BUCKET, { "s3:prefix": "errors/" }],
    ["s3:ListBucket", BUCKET, { "s3:prefix": "operations/redriven/" }],
    ["s3:GetObject", `${BUCKET}/errors/format-conversion-failed/dt=2026-11-01/x`],
    ["s3:PutObject", `${BUCKET}/operations/redriven/errors/format-conversion-failed/dt=2026-11-01/x.json`],
    ["kinesis:PutRecords", `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/punkapi-consumer-test-beers`],
    // redrive --queue: the queue's URL, its messages, the function
    ["sqs:GetQueueUrl", `arn:aws:sqs:us-east-1:${ACCOUNT}:punkapi-consumer-test-ingest-failures`],
    ["sqs:ReceiveMessage", `arn:aws:sqs:us-east-1:${ACCOUNT}:punkapi-consumer-test-ingest-failures`],
    ["sqs:DeleteMessage", `arn:aws:sqs:us-east-1:${ACCOUNT}:punkapi-consumer-test-ingest-failures`],
    ["lambda:InvokeFunction", `arn:aws:lambda:us-east-1:${ACCOUNT}:function:punkapi-consumer-test-ingest`],
  ];
  for (const [action, resource, context] of allowed)
    it(`allows ${action} on ${resource.split(":").pop()}${context ? ` (${JSON.stringify(context)})` : ""}`, async () => {
      expect(await judge(action, resource, context)).to.equal("Allowed");
    });

  const denied: [string, string, Record<string, string>?][] = [
    ["s3:PutObject", `${BUCKET}/raw/beers/dt=2026-11-01/forged.gz`],
    ["s3:DeleteObject", `${BUCKET}/raw/beers/dt=2026-11-01/x.gz`],
    ["s3:DeleteObject", `${BUCKET}/errors/format-conversion-failed/dt=2026-11-01/x`],
    ["s3:PutObject", `${BUCKET}/errors/format-conversion-failed/dt=2026-11-01/forged`],
    ["s3:ListBucket", BUCKET, { "s3:prefix": "" }],
    ["s3:GetObject", `arn:aws:s3:::punkapi-consumer-prod-lake-${ACCOUNT}/raw/beers/dt=2026-11-01/x.gz`],
    ["kinesis:PutRecords", `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/punkapi-consumer-prod-beers`],
    ["lambda:InvokeFunction", `arn:aws:lambda:us-east-1:${ACCOUNT}:function:punkapi-consumer-prod-ingest`],
    ["sqs:PurgeQueue", `arn:aws:sqs:us-east-1:${ACCOUNT}:punkapi-consumer-test-ingest-failures`],
    ["s3:PutBucketPolicy", BUCKET],
    ["iam:PutRolePolicy", `arn:aws:iam::${ACCOUNT}:role/operator`],
  ];
  for (const [action, resource, context] of denied)
    it(`denies ${action} on ${resource.split(":").pop()}${context ? ` (${JSON.stringify(context)})` : ""}`, async () => {
      expect(await judge(action, resource, context)).to.equal("ImplicitlyDenied");
    });
});
