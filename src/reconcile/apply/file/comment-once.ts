/**
 * Write-back's comments on task issues. Each carries a hidden tag, and a comment whose tag is
 * already on the issue is not posted again, so a redelivered event does not repeat it.
 */
import type { GitHubClient, RepoRef } from "../../../github/client.js";
import { GITHUB_LIMITS } from "../../../github/limits.js";
import { pages } from "../../../github/paginate.js";
import { SEND_ONCE } from "../ambiguous-write.js";

export const tagOf = (name: string): string => `<!-- tasksync:write-back ${name} -->`;

/** Posts `body` (tagged `name`) on the issue unless a comment with that tag is there. Returns whether it posted. */
export async function commentOnce(
  gh: GitHubClient,
  repo: RepoRef,
  issueNumber: number,
  name: string,
  body: string,
): Promise<boolean> {
  const tag = tagOf(name);
  const comments = pages((page) =>
    gh.request("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", {
      ...repo,
      issue_number: issueNumber,
      per_page: GITHUB_LIMITS.perPage,
      page,
    }),
  );
  for await (const page of comments) {
    if (page.some((c) => (c.body ?? "").includes(tag))) return false;
  }
  await gh.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
    ...repo,
    issue_number: issueNumber,
    body: `${tag}\n${body}`,
    ...SEND_ONCE, // not resent blindly: the next reconcile finds its tag if it was posted
  });
  return true;
}
