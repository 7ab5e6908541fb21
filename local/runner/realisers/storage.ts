/**
 * Buckets and streams: each declared bucket becomes an empty s3rver bucket (the lake holds exactly this
 * run's data; an operation on an earlier run keeps what its lake holds), each declared Kinesis stream a
 * kinesalite stream with its shards.
 */
import fs from "fs";
import path from "path";
import { CreateBucketCommand } from "@aws-sdk/client-s3";
import { createActiveStream } from "../../stand-ins/services/kinesis";
import type { Realiser } from "./realiser";

export const bucket: Realiser = async (b, run) => {
  const name = String(b.inputs.bucket);
  const dir = path.join(run.lakeDir, name);
  if (run.options.onExistingRun && fs.existsSync(dir)) return;
  fs.rmSync(dir, { recursive: true, force: true });
  await run.services.s3.client.send(new CreateBucketCommand({ Bucket: name }));
};

export const stream: Realiser = async (s, run) => {
  // On-demand streams start with 4 shards in AWS.
  const shards = s.inputs.streamModeDetails?.streamMode === "ON_DEMAND" ? 4 : (s.inputs.shardCount ?? 1);
  await createActiveStream(run.services.kinesis.client, String(s.inputs.name), shards);
};
