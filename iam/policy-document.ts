/**
 * IAM policy documents as the programs write them: identity, resource (bucket, key, trust) and
 * permissions-boundary policies share this shape. Actions are always lists, so tests and tools can read
 * them without normalising.
 */
export interface Statement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Principal?: { Service: string } | { AWS: string | string[] } | { Federated: string } | "*";
  Action: string[];
  Resource?: string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: Statement[];
}

export const policyDocument = (...Statement: Statement[]): PolicyDocument => ({
  Version: "2012-10-17",
  Statement,
});
