/** Issues (pull requests are issues too): creation, updates, labels, listing and JSON. */
import { MAX_BODY } from "./limits.js";
import { HttpError, validationFailed } from "../errors.js";
import { nodeId } from "../ids.js";
import { emitIssueEvent } from "../payloads.js";
import type { IssueRecord, RepoRecord, StateReason, UserRecord } from "./records.js";
import type { State } from "./state.js";
import { ensureLabel, labelById, labelJson, findLabel } from "./labels.js";
import { repoApi, repoHtml } from "./repos.js";
import { userJson } from "./users.js";
import { issueFieldsJson, resolveIssueFields } from "./issue-fields.js";

const STATE_REASONS: ReadonlySet<string> = new Set(["completed", "not_planned", "reopened", "duplicate"]);

export function issueApi(state: State, issue: IssueRecord): string {
  return `${repoApi(state, issue.repo)}/issues/${issue.number}`;
}

export function getIssue(repo: RepoRecord, number: number): IssueRecord {
  const issue = Number.isInteger(number) ? repo.issues.get(number) : undefined;
  if (!issue) throw new HttpError(404, "Not Found");
  return issue;
}

export function commentCount(state: State, issue: IssueRecord): number {
  let n = 0;
  for (const c of state.comments.values()) if (c.issue === issue) n++;
  return n;
}

export function subIssuesSummary(
  state: State,
  issue: IssueRecord,
): { total: number; completed: number; percent_completed: number } {
  const children = issue.subIssueIds
    .map((id) => state.issuesById.get(id))
    .filter((i): i is IssueRecord => i !== undefined);
  const completed = children.filter((c) => c.state === "closed").length;
  const total = children.length;
  return { total, completed, percent_completed: total === 0 ? 0 : Math.floor((completed * 100) / total) };
}

export function blockingIssues(state: State, issue: IssueRecord): IssueRecord[] {
  const out: IssueRecord[] = [];
  for (const other of state.issuesById.values()) if (other.blockedByIds.includes(issue.id)) out.push(other);
  return out;
}

export function dependenciesSummary(state: State, issue: IssueRecord): Record<string, number> {
  const blockers = issue.blockedByIds
    .map((id) => state.issuesById.get(id))
    .filter((i): i is IssueRecord => i !== undefined);
  const blocking = blockingIssues(state, issue);
  return {
    blocked_by: blockers.filter((b) => b.state === "open").length,
    blocking: blocking.filter((b) => b.state === "open").length,
    total_blocked_by: blockers.length,
    total_blocking: blocking.length,
  };
}

export function issueLabels(issue: IssueRecord): ReturnType<typeof labelById>[] {
  return issue.labelIds.map((id) => labelById(issue.repo, id)).filter((l) => l !== undefined);
}

export function issueJson(state: State, issue: IssueRecord): Record<string, unknown> {
  const api = issueApi(state, issue);
  const html = `${repoHtml(state, issue.repo)}/${issue.pull ? "pull" : "issues"}/${issue.number}`;
  const parent = issue.parentId === null ? undefined : state.issuesById.get(issue.parentId);
  const json: Record<string, unknown> = {
    url: api,
    repository_url: repoApi(state, issue.repo),
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    html_url: html,
    id: issue.id,
    node_id: issue.node_id,
    number: issue.number,
    title: issue.title,
    user: userJson(state, issue.user),
    labels: issueLabels(issue).map((l) => labelJson(state, issue.repo, l!)),
    state: issue.state,
    locked: issue.locked,
    assignee: issue.assignees[0] ? userJson(state, issue.assignees[0]) : null,
    assignees: issue.assignees.map((u) => userJson(state, u)),
    ...issueFieldsJson(state, issue),
    comments: commentCount(state, issue),
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    author_association: issue.user.id === issue.repo.owner.id ? "OWNER" : issue.user.type === "Bot" ? "NONE" : "MEMBER",
    active_lock_reason: null,
    body: issue.body,
    closed_by: issue.closedBy ? userJson(state, issue.closedBy) : null,
    reactions: {
      url: `${api}/reactions`,
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
    timeline_url: `${api}/timeline`,
    performed_via_github_app: null,
    state_reason: issue.stateReason,
    parent_issue_url: parent ? issueApi(state, parent) : null,
    sub_issues_summary: subIssuesSummary(state, issue),
    issue_dependencies_summary: dependenciesSummary(state, issue),
  };
  if (issue.pull) {
    const pullApi = `${repoApi(state, issue.repo)}/pulls/${issue.number}`;
    json["draft"] = issue.pull.draft;
    json["pull_request"] = {
      url: pullApi,
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      merged_at: issue.pull.mergedAt,
    };
  }
  return json;
}

function labelNames(value: unknown): string[] {
  if (!Array.isArray(value)) throw validationFailed([{ resource: "Issue", code: "invalid", field: "labels" }]);
  return value.map((v) => {
    if (typeof v === "string") return v;
    if (v && typeof v === "object" && typeof (v as { name?: unknown }).name === "string")
      return (v as { name: string }).name;
    throw validationFailed([{ resource: "Issue", code: "invalid", field: "labels" }]);
  });
}

export interface IssueInput {
  title?: unknown;
  body?: unknown;
  labels?: unknown;
  assignees?: unknown;
  milestone?: unknown;
  type?: unknown;
  state?: unknown;
  state_reason?: unknown;
}

export function newIssueRecord(
  state: State,
  repo: RepoRecord,
  user: UserRecord,
  title: string,
  body: string | null,
): IssueRecord {
  const id = state.nextIssueId();
  const now = state.timestamp();
  const issue: IssueRecord = {
    repo,
    number: repo.nextNumber++,
    id,
    node_id: nodeId("I", id),
    title,
    body,
    state: "open",
    stateReason: null,
    labelIds: [],
    user,
    assignees: [],
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    closedBy: null,
    locked: false,
    pull: null,
    subIssueIds: [],
    parentId: null,
    blockedByIds: [],
  };
  repo.issues.set(issue.number, issue);
  state.issuesById.set(id, issue);
  return issue;
}

export function createIssue(state: State, repo: RepoRecord, user: UserRecord, input: IssueInput): IssueRecord {
  if (typeof input.title !== "string" && typeof input.title !== "number") {
    throw validationFailed([{ resource: "Issue", code: "missing_field", field: "title" }]);
  }
  if (String(input.title).trim() === "")
    throw validationFailed([{ resource: "Issue", code: "missing_field", field: "title" }]);
  const body = typeof input.body === "string" ? input.body : null;
  checkBodyLength("Issue", body);
  const names = input.labels === undefined ? [] : labelNames(input.labels);
  const setFields = resolveIssueFields(state, repo, input);
  const issue = newIssueRecord(state, repo, user, String(input.title), body);
  issue.labelIds = [...new Set(names.map((n) => ensureLabel(state, repo, n).id))];
  setFields(issue);
  emitIssueEvent(state, "opened", issue, user);
  for (const id of issue.labelIds)
    emitIssueEvent(state, "labeled", issue, user, { label: labelJson(state, repo, labelById(repo, id)!) });
  return issue;
}

/** PATCH semantics: only given fields change; webhooks for each visible change. */
export function updateIssue(state: State, issue: IssueRecord, user: UserRecord, input: IssueInput): IssueRecord {
  checkBodyLength("Issue", typeof input.body === "string" ? input.body : null);
  const changes: Record<string, { from: unknown }> = {};
  if (input.title !== undefined) {
    if (typeof input.title !== "string" || input.title.trim() === "") {
      throw validationFailed([{ resource: "Issue", code: "missing_field", field: "title" }]);
    }
    if (input.title !== issue.title) changes["title"] = { from: issue.title };
  }
  if (input.body !== undefined && input.body !== null && typeof input.body !== "string") {
    throw validationFailed([{ resource: "Issue", code: "invalid", field: "body" }]);
  }
  if (input.state !== undefined && input.state !== "open" && input.state !== "closed") {
    throw validationFailed([{ resource: "Issue", code: "invalid", field: "state" }]);
  }
  if (
    input.state_reason !== undefined &&
    input.state_reason !== null &&
    !STATE_REASONS.has(String(input.state_reason))
  ) {
    throw validationFailed([{ resource: "Issue", code: "invalid", field: "state_reason" }]);
  }
  const newLabels = input.labels === undefined ? undefined : labelNames(input.labels);
  const setFields = resolveIssueFields(state, issue.repo, input);

  let touched = false;
  if (changes["title"]) {
    issue.title = input.title as string;
  }
  if (input.body !== undefined && input.body !== issue.body) {
    changes["body"] = { from: issue.body ?? "" };
    issue.body = input.body as string | null;
  }
  if (Object.keys(changes).length) touched = true;
  const now = state.timestamp();
  if (changes["body"]) {
    issue.editor = user;
    issue.lastEditedAt = now;
  }
  let stateAction: "closed" | "reopened" | undefined;
  if (input.state === "closed" && issue.state === "open") {
    issue.state = "closed";
    issue.closedAt = now;
    issue.closedBy = user;
    issue.stateReason = (input.state_reason as StateReason | null | undefined) ?? "completed";
    if (issue.stateReason === "reopened") issue.stateReason = "completed";
    stateAction = "closed";
  } else if (input.state === "open" && issue.state === "closed") {
    issue.state = "open";
    issue.closedAt = null;
    issue.closedBy = null;
    issue.stateReason = "reopened";
    stateAction = "reopened";
  } else if (input.state_reason !== undefined && issue.state === "closed" && input.state_reason !== null) {
    if (issue.stateReason !== input.state_reason) {
      issue.stateReason = input.state_reason as StateReason;
      touched = true;
    }
  }
  let added: number[] = [];
  let removed: number[] = [];
  if (newLabels) {
    const ids = [...new Set(newLabels.map((n) => ensureLabel(state, issue.repo, n).id))];
    added = ids.filter((id) => !issue.labelIds.includes(id));
    removed = issue.labelIds.filter((id) => !ids.includes(id));
    issue.labelIds = ids;
  }
  setFields(issue);
  const fieldsGiven = input.assignees !== undefined || input.milestone !== undefined || input.type !== undefined;
  if (touched || stateAction || added.length || removed.length || fieldsGiven) issue.updatedAt = now;

  if (Object.keys(changes).length) emitIssueEvent(state, "edited", issue, user, { changes });
  if (stateAction) emitIssueEvent(state, stateAction, issue, user);
  emitLabelChanges(state, issue, user, added, removed);
  return issue;
}

export function emitLabelChanges(
  state: State,
  issue: IssueRecord,
  user: UserRecord,
  added: number[],
  removed: number[],
): void {
  for (const id of added) {
    const l = labelById(issue.repo, id);
    if (l) emitIssueEvent(state, "labeled", issue, user, { label: labelJson(state, issue.repo, l) });
  }
  for (const [id, name] of removed.map((id) => [id, labelById(issue.repo, id)?.name] as const)) {
    emitIssueEvent(state, "unlabeled", issue, user, { label: { id, name } });
  }
}

export function addLabels(state: State, issue: IssueRecord, user: UserRecord, value: unknown): void {
  const raw =
    value && typeof value === "object" && !Array.isArray(value) ? (value as { labels?: unknown }).labels : value;
  const names = labelNames(raw);
  const added: number[] = [];
  for (const n of names) {
    const l = ensureLabel(state, issue.repo, n);
    if (!issue.labelIds.includes(l.id)) {
      issue.labelIds.push(l.id);
      added.push(l.id);
    }
  }
  if (added.length) issue.updatedAt = state.timestamp();
  emitLabelChanges(state, issue, user, added, []);
}

export function removeLabel(state: State, issue: IssueRecord, user: UserRecord, name: string): void {
  const l = findLabel(issue.repo, name);
  if (!l || !issue.labelIds.includes(l.id)) throw new HttpError(404, "Label does not exist");
  issue.labelIds = issue.labelIds.filter((id) => id !== l.id);
  issue.updatedAt = state.timestamp();
  emitIssueEvent(state, "unlabeled", issue, user, { label: labelJson(state, issue.repo, l) });
}

/** GET /repos/{o}/{r}/issues filters and order (before pagination). */
export function filterIssues(state: State, repo: RepoRecord, q: URLSearchParams): IssueRecord[] {
  const stateFilter = q.get("state") ?? "open";
  if (!["open", "closed", "all"].includes(stateFilter))
    throw validationFailed([{ resource: "Issue", code: "invalid", field: "state" }]);
  const labels = (q.get("labels") ?? "")
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== "");
  const since = q.get("since");
  const sinceMs = since ? Date.parse(since) : undefined;
  if (sinceMs !== undefined && Number.isNaN(sinceMs))
    throw validationFailed([{ resource: "Issue", code: "invalid", field: "since" }]);
  const creator = q.get("creator")?.toLowerCase();
  const assignee = q.get("assignee")?.toLowerCase();
  let list = [...repo.issues.values()].filter((i) => {
    if (stateFilter !== "all" && i.state !== stateFilter) return false;
    if (labels.length) {
      const names = new Set(issueLabels(i).map((l) => l!.name.toLowerCase()));
      if (!labels.every((l) => names.has(l))) return false;
    }
    if (sinceMs !== undefined && Date.parse(i.updatedAt) < sinceMs) return false;
    if (creator && i.user.login.toLowerCase() !== creator) return false;
    if (assignee === "none" && i.assignees.length) return false;
    if (assignee === "*" && !i.assignees.length) return false;
    if (
      assignee &&
      assignee !== "none" &&
      assignee !== "*" &&
      !i.assignees.some((a) => a.login.toLowerCase() === assignee)
    )
      return false;
    return true;
  });
  const sort = q.get("sort") ?? "created";
  const dir = (q.get("direction") ?? "desc") === "asc" ? 1 : -1;
  const key = (i: IssueRecord): number =>
    sort === "updated"
      ? Date.parse(i.updatedAt)
      : sort === "comments"
        ? commentCount(state, i)
        : Date.parse(i.createdAt);
  list = list.sort((a, b) => (key(a) - key(b) || a.number - b.number) * dir);
  return list;
}

/** GitHub refuses a body longer than its limit with 422. */
export function checkBodyLength(resource: string, body: string | null): void {
  if (body !== null && body.length > MAX_BODY) {
    throw validationFailed([
      { resource, code: "custom", field: "body", message: `body is too long (maximum is ${MAX_BODY} characters)` },
    ]);
  }
}
