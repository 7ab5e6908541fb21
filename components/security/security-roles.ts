/**
 * SecurityRoles: every IAM role and identity policy of the stack, and nothing else. Policies are written
 * from the planned ARNs (see ../naming.ts), so the roles exist, complete, before the function and the
 * delivery stream that use them.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { AwsEnv, StackNames, stackArns } from "../naming";
import { firehosePolicy, firehoseTrustPolicy, functionPolicy, lambdaTrustPolicy } from "./policies";

export interface SecurityRolesArgs {
  names: StackNames;
  env: pulumi.Input<AwsEnv>;
  /** Firehose's S3 prefixes: its write permission covers exactly their literal parts. */
  prefixes: string[];
  /** The managed policy (created by bootstrap/) that bounds every role of the stack. */
  permissionsBoundary: pulumi.Input<string>;
}

export class SecurityRoles extends pulumi.ComponentResource {
  readonly functionRole: aws.iam.Role;
  readonly firehoseRole: aws.iam.Role;

  constructor(name: string, args: SecurityRolesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("punkapi:security:SecurityRoles", name, {}, opts);
    const env = pulumi.output(args.env);
    const arns = env.apply((e) => stackArns(args.names, e));

    this.functionRole = new aws.iam.Role(
      `${name}-ingest`,
      {
        name: args.names.functionRole,
        description:
          "The ingestion function: put beers into its stream, write its logs, report failed events",
        assumeRolePolicy: JSON.stringify(lambdaTrustPolicy()),
        permissionsBoundary: args.permissionsBoundary,
      },
      { parent: this },
    );
    new aws.iam.RolePolicy(
      `${name}-ingest`,
      { role: this.functionRole.id, policy: arns.apply((a) => JSON.stringify(functionPolicy(a))) },
      { parent: this },
    );

    this.firehoseRole = new aws.iam.Role(
      `${name}-firehose`,
      {
        name: args.names.firehoseRole,
        description:
          "The delivery stream: read the beer stream, write the lake's prefixes, write its log stream",
        assumeRolePolicy: env.apply((e) => JSON.stringify(firehoseTrustPolicy(e.accountId))),
        permissionsBoundary: args.permissionsBoundary,
      },
      { parent: this },
    );
    new aws.iam.RolePolicy(
      `${name}-firehose`,
      {
        role: this.firehoseRole.id,
        policy: arns.apply((a) =>
          JSON.stringify(
            firehosePolicy({
              arns: a,
              logStreams: [args.names.firehoseLogStream, args.names.curatedLogStream],
              prefixes: args.prefixes,
            }),
          ),
        ),
      },
      { parent: this },
    );

    this.registerOutputs({ functionRoleArn: this.functionRole.arn, firehoseRoleArn: this.firehoseRole.arn });
  }
}
