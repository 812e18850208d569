/** Issue comments. */
import { checkBodyLength } from "./issues.js";
import { HttpError, validationFailed } from "../errors.js";
import { nodeId } from "../ids.js";
import { emitIssueComment } from "../payloads.js";
import type { CommentRecord, IssueRecord, RepoRecord, UserRecord } from "./records.js";
import type { State } from "./state.js";
import { issueApi } from "./issues.js";
import { repoApi, repoHtml } from "./repos.js";
import { userJson } from "./users.js";

export function createComment(state: State, issue: IssueRecord, user: UserRecord, body: unknown): CommentRecord {
  if (typeof body !== "string" || body === "")
    throw validationFailed([{ resource: "IssueComment", code: "missing_field", field: "body" }]);
  checkBodyLength("IssueComment", body);
  const id = state.nextId();
  const now = state.timestamp();
  const c: CommentRecord = { id, node_id: nodeId("IC", id), issue, body, user, createdAt: now, updatedAt: now };
  state.comments.set(id, c);
  issue.updatedAt = now;
  emitIssueComment(state, "created", c, user);
  return c;
}

export function getComment(state: State, repo: RepoRecord, id: number): CommentRecord {
  const c = state.comments.get(id);
  if (!c || c.issue.repo !== repo) throw new HttpError(404, "Not Found");
  return c;
}

export function updateComment(state: State, c: CommentRecord, user: UserRecord, body: unknown): void {
  if (typeof body !== "string" || body === "")
    throw validationFailed([{ resource: "IssueComment", code: "missing_field", field: "body" }]);
  checkBodyLength("IssueComment", body);
  const from = c.body;
  c.body = body;
  c.updatedAt = state.timestamp();
  emitIssueComment(state, "edited", c, user, { changes: { body: { from } } });
}

export function deleteComment(state: State, c: CommentRecord, user: UserRecord): void {
  state.comments.delete(c.id);
  emitIssueComment(state, "deleted", c, user);
}

export function commentsOf(state: State, issue: IssueRecord): CommentRecord[] {
  return [...state.comments.values()].filter((c) => c.issue === issue);
}

export function commentJson(state: State, c: CommentRecord): Record<string, unknown> {
  const html = `${repoHtml(state, c.issue.repo)}/${c.issue.pull ? "pull" : "issues"}/${c.issue.number}#issuecomment-${c.id}`;
  return {
    id: c.id,
    node_id: c.node_id,
    url: `${repoApi(state, c.issue.repo)}/issues/comments/${c.id}`,
    html_url: html,
    body: c.body,
    user: userJson(state, c.user),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    issue_url: issueApi(state, c.issue),
    author_association: c.user.id === c.issue.repo.owner.id ? "OWNER" : "NONE",
    performed_via_github_app: null,
    reactions: {
      url: `${repoApi(state, c.issue.repo)}/issues/comments/${c.id}/reactions`,
      total_count: 0,
      "+1": 0,
      "-1": 0,
      laugh: 0,
      hooray: 0,
      confused: 0,
      heart: 0,
      rocket: 0,
      eyes: 0,
    },
  };
}
