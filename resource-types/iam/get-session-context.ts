/** The role behind an assumed-role session (bootstrap: whether its caller is the administrator). */
import { type DataSource } from "../resource-type";
import { iamRole } from "./role";
import type { TypeCalls } from "../calls";
import getSessionContextCalls from "./get-session-context.calls.json";

export const iamGetSessionContext: DataSource = {
  token: "aws:iam/getSessionContext:getSessionContext",
  answer: (args) => {
    const session = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/.exec(String(args.arn));
    return session
      ? {
          arn: args.arn,
          issuerArn: iamRole.arn!({ partition: session[1], accountId: session[2] }, session[3]),
          issuerName: session[3],
          sessionName: session[4],
          id: args.arn,
        }
      : { arn: args.arn, issuerArn: args.arn, id: args.arn };
  },
  calls: getSessionContextCalls as TypeCalls,
};
