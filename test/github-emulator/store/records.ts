/** The in-memory records the emulator keeps. Serializers turn them into GitHub's JSON. */
import type { GitStore } from "./git.js";

export type UserType = "User" | "Bot" | "Organization";

export interface UserRecord {
  login: string;
  id: number;
  node_id: string;
  type: UserType;
  email: string;
}

export interface LabelRecord {
  id: number;
  node_id: string;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

export type StateReason = "completed" | "not_planned" | "reopened" | "duplicate";

export interface IssueRecord {
  repo: RepoRecord;
  number: number;
  id: number;
  node_id: string;
  title: string;
  body: string | null;
  state: "open" | "closed";
  stateReason: StateReason | null;
  labelIds: number[];
  user: UserRecord;
  assignees: UserRecord[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedBy: UserRecord | null;
  locked: boolean;
  /** set when this issue is a pull request */
  pull: PullRecord | null;
  subIssueIds: number[];
  parentId: number | null;
  blockedByIds: number[];
  /** Who last edited the body, and when (GraphQL `editor`, `lastEditedAt`); unset until the body is edited. */
  editor?: UserRecord;
  lastEditedAt?: string;
}

export interface CommentRecord {
  id: number;
  node_id: string;
  issue: IssueRecord;
  body: string;
  user: UserRecord;
  createdAt: string;
  updatedAt: string;
}

export interface PullRecord {
  issue: IssueRecord;
  id: number;
  node_id: string;
  headRef: string;
  baseRef: string;
  /** head sha when the PR was closed or merged (the branch may move on) */
  frozenHeadSha: string | null;
  draft: boolean;
  mergedAt: string | null;
}

export interface AnnotationRecord {
  path: string;
  start_line: number;
  end_line: number;
  start_column: number | null;
  end_column: number | null;
  annotation_level: "notice" | "warning" | "failure";
  message: string;
  title: string | null;
  raw_details: string | null;
  blob_href: string;
}

export interface CheckRunRecord {
  repo: RepoRecord;
  id: number;
  node_id: string;
  name: string;
  headSha: string;
  status: "queued" | "in_progress" | "completed" | "waiting" | "requested" | "pending";
  conclusion: string | null;
  startedAt: string | null;
  completedAt: string | null;
  detailsUrl: string | null;
  externalId: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  annotations: AnnotationRecord[];
  checkSuiteId: number;
  appSlug: string;
  actions: unknown[];
}

export interface ProtectionRecord {
  status: number;
  message: string;
}

export interface RepoRecord {
  id: number;
  node_id: string;
  owner: UserRecord;
  name: string;
  private: boolean;
  defaultBranch: string;
  description: string | null;
  createdAt: string;
  pushedAt: string;
  git: GitStore;
  labels: Map<string, LabelRecord>; // lower-case name -> label
  issues: Map<number, IssueRecord>; // number -> issue (PRs included)
  nextNumber: number;
  protectedBranches: Map<string, ProtectionRecord>;
  /** Collaborators' permissions by login (the owner is always admin). */
  collaborators: Map<string, "admin" | "maintain" | "write" | "triage" | "read">;
  /** Reactions on issue comments, by comment id. */
  reactions: Map<number, Array<{ id: number; content: string; user: string }>>;
}

export type Permissions = Record<string, "read" | "write" | "admin">;

export interface InstallationRecord {
  id: number;
  account: UserRecord;
  repositorySelection: "all" | "selected";
  repoIds: Set<number>;
  permissions: Permissions;
  events: string[];
  createdAt: string;
}

export type Actor =
  | { kind: "anonymous" }
  | { kind: "app" }
  | { kind: "installation"; installation: InstallationRecord; user: UserRecord }
  | { kind: "user"; user: UserRecord };
