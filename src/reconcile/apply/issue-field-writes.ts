/**
 * The REST writes behind milestones and issue fields, sent only by apply
 * ({@link IssueFieldWrites}); their reads are observe's ({@link listMilestones}). Creating a
 * milestone is not idempotent: it is sent once (`retries: 0`) and the caller looks again before
 * resending after a lost answer.
 */
import type { GitHubClient, RepoRef } from "../../github/client.js";

const NO_RETRY = { request: { retries: 0 } } as const;

export async function createMilestone(
  gh: GitHubClient,
  repo: RepoRef,
  title: string,
  description: string,
): Promise<number> {
  const { data } = await gh.request("POST /repos/{owner}/{repo}/milestones", {
    ...repo,
    title,
    description,
    ...NO_RETRY,
  });
  return data.number;
}

export async function updateMilestone(
  gh: GitHubClient,
  repo: RepoRef,
  number: number,
  title: string,
  description: string,
  state?: "open" | "closed",
): Promise<void> {
  await gh.request("PATCH /repos/{owner}/{repo}/milestones/{milestone_number}", {
    ...repo,
    milestone_number: number,
    title,
    description,
    ...(state === undefined ? {} : { state }),
  });
}

export interface IssueFieldsPatch {
  /** A milestone number, or null to take the issue out of its milestone. */
  milestone?: number | null;
  /** The full list of logins. */
  assignees?: string[];
  /** An issue type by name. */
  type?: string;
}

/** One PATCH setting an issue's milestone, assignees and type (each only when given). */
export async function patchIssueFields(
  gh: GitHubClient,
  repo: RepoRef,
  issueNumber: number,
  patch: IssueFieldsPatch,
): Promise<void> {
  await gh.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
    ...repo,
    issue_number: issueNumber,
    ...patch,
  });
}
