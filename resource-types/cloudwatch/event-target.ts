/** The schedule's target: the function. */
import { type ResourceType } from "../resource-type";

export const cloudwatchEventTarget: ResourceType = {
  token: "aws:cloudwatch/eventTarget:EventTarget",
  plan: ["rule", "arn"],
  local: "read",
  calls: {
    terraform: "aws_cloudwatch_event_target",
    source: "internal/service/events/target.go",
    declaredBy: ["stacks"],
    create: [
      {
        call: "PutTargets",
        action: "events:PutTargets",
        on: "rule",
        when: "always (FailedEntries turned into an error)",
      },
      {
        call: "ListTargetsByRule",
        action: "events:ListTargetsByRule",
        on: "rule",
        when: "always (tail-call resourceTargetRead)",
      },
    ],
    read: [
      {
        call: "ListTargetsByRule",
        action: "events:ListTargetsByRule",
        on: "rule",
        when: "always",
      },
    ],
    update: [
      {
        call: "PutTargets",
        action: "events:PutTargets",
        on: "rule",
        when: "any change except force_destroy",
      },
      {
        call: "ListTargetsByRule",
        action: "events:ListTargetsByRule",
        on: "rule",
        when: "always (tail-call resourceTargetRead)",
      },
    ],
    delete: [
      {
        call: "RemoveTargets",
        action: "events:RemoveTargets",
        on: "rule",
        when: "always (Force = force_destroy); ResourceNotFoundException ignored; no waiter",
      },
    ],
  },
};
