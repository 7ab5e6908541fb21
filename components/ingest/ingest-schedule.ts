/**
 * IngestSchedule: what runs the ingestion function. An EventBridge rule on the schedule expression, the
 * function as its target, and the function's own resource policy letting EventBridge (from that rule only)
 * invoke it.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { namesOf } from "../../model/names";

export interface IngestScheduleArgs {
  /** The stack's name prefix (`<project>-<stack>`): the rule is named from it. */
  readonly namePrefix: string;
  /** The function it runs (IngestPipeline's). */
  readonly function: { name: pulumi.Input<string>; arn: pulumi.Input<string> };
  /** An EventBridge schedule expression, rate(...) or cron(...). */
  readonly expression: pulumi.Input<string>;
}

export class IngestSchedule extends pulumi.ComponentResource {
  readonly rule: aws.cloudwatch.EventRule;

  constructor(name: string, args: IngestScheduleArgs, opts?: pulumi.ComponentResourceOptions) {
    super("punkapi:ingest:IngestSchedule", name, {}, opts);
    const parent = { parent: this };

    this.rule = new aws.cloudwatch.EventRule(
      `${name}-schedule`,
      {
        name: namesOf(args.namePrefix).scheduleRule,
        description: "Runs the beer ingestion",
        scheduleExpression: args.expression,
      },
      parent,
    );
    new aws.cloudwatch.EventTarget(
      `${name}-schedule`,
      { rule: this.rule.name, arn: args.function.arn },
      parent,
    );
    new aws.lambda.Permission(
      `${name}-schedule`,
      {
        action: "lambda:InvokeFunction",
        function: args.function.name,
        principal: "events.amazonaws.com",
        sourceArn: this.rule.arn,
      },
      parent,
    );

    this.registerOutputs({ ruleName: this.rule.name, ruleArn: this.rule.arn });
  }
}
