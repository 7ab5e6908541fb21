/** An SQS queue: a JSON-lines file of the messages sent to it (the function's failure destination). */
import fs from "fs";
import path from "path";
import type { QueueFile } from "../realised";
import type { Realiser } from "./realiser";

/** The queue's file, known by the queue's ARN (as a failure destination names it). */
export const queue: Realiser<{ arn: string; queue: QueueFile }> = (q, run) => {
  const name = String(q.inputs.name);
  const file = path.join(run.options.workDir, "queues", `${name}.jsonl`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, "");
  return { arn: String(q.state.arn), queue: { name, file, messages: 0 } };
};
