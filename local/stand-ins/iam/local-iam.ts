/**
 * IAM, locally: every role the program declares, with the policies AWS would evaluate for it - its inline
 * policies, its permissions boundary (the one bootstrap/ creates for the stack, computed the same way),
 * and the resource's own policy where AWS reads one (a bucket's policy) - judged by @cloud-copilot/iam-simulate.
 * Each role gets local credentials, so a request is traced to its role as AWS does by its signature.
 * Decisions are cached: the policies do not change during a run.
 */
import type { AwsEnv } from "../../../model/names";
import { stackNames } from "../../../model/names";
import { bootstrapArns } from "../../../iam/stack-arns";
import { stackRoleBoundary } from "../../../components/security/policies";
import type { PolicyDocument } from "../../../iam/policy-document";
import { decide } from "../../../iam/simulate";
import type { DeclaredResource } from "../../harness/run-program";
import { sessionArn } from "../../../model/arn";
import { s3BucketPolicy } from "../../../resource-types/s3/bucket-policy";
import { iamRolePolicy } from "../../../resource-types/iam/role-policy";
import { iamRole } from "../../../resource-types/iam/role";

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

export interface Denial {
  role: string;
  action: string;
  resource: string;
  message: string;
}

interface LocalRole {
  arn: string;
  name: string;
  credentials: Credentials;
  identity: PolicyDocument[];
  boundary: PolicyDocument | undefined;
}

export class LocalIam {
  private readonly roles = new Map<string, LocalRole>();
  private readonly byKey = new Map<string, LocalRole>();
  private readonly bucketPolicies = new Map<string, PolicyDocument>();
  private readonly decisions = new Map<string, Promise<string | undefined>>();
  /** Requests judged, and those denied, for the run summary. */
  requests = 0;
  readonly denials: Denial[] = [];

  constructor(
    resources: DeclaredResource[],
    private readonly env: AwsEnv,
    project: string,
    stack: string,
  ) {
    const boundaryArn = bootstrapArns(project, env).boundaryPolicy(stack);
    const boundary = stackRoleBoundary(stackNames(project, stack), env);
    resources
      .filter((r) => r.custom && r.type === iamRole.token)
      .forEach((r, i) => {
        const role: LocalRole = {
          arn: String(r.state.arn),
          name: String(r.state.name),
          credentials: {
            accessKeyId: `ASIALOCALROLE${String(i).padStart(4, "0")}`,
            secretAccessKey: `local-secret-of-${r.state.name}`,
            sessionToken: `local-session-of-${r.state.name}`,
          },
          identity: resources
            .filter((p) => p.type === iamRolePolicy.token && p.inputs.role === r.state.name)
            .map((p) => JSON.parse(p.inputs.policy) as PolicyDocument),
          // A boundary this run cannot know (not the stack's) would make every judgement a guess: refuse it.
          boundary:
            r.inputs.permissionsBoundary === undefined ? undefined : boundaryOf(r.inputs.permissionsBoundary),
        };
        this.roles.set(role.arn, role);
        this.byKey.set(role.credentials.accessKeyId, role);
      });
    function boundaryOf(arn: string): PolicyDocument {
      if (arn !== boundaryArn)
        throw new Error(`a role's permissions boundary ${arn} is not the stack's (${boundaryArn})`);
      return boundary;
    }
    for (const p of resources.filter((r) => r.custom && r.type === s3BucketPolicy.token))
      this.bucketPolicies.set(String(p.inputs.bucket), JSON.parse(p.inputs.policy) as PolicyDocument);
  }

  credentialsFor(roleArn: string): Credentials {
    const role = this.roles.get(roleArn);
    if (!role) throw new Error(`no declared role ${roleArn}`);
    return role.credentials;
  }

  roleOfKey(accessKeyId: string | undefined): string | undefined {
    return accessKeyId === undefined ? undefined : this.byKey.get(accessKeyId)?.arn;
  }

  /** The principal AWS names in a denial: the role's session. */
  sessionOf(roleArn: string): string {
    const role = this.roles.get(roleArn)!;
    return sessionArn(this.env, role.name, role.name);
  }

  /**
   * Undefined when AWS would allow the request, else AWS's own denial message. Local endpoints stand in
   * for AWS's TLS endpoints: requests count as sent over TLS.
   */
  authorize(roleArn: string, action: string, resource: string): Promise<string | undefined> {
    this.requests++;
    const key = `${roleArn} ${action} ${resource}`;
    if (!this.decisions.has(key)) this.decisions.set(key, this.judge(roleArn, action, resource));
    return this.decisions.get(key)!.then((message) => {
      if (message) this.denials.push({ role: roleArn, action, resource, message });
      return message;
    });
  }

  private async judge(roleArn: string, action: string, resource: string): Promise<string | undefined> {
    const role = this.roles.get(roleArn);
    if (!role) return `The security token included in the request is invalid (no declared role ${roleArn})`;
    const bucket = /^arn:[^:]+:s3:::([^/]+)/.exec(resource)?.[1];
    const decision = await decide(
      { principal: role.arn, action, resource },
      {
        identity: role.identity,
        boundary: role.boundary,
        resource: bucket ? this.bucketPolicies.get(bucket) : undefined,
      },
    );
    if (decision === "Allowed") return undefined;
    const because =
      decision === "ExplicitlyDenied"
        ? `with an explicit deny`
        : `because no ${role.identity.length ? "identity-based policy" : "policy"} allows the ${action} action`;
    return `User: ${this.sessionOf(roleArn)} is not authorized to perform: ${action} on resource: ${resource} ${because}`;
  }
}
