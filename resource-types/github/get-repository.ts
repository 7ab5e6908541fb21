/** The repository the bootstrap's roles trust, with the id its tokens carry. */
import { type DataSource, hash } from "../resource-type";

/** The id GitHub would answer for a repository: a stand-in derived from its name. */
export function githubRepositoryId(fullName: string): number {
  return 700000 + (hash(fullName) % 100000);
}

export const githubGetRepository: DataSource = {
  token: "github:index/getRepository:getRepository",
  answer: (args) => ({
    fullName: args.fullName,
    name: String(args.fullName).split("/")[1],
    repoId: githubRepositoryId(String(args.fullName)),
    id: args.fullName,
  }),
};
