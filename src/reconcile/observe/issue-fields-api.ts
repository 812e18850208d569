/**
 * The REST reads behind milestones, assignees and issue types, for observe. Their writes are
 * apply's ({@link createMilestone}, {@link updateMilestone}, {@link patchIssueFields}).
 */
import type { GitHubClient, RepoRef } from "../../github/client.js";
import { statusOf } from "../../github/client.js";
import { GITHUB_LIMITS } from "../../github/limits.js";
import { paginate } from "../../github/paginate.js";
import type { ObservedMilestone } from "./observed.js";

/** Every milestone of the repository, open and closed. */
export async function listMilestones(gh: GitHubClient, repo: RepoRef): Promise<ObservedMilestone[]> {
  const list = await paginate((page) =>
    gh.request("GET /repos/{owner}/{repo}/milestones", {
      ...repo,
      state: "all",
      per_page: GITHUB_LIMITS.perPage,
      page,
    }),
  );
  return list.map((m) => ({
    number: m.number,
    title: m.title,
    description: m.description ?? "",
    state: m.state === "closed" ? "closed" : "open",
    creator: m.creator?.login ?? null,
  }));
}

/** Whether `login` can be assigned issues in the repository (204 yes, 404 no). */
export async function canBeAssigned(gh: GitHubClient, repo: RepoRef, login: string): Promise<boolean> {
  try {
    await gh.request("GET /repos/{owner}/{repo}/assignees/{assignee}", { ...repo, assignee: login });
    return true;
  } catch (error) {
    if (statusOf(error) === 404) return false;
    throw error;
  }
}

/**
 * The organisation's enabled issue types by name; null where there are none to use: a
 * user-owned repository, an organisation without types or a host without the endpoint (404),
 * or a token not allowed to read them (403).
 */
export async function orgIssueTypes(gh: GitHubClient, org: string): Promise<string[] | null> {
  try {
    const { data } = await gh.request("GET /orgs/{org}/issue-types", { org });
    return data.flatMap((t) => (t !== null && t.is_enabled !== false ? [t.name] : []));
  } catch (error) {
    const status = statusOf(error);
    if (status === 404 || status === 403) return null;
    throw error;
  }
}
