/**
 * Finds the issues tasksync manages: every issue with the app's label, open or closed, listed
 * 100 a page — never by title, never through the search API — and keyed by their marker.
 */
import { type GitHubClient, type RepoRef } from "../../github/client.js";
import { GITHUB_LIMITS } from "../../github/limits.js";
import { paginate } from "../../github/paginate.js";
import { markerKey, parseMarker, type Marker } from "../../identity/marker.js";

export interface TrackedIssue {
  key: string;
  marker: Marker;
  number: number;
  /** Database id: what the sub-issue and dependency endpoints take in their bodies. */
  id: number;
  nodeId: string;
  title: string;
  body: string;
  state: "open" | "closed";
  stateReason: string | null;
  labels: string[];
  /** Number of the parent issue, from parent_issue_url; null when it has none. */
  parentNumber: number | null;
  /** All blocked-by links GitHub reports (may lag right after a change). */
  blockedByTotal: number;
  htmlUrl: string;
  /** Login of the issue's author (tasksync trusts only issues its own bot opened); null when unknown. */
  author: string | null;
  /** When the issue was opened (ISO 8601); null when unknown. */
  createdAt: string | null;
  /** Logins assigned to it, its milestone's number and its issue type's name, when read. */
  assignees?: string[];
  milestoneNumber?: number | null;
  typeName?: string | null;
}

export interface RestIssue {
  number: number;
  id: number;
  node_id: string;
  title: string;
  body?: string | null;
  state: string;
  state_reason?: string | null;
  labels: Array<string | { name?: string }>;
  parent_issue_url?: string | null;
  issue_dependencies_summary?: { total_blocked_by?: number; blocked_by?: number } | null;
  html_url: string;
  pull_request?: unknown;
  user?: { login: string } | null;
  created_at?: string;
  assignees?: Array<{ login: string }> | null;
  milestone?: { number: number } | null;
  type?: { name: string } | null;
}

/** The issue as tracked, keyed by its marker (or by `marker` when given: an issue being adopted has none yet). */
export function toTrackedIssue(issue: RestIssue, given?: Marker): TrackedIssue | null {
  if (issue.pull_request !== undefined) return null;
  const marker = given ?? parseMarker(issue.body);
  if (!marker) return null;
  const parent = issue.parent_issue_url ? /\/issues\/(\d+)$/.exec(issue.parent_issue_url) : null;
  const deps = issue.issue_dependencies_summary;
  return {
    key: markerKey(marker),
    marker,
    number: issue.number,
    id: issue.id,
    nodeId: issue.node_id,
    title: issue.title,
    body: issue.body ?? "",
    state: issue.state === "closed" ? "closed" : "open",
    stateReason: issue.state_reason ?? null,
    labels: issue.labels.map((l) => (typeof l === "string" ? l : (l.name ?? ""))).filter((n) => n !== ""),
    parentNumber: parent?.[1] ? Number(parent[1]) : null,
    blockedByTotal: deps?.total_blocked_by ?? deps?.blocked_by ?? 0,
    htmlUrl: issue.html_url,
    author: issue.user?.login ?? null,
    createdAt: issue.created_at ?? null,
    assignees: (issue.assignees ?? []).map((a) => a.login),
    milestoneNumber: issue.milestone?.number ?? null,
    typeName: issue.type?.name ?? null,
  };
}

/** Every issue carrying `label`, as TrackedIssues (issues without a marker are skipped). */
export async function listTrackedIssues(gh: GitHubClient, repo: RepoRef, label: string): Promise<TrackedIssue[]> {
  const issues = await paginate((page) =>
    gh.request("GET /repos/{owner}/{repo}/issues", {
      ...repo,
      labels: label,
      state: "all",
      per_page: GITHUB_LIMITS.perPage,
      page,
    }),
  );
  return (issues as RestIssue[]).flatMap((issue) => toTrackedIssue(issue) ?? []);
}
