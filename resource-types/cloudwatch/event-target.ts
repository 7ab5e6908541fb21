/** The schedule's target: the function. */
import { type ResourceType } from "../resource-type";
import type { TypeCalls } from "../calls";
import eventTargetCalls from "./event-target.calls.json";

export const cloudwatchEventTarget: ResourceType = {
  token: "aws:cloudwatch/eventTarget:EventTarget",
  plan: ["rule", "arn"],
  local: "read",
  calls: eventTargetCalls as TypeCalls,
};
