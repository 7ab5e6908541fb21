/** A GitHub deployment environment per stack (bootstrap). */
import { type ResourceType } from "../resource-type";

export const githubRepositoryEnvironment: ResourceType = {
  token: "github:index/repositoryEnvironment:RepositoryEnvironment",
};
