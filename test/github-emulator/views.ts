/** Plain, typed views of emulator state for tests to read (no HTTP involved). */
import type { CheckRunRecord, CommentRecord, IssueRecord, LabelRecord } from "./store/records.js";
import type { State } from "./store/state.js";
import { labelById } from "./store/labels.js";

export interface IssueView {
  number: number;
  id: number;
  node_id: string;
  title: string;
  body: string | null;
  state: "open" | "closed";
  state_reason: string | null;
  labels: string[];
  user: string;
  is_pull_request: boolean;
  parent: number | null;
  sub_issues: number[];
  blocked_by: number[];
  closed_at: string | null;
  created_at: string;
  updated_at: string;
}

export function issueView(state: State, i: IssueRecord): IssueView {
  const num = (id: number): number => state.issuesById.get(id)?.number ?? -1;
  return {
    number: i.number,
    id: i.id,
    node_id: i.node_id,
    title: i.title,
    body: i.body,
    state: i.state,
    state_reason: i.stateReason,
    labels: i.labelIds.map((id) => labelById(i.repo, id)?.name).filter((n): n is string => n !== undefined),
    user: i.user.login,
    is_pull_request: i.pull !== null,
    parent: i.parentId === null ? null : num(i.parentId),
    sub_issues: i.subIssueIds.map(num),
    blocked_by: i.blockedByIds.map(num),
    closed_at: i.closedAt,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
  };
}

export interface CommentView {
  id: number;
  issue: number;
  body: string;
  user: string;
}

export function commentView(c: CommentRecord): CommentView {
  return { id: c.id, issue: c.issue.number, body: c.body, user: c.user.login };
}

export interface CheckRunView {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  title: string | null;
  summary: string | null;
  text: string | null;
  annotations: CheckRunRecord["annotations"];
}

export function checkRunView(r: CheckRunRecord): CheckRunView {
  return {
    id: r.id,
    name: r.name,
    head_sha: r.headSha,
    status: r.status,
    conclusion: r.conclusion,
    title: r.output.title,
    summary: r.output.summary,
    text: r.output.text,
    annotations: r.annotations,
  };
}

export interface LabelView {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export function labelView(l: LabelRecord): LabelView {
  return { id: l.id, name: l.name, color: l.color, description: l.description };
}

export interface CommitView {
  sha: string;
  message: string;
  author: string;
  parents: string[];
}
