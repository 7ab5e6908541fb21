/**
 * The resources a program declared, indexed the way the local provider needs them: by type, and by the
 * ARN the mocks gave them, so references between resources (a target's function ARN, Firehose's stream
 * ARN) resolve to the local things that realise them.
 */
import type { DeclaredResource } from "../provider/run-program";

export const REALISED_TYPES = [
  // enforced: every AWS call of the function and the local Firehose is judged against them
  "aws:iam/role:Role",
  "aws:iam/rolePolicy:RolePolicy",
  "aws:s3/bucketPolicy:BucketPolicy",
  // read: the curated delivery converts with its columns, `npm run query` types its views with them
  "aws:glue/catalogTable:CatalogTable",
  "aws:kinesis/stream:Stream",
  "aws:s3/bucket:Bucket",
  "aws:lambda/function:Function",
  "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
  "aws:lambda/permission:Permission",
  "aws:cloudwatch/eventRule:EventRule",
  "aws:cloudwatch/eventTarget:EventTarget",
  "aws:cloudwatch/logGroup:LogGroup",
  "aws:sqs/queue:Queue",
  "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
];

export class Declared {
  constructor(readonly resources: DeclaredResource[]) {}

  ofType(type: string): DeclaredResource[] {
    return this.resources.filter((r) => r.custom && r.type === type);
  }

  byArn(arn: string, type?: string): DeclaredResource {
    const found = this.resources.find((r) => r.state.arn === arn && (!type || r.type === type));
    if (!found) throw new Error(`no declared ${type ?? "resource"} has the ARN ${arn}`);
    return found;
  }

  /** Custom resources the local run does not realise, counted by type. */
  unrealised(): { type: string; count: number }[] {
    const counts = new Map<string, number>();
    for (const r of this.resources) {
      if (!r.custom || REALISED_TYPES.includes(r.type)) continue;
      counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
    }
    return [...counts].map(([type, count]) => ({ type, count })).sort((a, b) => a.type.localeCompare(b.type));
  }
}
