/**
 * A write that failed without a clear answer — a 5xx, a timeout, a dropped connection — may have
 * happened. Such writes are sent once (`request: { retries: 0 }`, no plugin-retry resend) and,
 * when they fail that way, the caller looks at GitHub again before deciding anything.
 */
import { statusOf } from "../../github/client.js";
import type { GitHubClient, RepoRef } from "../../github/client.js";
import { GITHUB_LIMITS } from "../../github/limits.js";
import { paginate } from "../../github/paginate.js";
import { toTrackedIssue, type TrackedIssue } from "../observe/tracked-issues.js";
import { isTrustedIssue, type IssueTrust } from "../../identity/trust.js";

/** Request options that turn off plugin-retry for one non-idempotent write. */
export const SEND_ONCE = { request: { retries: 0 } } as const;

/** True when the write may have been applied although it failed. */
export function isAmbiguous(error: unknown): boolean {
  const status = statusOf(error);
  return status === undefined || status >= 500;
}

/** How far before the reconcile began to look for issues it may have opened (clock skew). */
const SINCE_SLACK_MS = 10 * 60 * 1000;

/** The issue tasksync opened for `key` since `startedAt`, if a create that failed took effect. */
export async function findCreatedIssue(
  gh: GitHubClient,
  repo: RepoRef,
  key: string,
  trust: IssueTrust,
  startedAt: number,
): Promise<TrackedIssue | undefined> {
  const since = new Date(startedAt - SINCE_SLACK_MS).toISOString();
  const issues = await paginate((page) =>
    gh.request("GET /repos/{owner}/{repo}/issues", {
      ...repo,
      labels: trust.label,
      state: "all",
      since,
      per_page: GITHUB_LIMITS.perPage,
      page,
    }),
  );
  return issues
    .flatMap((raw) => toTrackedIssue(raw as Parameters<typeof toTrackedIssue>[0]) ?? [])
    .filter((issue) => issue.key === key && isTrustedIssue(issue, trust))
    .sort((a, b) => a.number - b.number)[0];
}

/** Whether a comment with exactly `body` is on the issue (by `author` when known), posted since `startedAt`. */
export async function findComment(
  gh: GitHubClient,
  repo: RepoRef,
  issueNumber: number,
  body: string,
  author: string | undefined,
  startedAt: number,
): Promise<boolean> {
  const since = new Date(startedAt - SINCE_SLACK_MS).toISOString();
  const comments = await paginate((page) =>
    gh.request("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", {
      ...repo,
      issue_number: issueNumber,
      since,
      per_page: GITHUB_LIMITS.perPage,
      page,
    }),
  );
  return comments.some((c) => c.body === body && (author === undefined || c.user?.login === author));
}
