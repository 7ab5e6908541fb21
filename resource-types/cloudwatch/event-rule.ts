/** The schedule that invokes the function. */
import { arn, type ArnEnv } from "../../model/arn";
import { type ResourceType, named, physicalName } from "../resource-type";

const arnOf = (env: ArnEnv, name: string): string => arn(env, "events", `rule/${name}`);

export const cloudwatchEventRule: ResourceType = {
  token: "aws:cloudwatch/eventRule:EventRule",
  arn: arnOf,
  reported: (name, inputs, env) => {
    const n = physicalName(name, inputs);
    return named(n, n, arnOf(env, n), inputs);
  },
  plan: ["name", "scheduleExpression"],
  local: "realised",
  calls: {
    terraform: "aws_cloudwatch_event_rule",
    source: "internal/service/events/rule.go",
    declaredBy: ["stacks"],
    create: [
      {
        call: "PutRule",
        action: "events:PutRule",
        on: "rule",
        when: "always (ScheduleExpression, State from state/is_enabled, Tags only if non-empty)",
      },
      {
        call: "DescribeRule",
        action: "events:DescribeRule",
        on: "rule",
        when: "always",
      },
      {
        call: "ListTagsForResource",
        action: "events:ListTagsForResource",
        on: "rule",
        when: 'always, after Read/Create/Update (tags interceptor, @Tags(identifierAttribute="arn"))',
        source: "internal/service/events/tags_gen.go",
      },
    ],
    read: [
      {
        call: "DescribeRule",
        action: "events:DescribeRule",
        on: "rule",
        when: "always",
      },
      {
        call: "ListTagsForResource",
        action: "events:ListTagsForResource",
        on: "rule",
        when: 'always, after Read/Create/Update (tags interceptor, @Tags(identifierAttribute="arn"))',
        source: "internal/service/events/tags_gen.go",
      },
    ],
    update: [
      {
        call: "PutRule",
        action: "events:PutRule",
        on: "rule",
        when: "any change except tags/tags_all/force_destroy (full PutRule; input.Tags = getTagsIn for ABAC aws:RequestTag, nil without tags)",
      },
      {
        call: "DescribeRule",
        action: "events:DescribeRule",
        on: "rule",
        when: "always (tail-call resourceRuleRead)",
      },
      {
        call: "ListTagsForResource",
        action: "events:ListTagsForResource",
        on: "rule",
        when: 'always, after Read/Create/Update (tags interceptor, @Tags(identifierAttribute="arn"))',
        source: "internal/service/events/tags_gen.go",
      },
    ],
    delete: [
      {
        call: "DeleteRule",
        action: "events:DeleteRule",
        on: "rule",
        when: "always (Force = force_destroy); ResourceNotFoundException ignored; no waiter",
      },
    ],
  },
};
