/** The caller's identity: the account the stack deploys to. */
import { type DataSource } from "../resource-type";
import { sessionArn } from "../../model/arn";
import type { TypeCalls } from "../calls";
import getCallerIdentityCalls from "./get-caller-identity.calls.json";

export const awsGetCallerIdentity: DataSource = {
  token: "aws:index/getCallerIdentity:getCallerIdentity",
  // An administrator's session, the one bootstrap/Pulumi.account.yaml names.
  answer: (_args, env) => ({
    accountId: env.accountId,
    arn: sessionArn(env, "Admin", "local"),
    userId: "AROALOCAL:local",
    id: env.accountId,
  }),
  calls: getCallerIdentityCalls as TypeCalls,
};
