/** Sub-issues (parent/children, ordered) and issue dependencies (blocked by / blocking). */
import { HttpError, validationFailed } from "../errors.js";
import type { IssueRecord } from "./records.js";
import type { State } from "./state.js";
import { blockingIssues } from "./issues.js";
import { MAX_DEPENDENCIES, MAX_SUB_ISSUES, MAX_SUB_ISSUE_DEPTH } from "./limits.js";

function idFrom(value: unknown, field: string): number {
  const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isInteger(n))
    throw validationFailed([{ resource: "Issue", code: "invalid", field }]);
  return n;
}

function issueById(state: State, id: number, field: string): IssueRecord {
  const issue = state.issuesById.get(id);
  if (!issue) {
    throw validationFailed([
      { resource: "Issue", code: "invalid", field, message: `Issue with id ${id} does not exist` },
    ]);
  }
  return issue;
}

function depthAbove(state: State, issue: IssueRecord): number {
  let depth = 1;
  let cur = issue;
  while (cur.parentId !== null) {
    const p = state.issuesById.get(cur.parentId);
    if (!p) break;
    depth++;
    cur = p;
  }
  return depth;
}

function depthBelow(state: State, issue: IssueRecord): number {
  let max = 0;
  for (const id of issue.subIssueIds) {
    const c = state.issuesById.get(id);
    if (c) max = Math.max(max, depthBelow(state, c));
  }
  return max + 1;
}

function isAncestor(state: State, candidate: IssueRecord, of: IssueRecord): boolean {
  let cur: IssueRecord | undefined = of;
  while (cur) {
    if (cur === candidate) return true;
    cur = cur.parentId === null ? undefined : state.issuesById.get(cur.parentId);
  }
  return false;
}

export function addSubIssue(
  state: State,
  parent: IssueRecord,
  body: { sub_issue_id?: unknown; replace_parent?: unknown },
): IssueRecord {
  const childId = idFrom(body.sub_issue_id, "sub_issue_id");
  const child = issueById(state, childId, "sub_issue_id");
  if (child.pull)
    throw validationFailed([
      { resource: "Issue", code: "invalid", field: "sub_issue_id", message: "Pull requests cannot be sub-issues" },
    ]);
  if (isAncestor(state, child, parent)) {
    throw validationFailed([
      { resource: "Issue", code: "invalid", field: "sub_issue_id", message: "An issue cannot be its own ancestor" },
    ]);
  }
  if (child.parentId === parent.id) {
    throw validationFailed([
      {
        resource: "Issue",
        code: "custom",
        field: "sub_issue_id",
        message: "Issue is already a sub-issue of this parent",
      },
    ]);
  }
  if (child.parentId !== null && body.replace_parent !== true) {
    throw validationFailed([
      { resource: "Issue", code: "custom", field: "sub_issue_id", message: "Issue may not contain a parent issue" },
    ]);
  }
  if (parent.subIssueIds.length >= MAX_SUB_ISSUES) {
    throw validationFailed([
      {
        resource: "Issue",
        code: "custom",
        field: "sub_issue_id",
        message: `Parent issue cannot have more than ${MAX_SUB_ISSUES} sub-issues`,
      },
    ]);
  }
  if (depthAbove(state, parent) + depthBelow(state, child) > MAX_SUB_ISSUE_DEPTH) {
    throw validationFailed([
      {
        resource: "Issue",
        code: "custom",
        field: "sub_issue_id",
        message: `Sub-issues cannot be nested more than ${MAX_SUB_ISSUE_DEPTH} levels`,
      },
    ]);
  }
  if (child.parentId !== null) {
    const old = state.issuesById.get(child.parentId);
    if (old) old.subIssueIds = old.subIssueIds.filter((id) => id !== child.id);
  }
  child.parentId = parent.id;
  parent.subIssueIds.push(child.id);
  const now = state.timestamp();
  parent.updatedAt = now;
  child.updatedAt = now;
  return child;
}

export function subIssuesOf(state: State, parent: IssueRecord): IssueRecord[] {
  return parent.subIssueIds.map((id) => state.issuesById.get(id)).filter((i): i is IssueRecord => i !== undefined);
}

export function removeSubIssue(state: State, parent: IssueRecord, body: { sub_issue_id?: unknown }): IssueRecord {
  const childId = idFrom(body.sub_issue_id, "sub_issue_id");
  const child = state.issuesById.get(childId);
  if (!child || child.parentId !== parent.id) throw new HttpError(404, "Not Found");
  parent.subIssueIds = parent.subIssueIds.filter((id) => id !== childId);
  child.parentId = null;
  const now = state.timestamp();
  parent.updatedAt = now;
  child.updatedAt = now;
  return child;
}

export function reprioritizeSubIssue(
  parent: IssueRecord,
  body: { sub_issue_id?: unknown; after_id?: unknown; before_id?: unknown },
): void {
  const childId = idFrom(body.sub_issue_id, "sub_issue_id");
  if (!parent.subIssueIds.includes(childId))
    throw validationFailed([{ resource: "Issue", code: "invalid", field: "sub_issue_id" }]);
  const hasAfter = body.after_id !== undefined && body.after_id !== null;
  const hasBefore = body.before_id !== undefined && body.before_id !== null;
  if (hasAfter === hasBefore)
    throw validationFailed([{ resource: "Issue", code: "invalid", field: hasAfter ? "before_id" : "after_id" }]);
  const anchorId = idFrom(hasAfter ? body.after_id : body.before_id, hasAfter ? "after_id" : "before_id");
  if (!parent.subIssueIds.includes(anchorId) || anchorId === childId) {
    throw validationFailed([{ resource: "Issue", code: "invalid", field: hasAfter ? "after_id" : "before_id" }]);
  }
  const rest = parent.subIssueIds.filter((id) => id !== childId);
  const at = rest.indexOf(anchorId) + (hasAfter ? 1 : 0);
  rest.splice(at, 0, childId);
  parent.subIssueIds = rest;
}

export function addBlockedBy(state: State, issue: IssueRecord, body: { issue_id?: unknown }): IssueRecord {
  const blockerId = idFrom(body.issue_id, "issue_id");
  const blocker = issueById(state, blockerId, "issue_id");
  if (blocker === issue)
    throw validationFailed([
      { resource: "IssueDependency", code: "custom", field: "issue_id", message: "An issue cannot block itself" },
    ]);
  if (issue.blockedByIds.includes(blockerId)) {
    throw validationFailed([
      { resource: "IssueDependency", code: "custom", field: "issue_id", message: "Dependency already exists" },
    ]);
  }
  if (issue.blockedByIds.length >= MAX_DEPENDENCIES) {
    throw validationFailed([
      {
        resource: "IssueDependency",
        code: "custom",
        field: "issue_id",
        message: `An issue cannot be blocked by more than ${MAX_DEPENDENCIES} issues`,
      },
    ]);
  }
  if (blockingIssues(state, blocker).length >= MAX_DEPENDENCIES) {
    throw validationFailed([
      {
        resource: "IssueDependency",
        code: "custom",
        field: "issue_id",
        message: `An issue cannot block more than ${MAX_DEPENDENCIES} issues`,
      },
    ]);
  }
  issue.blockedByIds.push(blockerId);
  issue.updatedAt = state.timestamp();
  return blocker;
}

export function removeBlockedBy(state: State, issue: IssueRecord, blockerIdRaw: string): IssueRecord {
  const blockerId = Number(blockerIdRaw);
  if (!issue.blockedByIds.includes(blockerId)) throw new HttpError(404, "Not Found");
  issue.blockedByIds = issue.blockedByIds.filter((id) => id !== blockerId);
  issue.updatedAt = state.timestamp();
  const blocker = state.issuesById.get(blockerId);
  if (!blocker) throw new HttpError(404, "Not Found");
  return blocker;
}

export function blockedByOf(state: State, issue: IssueRecord): IssueRecord[] {
  return issue.blockedByIds.map((id) => state.issuesById.get(id)).filter((i): i is IssueRecord => i !== undefined);
}
