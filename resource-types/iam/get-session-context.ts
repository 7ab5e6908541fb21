/** The role behind an assumed-role session (bootstrap: whether its caller is the administrator). */
import { type DataSource } from "../resource-type";
import { iamRole } from "./role";

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
  calls: {
    terraform: "data.aws_iam_session_context",
    source: "internal/service/iam/session_context_data_source.go",
    declaredBy: ["bootstrap"],
    create: [],
    read: [
      {
        call: "GetRole",
        action: "iam:GetRole",
        on: "role",
        when: "for an assumed-role ARN (the caller's session): the role, for its path (findRoleByName, retried while not found)",
      },
    ],
    update: [],
    delete: [],
  },
};
