/** Pull requests: an issue with a head and a base branch. */
import { HttpError, validationFailed } from "../errors.js";
import { nodeId } from "../ids.js";
import { emitPullRequestEvent } from "../payloads.js";
import type { IssueRecord, PullRecord, RepoRecord, UserRecord } from "./records.js";
import type { State } from "./state.js";
import { issueApi, issueLabels, newIssueRecord, commentCount } from "./issues.js";
import { labelJson } from "./labels.js";
import { repoApi, repoHtml, repoJson } from "./repos.js";
import { userJson } from "./users.js";

export function getPull(repo: RepoRecord, number: number): IssueRecord & { pull: PullRecord } {
  const issue = repo.issues.get(number);
  if (!issue?.pull) throw new HttpError(404, "Not Found");
  return issue as IssueRecord & { pull: PullRecord };
}

export function headSha(issue: IssueRecord & { pull: PullRecord }): string {
  return issue.pull.frozenHeadSha ?? issue.repo.git.refs.get(`refs/heads/${issue.pull.headRef}`) ?? "";
}

export function baseSha(issue: IssueRecord & { pull: PullRecord }): string {
  return issue.repo.git.refs.get(`refs/heads/${issue.pull.baseRef}`) ?? "";
}

/** "owner:branch" or "branch" -> branch, for a same-repository head */
function headBranch(repo: RepoRecord, head: string): string {
  const m = /^([^:]+):(.+)$/.exec(head);
  if (m && m[1]!.toLowerCase() !== repo.owner.login.toLowerCase()) {
    throw validationFailed([{ resource: "PullRequest", code: "invalid", field: "head" }]);
  }
  return m ? m[2]! : head;
}

export function createPull(
  state: State,
  repo: RepoRecord,
  user: UserRecord,
  input: { title?: unknown; head?: unknown; base?: unknown; body?: unknown; draft?: unknown },
): IssueRecord & { pull: PullRecord } {
  if (typeof input.title !== "string" || input.title === "")
    throw validationFailed([{ resource: "PullRequest", code: "missing_field", field: "title" }]);
  if (typeof input.head !== "string")
    throw validationFailed([{ resource: "PullRequest", code: "missing_field", field: "head" }]);
  if (typeof input.base !== "string")
    throw validationFailed([{ resource: "PullRequest", code: "missing_field", field: "base" }]);
  const head = headBranch(repo, input.head);
  const headSha = repo.git.refs.get(`refs/heads/${head}`);
  const baseSha = repo.git.refs.get(`refs/heads/${input.base}`);
  if (!headSha) throw validationFailed([{ resource: "PullRequest", code: "invalid", field: "head" }]);
  if (!baseSha) throw validationFailed([{ resource: "PullRequest", code: "invalid", field: "base" }]);
  for (const i of repo.issues.values()) {
    if (i.pull && i.state === "open" && i.pull.headRef === head && i.pull.baseRef === input.base) {
      throw validationFailed([
        {
          resource: "PullRequest",
          code: "custom",
          message: `A pull request already exists for ${repo.owner.login}:${head}.`,
        },
      ]);
    }
  }
  if (repo.git.commitsBetween(baseSha, headSha).length === 0) {
    throw validationFailed([
      { resource: "PullRequest", code: "custom", message: `No commits between ${input.base} and ${head}` },
    ]);
  }
  const issue = newIssueRecord(state, repo, user, input.title, typeof input.body === "string" ? input.body : null);
  const id = state.nextId();
  issue.pull = {
    issue,
    id,
    node_id: nodeId("PR", id),
    headRef: head,
    baseRef: input.base,
    frozenHeadSha: null,
    draft: input.draft === true,
    mergedAt: null,
  };
  const pr = issue as IssueRecord & { pull: PullRecord };
  emitPullRequestEvent(state, "opened", pr, user);
  return pr;
}

export function updatePull(
  state: State,
  pr: IssueRecord & { pull: PullRecord },
  user: UserRecord,
  input: { title?: unknown; body?: unknown; state?: unknown; base?: unknown },
): void {
  const changes: Record<string, unknown> = {};
  if (typeof input.title === "string" && input.title !== pr.title) {
    changes["title"] = { from: pr.title };
    pr.title = input.title;
  }
  if ((typeof input.body === "string" || input.body === null) && input.body !== pr.body) {
    changes["body"] = { from: pr.body ?? "" };
    pr.body = input.body;
  }
  if (typeof input.base === "string" && input.base !== pr.pull.baseRef) {
    if (!pr.repo.git.refs.has(`refs/heads/${input.base}`))
      throw validationFailed([{ resource: "PullRequest", code: "invalid", field: "base" }]);
    changes["base"] = { ref: { from: pr.pull.baseRef }, sha: { from: baseSha(pr) } };
    pr.pull.baseRef = input.base;
  }
  if (input.state !== undefined && input.state !== "open" && input.state !== "closed") {
    throw validationFailed([{ resource: "PullRequest", code: "invalid", field: "state" }]);
  }
  let action: "closed" | "reopened" | undefined;
  const now = state.timestamp();
  if (input.state === "closed" && pr.state === "open") {
    pr.pull.frozenHeadSha = headSha(pr);
    pr.state = "closed";
    pr.closedAt = now;
    pr.closedBy = user;
    action = "closed";
  } else if (input.state === "open" && pr.state === "closed") {
    pr.pull.frozenHeadSha = null;
    pr.state = "open";
    pr.closedAt = null;
    pr.closedBy = null;
    action = "reopened";
  }
  if (Object.keys(changes).length || action) pr.updatedAt = now;
  if (Object.keys(changes).length) emitPullRequestEvent(state, "edited", pr, user, { changes });
  if (action) emitPullRequestEvent(state, action, pr, user);
}

function branchJson(
  state: State,
  pr: IssueRecord & { pull: PullRecord },
  ref: string,
  sha: string,
): Record<string, unknown> {
  return {
    label: `${pr.repo.owner.login}:${ref}`,
    ref,
    sha,
    user: userJson(state, pr.repo.owner),
    repo: repoJson(state, pr.repo),
  };
}

export function pullJson(state: State, pr: IssueRecord & { pull: PullRecord }): Record<string, unknown> {
  const api = `${repoApi(state, pr.repo)}/pulls/${pr.number}`;
  const html = `${repoHtml(state, pr.repo)}/pull/${pr.number}`;
  const head = headSha(pr);
  const base = baseSha(pr);
  const commits = pr.repo.git.commitsBetween(base, head);
  const files = pr.repo.git.diff(pr.repo.git.mergeBase(base, head), head);
  return {
    url: api,
    id: pr.pull.id,
    node_id: pr.pull.node_id,
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issueApi(state, pr),
    commits_url: `${api}/commits`,
    review_comments_url: `${api}/comments`,
    review_comment_url: `${repoApi(state, pr.repo)}/pulls/comments{/number}`,
    comments_url: `${issueApi(state, pr)}/comments`,
    statuses_url: `${repoApi(state, pr.repo)}/statuses/${head}`,
    number: pr.number,
    state: pr.state,
    locked: pr.locked,
    title: pr.title,
    user: userJson(state, pr.user),
    body: pr.body,
    labels: issueLabels(pr).map((l) => labelJson(state, pr.repo, l!)),
    milestone: null,
    active_lock_reason: null,
    created_at: pr.createdAt,
    updated_at: pr.updatedAt,
    closed_at: pr.closedAt,
    merged_at: pr.pull.mergedAt,
    merge_commit_sha: null,
    assignee: pr.assignees[0] ? userJson(state, pr.assignees[0]) : null,
    assignees: pr.assignees.map((u) => userJson(state, u)),
    requested_reviewers: [],
    requested_teams: [],
    head: branchJson(state, pr, pr.pull.headRef, head),
    base: branchJson(state, pr, pr.pull.baseRef, base),
    _links: {
      self: { href: api },
      html: { href: html },
      issue: { href: issueApi(state, pr) },
      comments: { href: `${issueApi(state, pr)}/comments` },
      review_comments: { href: `${api}/comments` },
      review_comment: { href: `${repoApi(state, pr.repo)}/pulls/comments{/number}` },
      commits: { href: `${api}/commits` },
      statuses: { href: `${repoApi(state, pr.repo)}/statuses/${head}` },
    },
    author_association: pr.user.id === pr.repo.owner.id ? "OWNER" : "MEMBER",
    auto_merge: null,
    draft: pr.pull.draft,
    merged: pr.pull.mergedAt !== null,
    mergeable: true,
    rebaseable: true,
    mergeable_state: "clean",
    merged_by: null,
    comments: commentCount(state, pr),
    review_comments: 0,
    maintainer_can_modify: false,
    commits: commits.length,
    additions: 0,
    deletions: 0,
    changed_files: files.length,
  };
}
