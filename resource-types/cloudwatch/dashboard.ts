/** The operations dashboard of a stack. */
import { arn, type ArnEnv } from "../../model/arn";
import { type ResourceType, physicalName } from "../resource-type";
import { line } from "../pricing";

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
  calls: {
    terraform: "aws_cloudwatch_dashboard",
    source: "internal/service/cloudwatch/dashboard.go",
    declaredBy: ["stacks"],
    create: [
      {
        call: "PutDashboard",
        action: "cloudwatch:PutDashboard",
        on: "dashboard",
        when: "always",
      },
      {
        call: "GetDashboard",
        action: "cloudwatch:GetDashboard",
        on: "dashboard",
        when: "always (tail-call resourceDashboardRead)",
      },
    ],
    read: [
      {
        call: "GetDashboard",
        action: "cloudwatch:GetDashboard",
        on: "dashboard",
        when: "always",
      },
    ],
    update: [
      {
        call: "PutDashboard",
        action: "cloudwatch:PutDashboard",
        on: "dashboard",
        when: "dashboard_body changed (dashboard_name is ForceNew)",
      },
      {
        call: "GetDashboard",
        action: "cloudwatch:GetDashboard",
        on: "dashboard",
        when: "always (tail-call resourceDashboardRead)",
      },
    ],
    delete: [
      {
        call: "DeleteDashboards",
        action: "cloudwatch:DeleteDashboards",
        on: "dashboard",
        when: "always; errors NOT ignored (no not-found tolerance); no waiter",
      },
    ],
  },
};
