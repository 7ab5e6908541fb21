/** A GitHub user by login (bootstrap: the reviewers of prod). */
import { type DataSource, hash } from "../resource-type";

export const githubGetUser: DataSource = {
  token: "github:index/getUser:getUser",
  // A stand-in user id per login, as the GitHub API would answer.
  answer: (args) => ({ id: String(1000 + (hash(String(args.username)) % 100000)), login: args.username }),
};
