/**
 * SecurityRoles: every IAM role and identity policy of the stack, and nothing else. The policies name the
 * resources they grant on by those resources' own ARNs (the stream, the bucket, the Glue database and
 * table), so they exist, complete, before the function and the delivery streams that use them. Three ARNs
 * are planned instead (../../model/names.ts): the function's log group and failure queue, and the delivery's
 * log group, which their components create after the role they need; the tests hold every planned ARN to
 * the one the resource gets.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { firehosePolicy, firehoseTrustPolicy, functionPolicy, lambdaTrustPolicy } from "./policies";

type Arn = { arn: pulumi.Input<string> };

export interface SecurityRolesArgs {
  readonly functionRoleName: pulumi.Input<string>;
  readonly firehoseRoleName: pulumi.Input<string>;
  readonly accountId: pulumi.Input<string>;
  readonly stream: Arn;
  readonly bucket: Arn;
  /** The Glue catalog, database and table whose schema the curated stream converts with. */
  readonly schema: { catalogArn: pulumi.Input<string>; database: Arn; table: Arn };
  /** The literal starts of the lake's prefixes: Firehose may write objects under these only. */
  readonly writablePrefixes: string[];
  /** Planned: created after the roles, by the components that use them. */
  readonly functionLogGroupArn: pulumi.Input<string>;
  readonly failureQueueArn: pulumi.Input<string>;
  readonly firehoseLogGroupArn: pulumi.Input<string>;
  readonly firehoseLogStreams: string[];
  /** The managed policy (created by bootstrap/) that bounds every role of the stack. */
  readonly permissionsBoundary: pulumi.Input<string>;
}

export class SecurityRoles extends pulumi.ComponentResource {
  readonly functionRole: aws.iam.Role;
  readonly firehoseRole: aws.iam.Role;

  constructor(name: string, args: SecurityRolesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("punkapi:security:SecurityRoles", name, {}, opts);
    const parent = { parent: this };

    this.functionRole = new aws.iam.Role(
      `${name}-ingest`,
      {
        name: args.functionRoleName,
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
          .all([args.stream.arn, args.functionLogGroupArn, args.failureQueueArn])
          .apply(([stream, functionLogGroup, failureQueue]) =>
            JSON.stringify(functionPolicy({ stream, functionLogGroup, failureQueue })),
          ),
      },
      parent,
    );

    this.firehoseRole = new aws.iam.Role(
      `${name}-firehose`,
      {
        name: args.firehoseRoleName,
        description:
          "The delivery stream: read the beer stream, write the lake's prefixes, write its log stream",
        assumeRolePolicy: pulumi.output(args.accountId).apply((a) => JSON.stringify(firehoseTrustPolicy(a))),
        permissionsBoundary: args.permissionsBoundary,
      },
      parent,
    );
    new aws.iam.RolePolicy(
      `${name}-firehose`,
      {
        role: this.firehoseRole.id,
        policy: pulumi
          .all([
            args.stream.arn,
            args.bucket.arn,
            args.firehoseLogGroupArn,
            args.schema.catalogArn,
            args.schema.database.arn,
            args.schema.table.arn,
          ])
          .apply(([stream, bucket, firehoseLogGroup, glueCatalog, glueDatabase, curatedTable]) =>
            JSON.stringify(
              firehosePolicy({
                arns: { stream, bucket, firehoseLogGroup, glueCatalog, glueDatabase, curatedTable },
                logStreams: args.firehoseLogStreams,
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
