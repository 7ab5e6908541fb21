/**
 * One AWS request judged against the policies that apply to it, by @cloud-copilot/iam-simulate: the
 * caller's identity policies, its permissions boundary, and the resource's own policy (bucket, key or
 * trust policy). Used by the tests (can each role do its job, is each escalation denied) and by the local
 * run (every call the function and the local Firehose make is allowed or denied as AWS would).
 */
import { runSimulation, runUnsafeSimulation } from "@cloud-copilot/iam-simulate";
import { createValidatedPolicy, validateTrustPolicy } from "@cloud-copilot/iam-policy";
import type { PolicyDocument } from "./policy-document";
import { iamRole } from "../resource-types/iam/role";
import { omissionFor } from "./reference-omissions";

export interface AwsRequest {
  /** Who calls: a role session (`arn:aws:sts::<account>:assumed-role/<role>/<session>`) or a role ARN; for
   * sts:AssumeRoleWithWebIdentity, the OIDC provider's ARN. */
  principal: string;
  action: string;
  /** The ARN the action is authorised against, or "*" for actions that name no resource. */
  resource: string;
  /** Request context keys (iam:PassedToService, iam:PermissionsBoundary, token claims, ...). */
  context?: Record<string, string | string[]>;
}

export interface ApplicablePolicies {
  identity: PolicyDocument[];
  boundary?: PolicyDocument;
  /** The resource's own policy: bucket policy, key policy, or a role's trust policy. */
  resource?: PolicyDocument;
}

export type Decision = "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied";

const accountOf = (arn: string, fallback: string) =>
  /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/.exec(arn)?.[1] ?? fallback;

/**
 * The role ARN behind a role session ARN, or the ARN itself. A session name is 2-64 of [\w+=,.@-] (STS
 * RoleSessionName); the length is STS's to enforce.
 */
export function roleArnOf(principal: string): string {
  const session = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/[\w+=,.@-]+$/.exec(principal);
  return session ? iamRole.arn!({ partition: session[1], accountId: session[2] }, session[3]) : principal;
}

/**
 * IAM refuses a policy whose Resource names neither "*" nor an ARN (MalformedPolicyDocument); the
 * simulator's validation lets an empty string through and then matches it against every resource, so a
 * statement that AWS would never accept would decide requests here.
 */
function refuseMalformedResources(policies: ApplicablePolicies): void {
  const documents: [string, PolicyDocument][] = [
    ...policies.identity.map((d, i): [string, PolicyDocument] => [`identity-${i}`, d]),
    ...(policies.boundary ? [["boundary", policies.boundary] as [string, PolicyDocument]] : []),
    ...(policies.resource ? [["resource", policies.resource] as [string, PolicyDocument]] : []),
  ];
  for (const [name, document] of documents)
    for (const [i, statement] of document.Statement.entries())
      // A policy may give one resource as a string (IAM accepts both), and NotResource is the same grammar.
      for (const resource of ([] as unknown[]).concat(
        statement.Resource ?? [],
        (statement as { NotResource?: unknown }).NotResource ?? [],
      ))
        if (typeof resource !== "string" || (resource !== "*" && !resource.startsWith("arn:")))
          throw new Error(
            `policy ${name}, Statement[${i}]: Resource ${JSON.stringify(resource)} is neither "*" nor an ARN (IAM refuses the policy)`,
          );
}

/**
 * Judges the request. An invalid policy or request is an error, never a denial: a typo must fail loudly.
 * Web-identity role assumption goes through the simulator's unfiltered engine, because its checked entry
 * drops the token claims (`token.actions.githubusercontent.com:sub`, `:aud`) that the reference does not
 * list for the action; the trust policy is still validated first.
 */
export async function decide(request: AwsRequest, policies: ApplicablePolicies): Promise<Decision> {
  refuseMalformedResources(policies);
  // Stryker disable next-line StringLiteral: 1 equivalent mutant, the fallback is the account of a caller with none (a service principal), which AWS judges by the resource policy alone: any value gives the same decision.
  const principalAccount = accountOf(request.principal, "000000000000");
  const context: Record<string, string | string[]> = {
    "aws:SecureTransport": "true",
    ...(request.principal.startsWith("arn:") && !request.principal.includes(":oidc-provider/")
      ? { "aws:PrincipalArn": roleArnOf(request.principal), "aws:PrincipalAccount": principalAccount }
      : {}),
    ...request.context,
  };
  const resourceAccount = accountOf(request.resource, principalAccount);
  if (request.action === "sts:AssumeRoleWithWebIdentity") {
    // Stryker disable next-line ObjectLiteral,StringLiteral: 2 equivalent mutants, the simulator needs a name for the trust policy only to label its explanation, which decide() does not return.
    const trust = createValidatedPolicy(policies.resource, validateTrustPolicy, { name: "trust" });
    if (trust.errors.length) throw new Error(`invalid trust policy: ${JSON.stringify(trust.errors)}`);
    return runUnsafeSimulation(
      {
        request: {
          principal: request.principal,
          action: request.action,
          resource: { resource: request.resource, accountId: resourceAccount },
          contextVariables: request.context ?? {},
        },
        identityPolicies: [],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: trust,
      },
      {},
    );
  }
  const simulation = {
    request: {
      principal: request.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: resourceAccount },
      contextVariables: context,
    },
    identityPolicies: policies.identity.map((policy, i) => ({ name: `identity-${i}`, policy })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: policies.resource,
    permissionBoundaryPolicies: policies.boundary
      ? [{ name: "boundary", policy: policies.boundary }]
      : undefined,
  };
  // A resource type the reference leaves out for the action (./reference-omissions.ts): judged by ARN.
  if (omissionFor(request.action, request.resource)) return runUnsafeSimulation(simulation, {});
  const result = await runSimulation(simulation, {});
  if (result.resultType === "error") {
    throw new Error(`${request.action} on ${request.resource}: ${JSON.stringify(result.errors)}`);
  }
  return result.overallResult;
}
