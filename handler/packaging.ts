/**
 * What the Lambda archive must not carry, as exact package names (Pulumi's `extraExcludePackages` takes no
 * patterns). The nodejs runtime provides the AWS SDK v3; got@11 lists type packages as dependencies,
 * which only the compiler needs. Shared by the component that deploys the function and the tests that
 * rebuild its artifact.
 */
export const LAMBDA_EXCLUDED_PACKAGES = [
  "@aws-sdk/client-kinesis",
  "@types/cacheable-request",
  "@types/http-cache-semantics",
  "@types/keyv",
  "@types/node",
  "@types/responselike",
];
