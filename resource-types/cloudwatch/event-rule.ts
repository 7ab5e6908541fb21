/** The schedule that invokes the function. */
import { arn, type ArnEnv } from "../../model/arn";
import { type ResourceType, reportsNameAndArn } from "../resource-type";
import type { TypeCalls } from "../calls";
import eventRuleCalls from "./event-rule.calls.json";

const arnOf = (env: ArnEnv, name: string): string => arn(env, "events", `rule/${name}`);

export const cloudwatchEventRule: ResourceType = {
  token: "aws:cloudwatch/eventRule:EventRule",
  arn: arnOf,
  reported: reportsNameAndArn(arnOf),
  plan: ["name", "scheduleExpression"],
  local: "realised",
  calls: eventRuleCalls as TypeCalls,
};
