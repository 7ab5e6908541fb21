/** Which branches may deploy to an environment (bootstrap). */
import { type ResourceType } from "../resource-type";

export const githubRepositoryEnvironmentDeploymentPolicy: ResourceType = {
  token: "github:index/repositoryEnvironmentDeploymentPolicy:RepositoryEnvironmentDeploymentPolicy",
};
