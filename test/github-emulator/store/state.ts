/** The whole emulated GitHub: users, repositories, installations, tokens and id sequences. */
import type { HostMode } from "../host-mode.js";
import { randomBytes } from "node:crypto";
import { nodeId, isoSeconds } from "../ids.js";
import { GitStore } from "./git.js";
import type {
  CheckRunRecord,
  CommentRecord,
  InstallationRecord,
  IssueRecord,
  Permissions,
  RepoRecord,
  UserRecord,
  UserType,
} from "./records.js";

export interface AppIdentity {
  id: number;
  slug: string;
  name: string;
}

export type Emit = (event: string, payload: Record<string, unknown>, repo: RepoRecord | null) => void;

export const DEFAULT_PERMISSIONS: Permissions = {
  metadata: "read",
  contents: "write",
  issues: "write",
  pull_requests: "write",
  checks: "write",
};

export const DEFAULT_EVENTS = ["push", "issues", "issue_comment", "pull_request", "check_run", "check_suite"];

export class State {
  apiUrl = "http://127.0.0.1";
  /** Which GitHub the emulator plays: github.com, or a GHES version (see host-mode.ts). */
  hostMode: HostMode = { kind: "github.com" };
  /** Entries a recursive tree listing returns before it says `truncated` (GitHub: 100,000). */
  treeEntryLimit = 100_000;
  webUrl = "http://127.0.0.1";
  readonly users = new Map<string, UserRecord>();
  readonly repos = new Map<string, RepoRecord>(); // lower-case "owner/name"
  readonly installations = new Map<number, InstallationRecord>();
  readonly issuesById = new Map<number, IssueRecord>();
  readonly comments = new Map<number, CommentRecord>();
  readonly checkRuns = new Map<number, CheckRunRecord>();
  readonly installationTokens = new Map<string, { installationId: number; expiresAt: number }>();
  readonly userTokens = new Map<string, string>(); // token -> login
  readonly botUser: UserRecord;
  readonly defaultUser: UserRecord;
  emit: Emit = () => {};
  private seq = 0;
  private issueSeq = 0;

  constructor(
    readonly app: AppIdentity,
    defaultLogin: string,
    readonly now: () => Date = () => new Date(),
  ) {
    this.botUser = this.user(`${app.slug}[bot]`, "Bot");
    this.defaultUser = this.user(defaultLogin, "User");
  }

  /** a fresh database id for anything but issues */
  nextId(): number {
    return 5_000_000 + ++this.seq;
  }

  /** issue database ids are far from issue numbers so a number/id mix-up is caught */
  nextIssueId(): number {
    return 1_000_000 + ++this.issueSeq * 7;
  }

  timestamp(): string {
    return isoSeconds(this.now());
  }

  user(login: string, type: UserType = "User"): UserRecord {
    const existing = this.users.get(login.toLowerCase());
    if (existing) return existing;
    const id = type === "Bot" ? 41_000_000 + ++this.seq : 100 + ++this.seq;
    const u: UserRecord = {
      login,
      id,
      node_id: nodeId(type === "Bot" ? "BOT" : type === "Organization" ? "O" : "U", id),
      type,
      email: `${id}+${login}@users.noreply.github.com`,
    };
    this.users.set(login.toLowerCase(), u);
    return u;
  }

  repo(owner: string, name: string): RepoRecord | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  addRepo(
    owner: UserRecord,
    name: string,
    opts: { private: boolean; defaultBranch: string; description: string | null },
  ): RepoRecord {
    const id = this.nextId();
    const now = this.timestamp();
    const repo: RepoRecord = {
      id,
      node_id: nodeId("R", id),
      owner,
      name,
      private: opts.private,
      defaultBranch: opts.defaultBranch,
      description: opts.description,
      createdAt: now,
      pushedAt: now,
      git: new GitStore(),
      labels: new Map(),
      issues: new Map(),
      nextNumber: 1,
      protectedBranches: new Map(),
      collaborators: new Map(),
      reactions: new Map(),
    };
    this.repos.set(`${owner.login}/${name}`.toLowerCase(), repo);
    for (const inst of this.installations.values()) {
      if (inst.repositorySelection === "all" && inst.account.id === owner.id) inst.repoIds.add(repo.id);
    }
    return repo;
  }

  repoById(id: number): RepoRecord | undefined {
    for (const r of this.repos.values()) if (r.id === id) return r;
    return undefined;
  }

  installationFor(repo: RepoRecord): InstallationRecord | undefined {
    for (const inst of this.installations.values()) if (inst.repoIds.has(repo.id)) return inst;
    return undefined;
  }

  installationForAccount(login: string): InstallationRecord | undefined {
    for (const inst of this.installations.values())
      if (inst.account.login.toLowerCase() === login.toLowerCase()) return inst;
    return undefined;
  }

  issueToken(installationId: number, ttlMs = 3_600_000): { token: string; expiresAt: number } {
    const token = `ghs_${randomBytes(18).toString("base64url")}`;
    const expiresAt = this.now().getTime() + ttlMs;
    this.installationTokens.set(token, { installationId, expiresAt });
    return { token, expiresAt };
  }

  /** a personal access token that authenticates as the given user */
  tokenForUser(login: string): string {
    const token = `ghp_${randomBytes(18).toString("base64url")}`;
    this.user(login);
    this.userTokens.set(token, login);
    return token;
  }
}
