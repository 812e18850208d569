/**
 * Milestones, issue types and who can be assigned, kept beside the repository and issue records
 * (WeakMaps, so the shared records stay as they are). Shapes follow GitHub's REST description:
 * `milestone`, `issue-type`, and the issue's `milestone`, `assignees` and `type` fields.
 */
import { validationFailed, HttpError } from "../errors.js";
import { nodeId } from "../ids.js";
import type { IssueRecord, RepoRecord, UserRecord } from "./records.js";
import { repoApi, repoHtml } from "./repos.js";
import type { State } from "./state.js";
import { userJson } from "./users.js";

export interface MilestoneRecord {
  id: number;
  node_id: string;
  number: number;
  title: string;
  description: string | null;
  state: "open" | "closed";
  creator: UserRecord;
  dueOn: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface IssueTypeRecord {
  id: number;
  node_id: string;
  name: string;
  description: string | null;
  color: "gray" | "blue" | "green" | "yellow" | "orange" | "red" | "pink" | "purple";
  is_enabled: boolean;
  createdAt: string;
}

const milestonesOfRepo = new WeakMap<RepoRecord, MilestoneRecord[]>();
const milestoneOfIssue = new WeakMap<IssueRecord, MilestoneRecord>();
const typeOfIssue = new WeakMap<IssueRecord, IssueTypeRecord>();
const typesOfOrg = new WeakMap<UserRecord, IssueTypeRecord[]>();

export function milestonesOf(repo: RepoRecord): MilestoneRecord[] {
  let list = milestonesOfRepo.get(repo);
  if (!list) {
    list = [];
    milestonesOfRepo.set(repo, list);
  }
  return list;
}

export function getMilestone(repo: RepoRecord, number: number): MilestoneRecord {
  const m = milestonesOf(repo).find((x) => x.number === number);
  if (!m) throw new HttpError(404, "Not Found");
  return m;
}

function issuesIn(repo: RepoRecord, m: MilestoneRecord): IssueRecord[] {
  return [...repo.issues.values()].filter((i) => milestoneOfIssue.get(i) === m);
}

export function milestoneJson(state: State, repo: RepoRecord, m: MilestoneRecord): Record<string, unknown> {
  const api = `${repoApi(state, repo)}/milestones/${m.number}`;
  const issues = issuesIn(repo, m);
  return {
    url: api,
    html_url: `${repoHtml(state, repo)}/milestone/${m.number}`,
    labels_url: `${api}/labels`,
    id: m.id,
    node_id: m.node_id,
    number: m.number,
    state: m.state,
    title: m.title,
    description: m.description,
    creator: userJson(state, m.creator),
    open_issues: issues.filter((i) => i.state === "open").length,
    closed_issues: issues.filter((i) => i.state === "closed").length,
    created_at: m.createdAt,
    updated_at: m.updatedAt,
    closed_at: m.closedAt,
    due_on: m.dueOn,
  };
}

const titleTaken = (repo: RepoRecord, title: string, except?: MilestoneRecord): boolean =>
  milestonesOf(repo).some((m) => m !== except && m.title.toLowerCase() === title.toLowerCase());

const alreadyExists = () => validationFailed([{ resource: "Milestone", code: "already_exists", field: "title" }]);

export interface MilestoneInput {
  title?: unknown;
  state?: unknown;
  description?: unknown;
  due_on?: unknown;
}

function checkState(value: unknown): "open" | "closed" | undefined {
  if (value === undefined) return undefined;
  if (value !== "open" && value !== "closed")
    throw validationFailed([{ resource: "Milestone", code: "invalid", field: "state" }]);
  return value;
}

export function createMilestone(
  state: State,
  repo: RepoRecord,
  creator: UserRecord,
  input: MilestoneInput,
): MilestoneRecord {
  if (typeof input.title !== "string" || input.title.trim() === "")
    throw validationFailed([{ resource: "Milestone", code: "missing_field", field: "title" }]);
  if (titleTaken(repo, input.title)) throw alreadyExists();
  const id = state.nextId();
  const now = state.timestamp();
  const list = milestonesOf(repo);
  const m: MilestoneRecord = {
    id,
    node_id: nodeId("MI", id),
    number: list.reduce((n, x) => Math.max(n, x.number), 0) + 1,
    title: input.title,
    description: typeof input.description === "string" ? input.description : null,
    state: checkState(input.state) ?? "open",
    creator,
    dueOn: typeof input.due_on === "string" ? input.due_on : null,
    createdAt: now,
    updatedAt: now,
    closedAt: input.state === "closed" ? now : null,
  };
  list.push(m);
  return m;
}

export function updateMilestone(
  state: State,
  repo: RepoRecord,
  m: MilestoneRecord,
  input: MilestoneInput,
): MilestoneRecord {
  if (input.title !== undefined) {
    if (typeof input.title !== "string" || input.title.trim() === "")
      throw validationFailed([{ resource: "Milestone", code: "invalid", field: "title" }]);
    if (titleTaken(repo, input.title, m)) throw alreadyExists();
    m.title = input.title;
  }
  if (input.description !== undefined) m.description = typeof input.description === "string" ? input.description : null;
  const next = checkState(input.state);
  if (next !== undefined && next !== m.state) {
    m.state = next;
    m.closedAt = next === "closed" ? state.timestamp() : null;
  }
  if (input.due_on !== undefined) m.dueOn = typeof input.due_on === "string" ? input.due_on : null;
  m.updatedAt = state.timestamp();
  return m;
}

export function deleteMilestone(repo: RepoRecord, m: MilestoneRecord): void {
  for (const issue of issuesIn(repo, m)) milestoneOfIssue.delete(issue);
  milestonesOfRepo.set(
    repo,
    milestonesOf(repo).filter((x) => x !== m),
  );
}

/** Milestones as `GET .../milestones` lists them (state filter, sort, direction). */
export function filterMilestones(repo: RepoRecord, q: URLSearchParams): MilestoneRecord[] {
  const wanted = q.get("state") ?? "open";
  const sort = q.get("sort") ?? "due_on";
  const dir = (q.get("direction") ?? "asc") === "desc" ? -1 : 1;
  const key = (m: MilestoneRecord): string =>
    sort === "completeness"
      ? String(m.number).padStart(9, "0")
      : (m.dueOn ?? "9999") + String(m.number).padStart(9, "0");
  return milestonesOf(repo)
    .filter((m) => wanted === "all" || m.state === wanted)
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * dir);
}

/** Who can be assigned issues: the owner (a person) and collaborators above read access. */
export function isAssignable(repo: RepoRecord, login: string): boolean {
  const lower = login.toLowerCase();
  if (repo.owner.type === "User" && repo.owner.login.toLowerCase() === lower) return true;
  return [...repo.collaborators].some(([l, role]) => l.toLowerCase() === lower && role !== "read");
}

export function assignableUsers(state: State, repo: RepoRecord): UserRecord[] {
  const logins = [
    ...(repo.owner.type === "User" ? [repo.owner.login] : []),
    ...[...repo.collaborators].filter(([, r]) => r !== "read").map(([l]) => l),
  ];
  return logins.map((l) => state.user(l));
}

/** The organisation's issue types (GitHub gives an organisation Task, Bug and Feature); none for a person. */
export function issueTypesOf(state: State, owner: UserRecord): IssueTypeRecord[] | null {
  if (owner.type !== "Organization") return null;
  if (!typesOfOrg.has(owner)) setIssueTypes(state, owner, ["Task", "Bug", "Feature"]);
  return typesOfOrg.get(owner) ?? [];
}

export function setIssueTypes(state: State, owner: UserRecord, names: string[]): void {
  const colors: IssueTypeRecord["color"][] = ["yellow", "red", "blue", "green", "purple"];
  typesOfOrg.set(
    owner,
    names.map((name, i) => {
      const id = state.nextId();
      return {
        id,
        node_id: nodeId("IT", id),
        name,
        description: null,
        color: colors[i % colors.length] ?? "gray",
        is_enabled: true,
        createdAt: state.timestamp(),
      };
    }),
  );
}

export function issueTypeJson(t: IssueTypeRecord): Record<string, unknown> {
  return {
    id: t.id,
    node_id: t.node_id,
    name: t.name,
    description: t.description,
    color: t.color,
    created_at: t.createdAt,
    updated_at: t.createdAt,
    is_enabled: t.is_enabled,
  };
}

/** The `milestone` and `type` fields of an issue's JSON. */
export function issueFieldsJson(
  state: State,
  issue: IssueRecord,
): { milestone: Record<string, unknown> | null; type: Record<string, unknown> | null } {
  const m = milestoneOfIssue.get(issue);
  const t = typeOfIssue.get(issue);
  return { milestone: m ? milestoneJson(state, issue.repo, m) : null, type: t ? issueTypeJson(t) : null };
}

/**
 * Checks `milestone`, `type` and `assignees` of an issue create or update, refusing what GitHub
 * refuses (422), and returns what sets them on the issue (nothing is changed before the check).
 */
export function resolveIssueFields(
  state: State,
  repo: RepoRecord,
  input: { milestone?: unknown; type?: unknown; assignees?: unknown },
): (issue: IssueRecord) => void {
  let assignees: UserRecord[] | undefined;
  if (input.assignees !== undefined) {
    if (!Array.isArray(input.assignees) || input.assignees.some((a) => typeof a !== "string"))
      throw validationFailed([{ resource: "Issue", code: "invalid", field: "assignees" }]);
    const logins = input.assignees as string[];
    const bad = logins.find((l) => !isAssignable(repo, l));
    if (bad !== undefined)
      throw validationFailed([{ resource: "Issue", code: "invalid", field: "assignees", value: bad }]);
    assignees = logins
      .filter((l, i) => logins.findIndex((x) => x.toLowerCase() === l.toLowerCase()) === i)
      .map((l) => state.user(l));
  }
  let milestone: MilestoneRecord | null | undefined;
  if (input.milestone !== undefined) {
    milestone = input.milestone === null ? null : milestonesOf(repo).find((x) => x.number === Number(input.milestone));
    if (milestone === undefined)
      throw validationFailed([{ resource: "Issue", code: "invalid", field: "milestone", value: input.milestone }]);
  }
  let type: IssueTypeRecord | null | undefined;
  if (input.type !== undefined) {
    type =
      input.type === null
        ? null
        : (issueTypesOf(state, repo.owner) ?? []).find(
            (x) => x.is_enabled && x.name.toLowerCase() === String(input.type).toLowerCase(),
          );
    if (type === undefined)
      throw validationFailed([{ resource: "Issue", code: "invalid", field: "type", value: input.type }]);
  }
  return (issue) => {
    if (assignees !== undefined) issue.assignees = assignees;
    if (milestone === null) milestoneOfIssue.delete(issue);
    else if (milestone !== undefined) milestoneOfIssue.set(issue, milestone);
    if (type === null) typeOfIssue.delete(issue);
    else if (type !== undefined) typeOfIssue.set(issue, type);
  };
}
