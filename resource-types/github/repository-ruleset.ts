/** The repository's ruleset protecting main (bootstrap). */
import { type ResourceType } from "../resource-type";

export const githubRepositoryRuleset: ResourceType = {
  token: "github:index/repositoryRuleset:RepositoryRuleset",
};
