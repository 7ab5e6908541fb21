/** The caller's identity: the account the stack deploys to. */
import { type DataSource } from "../resource-type";
import { sessionArn } from "../../model/arn";

export const awsGetCallerIdentity: DataSource = {
  token: "aws:index/getCallerIdentity:getCallerIdentity",
  // An administrator's session, the one bootstrap/Pulumi.account.yaml names.
  answer: (_args, env) => ({
    accountId: env.accountId,
    arn: sessionArn(env, "Admin", "local"),
    userId: "AROALOCAL:local",
    id: env.accountId,
  }),
  calls: {
    terraform: "data.aws_caller_identity",
    source: "internal/service/sts/caller_identity_data_source.go",
    declaredBy: ["stacks", "bootstrap"],
    create: [],
    read: [
      {
        call: "GetCallerIdentity",
        action: "sts:GetCallerIdentity",
        on: "*",
        when: "every program run (preview and up)",
      },
    ],
    update: [],
    delete: [],
  },
};
