/** A GitHub Actions variable of the repository (bootstrap: the role ARNs the workflows assume). */
import { type ResourceType } from "../resource-type";

export const githubActionsVariable: ResourceType = {
  token: "github:index/actionsVariable:ActionsVariable",
};
