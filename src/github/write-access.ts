/** Whether a person has write access to a repository: what GitHub asks of anyone who edits an issue someone else opened. */
import type { GitHubClient, RepoRef } from "./client.js";

const WRITE_ACCESS = new Set(["admin", "maintain", "write"]);

export async function hasWriteAccess(gh: GitHubClient, repo: RepoRef, login: string): Promise<boolean> {
  const { data } = await gh.request("GET /repos/{owner}/{repo}/collaborators/{username}/permission", {
    ...repo,
    username: login,
  });
  return WRITE_ACCESS.has(data.permission) || WRITE_ACCESS.has(data.role_name ?? "");
}
