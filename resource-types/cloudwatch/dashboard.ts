/** The operations dashboard of a stack. */
import { arn, type ArnEnv } from "../../model/arn";
import { type ResourceType, physicalName } from "../resource-type";
import { line } from "../pricing";
import type { TypeCalls } from "../calls";
import dashboardCalls from "./dashboard.calls.json";

const arnOf = (env: ArnEnv, name: string): string => arn(env, "cloudwatch", `dashboard/${name}`, "account");

export const cloudwatchDashboard: ResourceType = {
  token: "aws:cloudwatch/dashboard:Dashboard",
  arn: arnOf,
  reported: (name, inputs, env) => {
    const dashboard = physicalName(name, inputs, "dashboardName");
    return {
      id: dashboard,
      state: { ...inputs, dashboardName: dashboard, dashboardArn: arnOf(env, dashboard) },
    };
  },
  price: (dashboards) => ({
    lines: [line("CloudWatch", "dashboards", dashboards.length, "cloudwatch.dashboard")],
  }),
  calls: dashboardCalls as TypeCalls,
};
