/**
 * Observe: what GitHub holds now (reads only). Tracked issues and labels once per reconcile;
 * blocked-by lists and the diagnostics comment only where the plan needs them.
 */
import type { GitHubClient, RepoRef } from "../../github/client.js";
import { GITHUB_LIMITS } from "../../github/limits.js";
import { paginate } from "../../github/paginate.js";
import { listTrackedIssues, type TrackedIssue } from "./tracked-issues.js";
import type { LinkedIssue, ObservedLabel } from "./observed.js";
import { DIAGNOSTICS_MARKER } from "../render/render-diagnostics.js";

export async function observeIssues(gh: GitHubClient, repo: RepoRef, trackingLabel: string): Promise<TrackedIssue[]> {
  return listTrackedIssues(gh, repo, trackingLabel);
}

/** The repository's labels by lower-cased name. */
export async function observeLabels(gh: GitHubClient, repo: RepoRef): Promise<Map<string, ObservedLabel>> {
  const labelList = await paginate((page) =>
    gh.request("GET /repos/{owner}/{repo}/labels", { ...repo, per_page: GITHUB_LIMITS.perPage, page }),
  );
  return new Map(labelList.map((l) => [l.name.toLowerCase(), { name: l.name, color: l.color, nodeId: l.node_id }]));
}

export async function observeBlockedBy(gh: GitHubClient, repo: RepoRef, issueNumber: number): Promise<LinkedIssue[]> {
  const list = await paginate((page) =>
    gh.request("GET /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by", {
      ...repo,
      issue_number: issueNumber,
      per_page: GITHUB_LIMITS.perPage,
      page,
    }),
  );
  return list.map((i) => ({ number: i.number, id: Number(i.id) }));
}

/** tasksync's diagnostics comment on an issue, or null. */
export async function observeDiagnosticsComment(
  gh: GitHubClient,
  repo: RepoRef,
  issueNumber: number,
): Promise<{ id: number; body: string } | null> {
  const comments = await listIssueComments(gh, repo, issueNumber);
  const mine = comments.find((c) => (c.body ?? "").startsWith(DIAGNOSTICS_MARKER));
  return mine ? { id: Number(mine.id), body: mine.body ?? "" } : null;
}

/** Every comment of an issue, oldest first, read in full pages. */
export async function listIssueComments(gh: GitHubClient, repo: RepoRef, issueNumber: number) {
  return paginate((page) =>
    gh.request("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", {
      ...repo,
      issue_number: issueNumber,
      per_page: GITHUB_LIMITS.perPage,
      page,
    }),
  );
}
