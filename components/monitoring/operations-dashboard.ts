/**
 * OperationsDashboard: one CloudWatch dashboard per stack over the resources it is given (the function,
 * the stream, the delivery streams, the failure queue, the alarms), its body built by ./dashboard-body.ts.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { dashboardBody } from "./dashboard-body";

type Named = { name: pulumi.Input<string> };

export interface OperationsDashboardArgs {
  readonly dashboardName: pulumi.Input<string>;
  readonly region: pulumi.Input<string>;
  /** The stack: the dimension of the function's metrics. */
  readonly stack: pulumi.Input<string>;
  readonly function: Named;
  readonly stream: Named;
  readonly deliveryStreams: Named[];
  readonly failureQueue: Named;
  readonly alarms: { arn: pulumi.Input<string> }[];
}

export class OperationsDashboard extends pulumi.ComponentResource {
  readonly dashboard: aws.cloudwatch.Dashboard;

  constructor(name: string, args: OperationsDashboardArgs, opts?: pulumi.ComponentResourceOptions) {
    super("punkapi:monitoring:OperationsDashboard", name, {}, opts);
    const body = pulumi
      .output({
        region: args.region,
        stack: args.stack,
        functionName: args.function.name,
        streamName: args.stream.name,
        deliveryStreamNames: args.deliveryStreams.map((d) => d.name),
        failureQueueName: args.failureQueue.name,
        alarmArns: args.alarms.map((a) => a.arn),
      })
      .apply((targets) => JSON.stringify(dashboardBody(targets)));
    this.dashboard = new aws.cloudwatch.Dashboard(
      `${name}-dashboard`,
      { dashboardName: args.dashboardName, dashboardBody: body },
      { parent: this },
    );
    this.registerOutputs({ dashboardName: this.dashboard.dashboardName });
  }
}
