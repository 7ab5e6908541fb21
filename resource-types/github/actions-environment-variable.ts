/** A GitHub Actions variable of one environment (bootstrap). */
import { type ResourceType } from "../resource-type";

export const githubActionsEnvironmentVariable: ResourceType = {
  token: "github:index/actionsEnvironmentVariable:ActionsEnvironmentVariable",
};
