/**
 * What an operator needs to run `npm run recurate -- --aws` and `npm run redrive -- --aws` on one stack, and
 * nothing more, from the calls those commands make (local/operations/): read the raw zone, rewrite the
 * curated zone, read the error prefix and write the redrive's ledger; put records into the stream; receive,
 * delete from the failure queue and invoke the function. Raw and error objects stay read-only, so no
 * operation can lose data the lake holds. Written from the stack's resources' ARNs and its lake model; the
 * program exports it (`pulumi stack output operatorPolicy`) for the role or permission set your operators
 * use (docs/operations.md); test/iam/operator-policy.test.ts simulates the commands' requests against it.
 */
import { REDRIVE_LEDGER, type LakeModel } from "../model/lake";
import { policyDocument, type PolicyDocument } from "./policy-document";

/** The ARNs of what the operator commands reach. */
export interface OperatedArns {
  bucket: string;
  stream: string;
  failureQueue: string;
  function: string;
}

export function operatorPolicy(arns: OperatedArns, lake: LakeModel): PolicyDocument {
  const bucket = arns.bucket;
  const under = (prefix: string) => `${bucket}/${prefix}*`;
  const readable = [lake.raw.layout.root, lake.curated.layout.root, lake.errors.literalStart, REDRIVE_LEDGER];
  return policyDocument(
    {
      Sid: "ListTheZonesItReads",
      Effect: "Allow",
      Action: ["s3:ListBucket"],
      Resource: [bucket],
      Condition: { StringLike: { "s3:prefix": [...new Set(readable)].map((p) => `${p}*`) } },
    },
    {
      Sid: "ReadRawErrorsAndLedger",
      Effect: "Allow",
      Action: ["s3:GetObject"],
      Resource: [...new Set([lake.raw.layout.root, lake.errors.literalStart, REDRIVE_LEDGER])].map(under),
    },
    {
      Sid: "RewriteTheCuratedZone",
      Effect: "Allow",
      Action: ["s3:PutObject", "s3:DeleteObject"],
      Resource: [under(lake.curated.layout.root)],
    },
    { Sid: "WriteTheLedger", Effect: "Allow", Action: ["s3:PutObject"], Resource: [under(REDRIVE_LEDGER)] },
    {
      Sid: "PutRecordsBack",
      Effect: "Allow",
      Action: ["kinesis:PutRecords"],
      Resource: [arns.stream],
    },
    {
      Sid: "DrainTheFailureQueue",
      Effect: "Allow",
      Action: ["sqs:GetQueueUrl", "sqs:ReceiveMessage", "sqs:DeleteMessage"],
      Resource: [arns.failureQueue],
    },
    {
      Sid: "InvokeTheFunctionAgain",
      Effect: "Allow",
      Action: ["lambda:InvokeFunction"],
      Resource: [arns.function],
    },
  );
}
