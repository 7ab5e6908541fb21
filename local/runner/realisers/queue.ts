/** An SQS queue: a JSON-lines file of the messages sent to it (the function's failure destination). */
import fs from "fs";
import path from "path";
import type { Realiser } from "./realiser";

export const queue: Realiser = (q, ctx) => {
  const name = String(q.inputs.name);
  const file = path.join(ctx.options.workDir, "queues", `${name}.jsonl`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, "");
  ctx.queues.set(String(q.state.arn), { name, file, messages: 0 });
};
