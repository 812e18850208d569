/** The files a pull request changes (GitHub's diff from the merge base), every page. */
import type { GitHubClient, RepoRef } from "../../github/client.js";
import { GITHUB_LIMITS } from "../../github/limits.js";
import { paginate } from "../../github/paginate.js";

export interface PullFile {
  path: string;
  /** The path at the base: differs from `path` for a rename. */
  basePath: string;
  status: string;
}

export async function listPullFiles(gh: GitHubClient, repo: RepoRef, pullNumber: number): Promise<PullFile[]> {
  const files = await paginate((page) =>
    gh.request("GET /repos/{owner}/{repo}/pulls/{pull_number}/files", {
      ...repo,
      pull_number: pullNumber,
      per_page: GITHUB_LIMITS.perPage,
      page,
    }),
  );
  return files.map((f) => ({ path: f.filename, basePath: f.previous_filename ?? f.filename, status: f.status }));
}
