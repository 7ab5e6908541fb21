/**
 * SecurityRoles: every IAM role and identity policy of the stack, and nothing else. The policies name the
 * resources they grant on by those resources' own ARNs (the stream, the bucket, the Glue database and
 * table), so they exist, complete, before the function and the delivery streams that use them. Three ARNs
 * are planned instead, from the stack's name prefix by ../../model/names.ts: the function's log group and
 * failure queue, and the delivery's log group (with its log streams), which their components create after
 * the role they need, naming them from the same prefix by the same module; the tests hold every planned
 * ARN to the one the resource gets.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { firehosePolicy, firehoseTrustPolicy, functionPolicy, lambdaTrustPolicy } from "./policies";
import { AwsEnv, namesOf } from "../../model/names";
import { plannedArns } from "../../iam/stack-arns";

type Arn = { arn: pulumi.Input<string> };

export interface SecurityRolesArgs {
  /**
   * The stack's name prefix (`<project>-<stack>`): the roles are named from it, and the ARNs planned for
   * what is created after them (the function's log group and failure queue, the delivery's log group and
   * log streams) are worked out from it by model/names.ts, the one place the components take them from.
   */
  readonly namePrefix: string;
  /** Where the stack is: the planned ARNs' partition, region and account (the Firehose role's external id). */
  readonly env: pulumi.Input<AwsEnv>;
  readonly stream: Arn;
  readonly bucket: Arn;
  /** The Glue database and table whose schema the curated stream converts with. */
  readonly schema: { database: Arn; table: Arn };
  /** The literal starts of the lake's prefixes: Firehose may write objects under these only. */
  readonly writablePrefixes: string[];
  /** The managed policy (created by bootstrap/) that bounds every role of the stack. */
  readonly permissionsBoundary: pulumi.Input<string>;
}

export class SecurityRoles extends pulumi.ComponentResource {
  readonly functionRole: aws.iam.Role;
  readonly firehoseRole: aws.iam.Role;

  constructor(name: string, args: SecurityRolesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("punkapi:security:SecurityRoles", name, {}, opts);
    const parent = { parent: this };
    const names = namesOf(args.namePrefix);
    const planned = pulumi.output(args.env).apply((env) => plannedArns(names, env));

    this.functionRole = new aws.iam.Role(
      `${name}-ingest`,
      {
        name: names.functionRole,
        description:
          "The ingestion function: put beers into its stream, write its logs, report failed events",
        assumeRolePolicy: JSON.stringify(lambdaTrustPolicy()),
        permissionsBoundary: args.permissionsBoundary,
      },
      parent,
    );
    new aws.iam.RolePolicy(
      `${name}-ingest`,
      {
        role: this.functionRole.id,
        policy: pulumi
          .all([args.stream.arn, planned])
          .apply(([stream, { functionLogGroup, failureQueue }]) =>
            JSON.stringify(functionPolicy({ stream, functionLogGroup, failureQueue })),
          ),
      },
      parent,
    );

    this.firehoseRole = new aws.iam.Role(
      `${name}-firehose`,
      {
        name: names.firehoseRole,
        description:
          "The delivery stream: read the beer stream, write the lake's prefixes, write its log stream",
        assumeRolePolicy: pulumi
          .output(args.env)
          .apply((env) => JSON.stringify(firehoseTrustPolicy(env.accountId))),
        permissionsBoundary: args.permissionsBoundary,
      },
      parent,
    );
    new aws.iam.RolePolicy(
      `${name}-firehose`,
      {
        role: this.firehoseRole.id,
        policy: pulumi
          .all([args.stream.arn, args.bucket.arn, planned, args.schema.database.arn, args.schema.table.arn])
          .apply(([stream, bucket, { firehoseLogGroup, glueCatalog }, glueDatabase, curatedTable]) =>
            JSON.stringify(
              firehosePolicy({
                arns: { stream, bucket, firehoseLogGroup, glueCatalog, glueDatabase, curatedTable },
                logStreams: [names.firehoseLogStream, names.curatedLogStream],
                prefixes: args.writablePrefixes,
              }),
            ),
          ),
      },
      parent,
    );

    this.registerOutputs({ functionRoleArn: this.functionRole.arn, firehoseRoleArn: this.firehoseRole.arn });
  }
}
