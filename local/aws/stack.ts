/**
 * The deployed stack an operator command reaches with `--aws`: its names (model/names.ts) with the
 * caller's account (STS GetCallerIdentity) and the stack's region, and SDK clients with the caller's
 * credentials (the SDK's default chain: environment, profile, SSO...). No test reaches AWS: what runs
 * offline is the same operation code against the local services (docs/operations.md says which).
 */
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { stackNames, StackNames } from "../../model/names";

export interface AwsStack {
  region: string;
  accountId: string;
  names: StackNames;
  bucket: string;
}

export async function awsStack(project: string, stack: string, region: string): Promise<AwsStack> {
  const sts = new STSClient({ region });
  try {
    const { Account } = await sts.send(new GetCallerIdentityCommand({}));
    if (!Account) throw new Error("STS answered without an account");
    const names = stackNames(project, stack);
    return { region, accountId: Account, names, bucket: names.bucket(Account) };
  } finally {
    sts.destroy();
  }
}
