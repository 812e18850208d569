/**
 * The emulator's public face: start/stop, the "person on github.com" helpers (which send the
 * webhooks GitHub would send), state readers, fault switches and the request log.
 */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { HttpError } from "./errors.js";
import { Faults, type PrimaryLimitOptions, type SecondaryLimitOptions } from "./faults.js";
import type { LatencyModel } from "./latency.js";
import { GraphQLHandler } from "./graphql.js";
import type { HostMode } from "./host-mode.js";
import { emitCheckRun, emitInstallation, emitInstallationRepositories, emitPullRequestEvent } from "./payloads.js";
import { RequestLog } from "./request-log.js";
import { buildRouter } from "./routes/index.js";
import { createEmulatorServer } from "./server.js";
import { checkRunsFor } from "./store/checks.js";
import { createComment, commentsOf } from "./store/comments.js";
import { commitToBranch, moveRef, person, resolveRef } from "./store/commits.js";
import { createIssue, getIssue, updateIssue } from "./store/issues.js";
import { createLabel } from "./store/labels.js";
import { createPull, getPull } from "./store/pulls.js";
import type { InstallationRecord, Permissions, RepoRecord, UserRecord } from "./store/records.js";
import { blockedByOf, subIssuesOf } from "./store/relationships.js";
import { DEFAULT_EVENTS, DEFAULT_PERMISSIONS, State, type AppIdentity } from "./store/state.js";
import {
  checkRunView,
  commentView,
  issueView,
  labelView,
  type CheckRunView,
  type CommentView,
  type CommitView,
  type IssueView,
  type LabelView,
} from "./views.js";
import { WebhookSender, type DeliveryRecord, type WebhookEvent } from "./webhooks.js";

export interface EmulatorOptions {
  /** 0 (default) picks a free port */
  port?: number;
  host?: string;
  webhookUrl?: string;
  webhookSecret?: string;
  /** deliver webhooks in-process instead of over HTTP */
  onWebhook?: (event: WebhookEvent) => unknown;
  app?: Partial<AppIdentity>;
  /** the login personal tokens authenticate as (default "octocat") */
  defaultUser?: string;
  /** refuse tokens the emulator did not hand out (default: any unknown token is the default user) */
  strictTokens?: boolean;
  /** one line per request and per webhook delivery */
  log?: (line: string) => void;
  /** where requests no route answers are reported (default: console.warn) */
  onUnmatched?: (method: string, path: string) => void;
  now?: () => Date;
  /** how long answers take (default: no delay; benchmarks pass {@link GITHUB_LATENCY}) */
  latency?: LatencyModel;
}

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface CreateRepoInput {
  owner: string;
  name: string;
  defaultBranch?: string;
  files?: Record<string, string>;
  private?: boolean;
  ownerType?: "User" | "Organization";
  description?: string;
}

export interface CommitInput {
  owner: string;
  repo: string;
  branch?: string;
  files: Record<string, string | null>;
  message?: string;
  /** login of the person pushing (default: the default user) */
  author?: string;
}

export interface InstallInput {
  account: string;
  /** repository names of the account, or "all" */
  repos?: string[] | "all";
  permissions?: Permissions;
  events?: string[];
}

export interface OpenPullRequestInput {
  owner: string;
  repo: string;
  head: string;
  base?: string;
  title: string;
  body?: string;
  files?: Record<string, string | null>;
  draft?: boolean;
  author?: string;
}

export interface ProtectOptions {
  /** 403 by default; 422 or 409 (rulesets) are other answers GitHub gives */
  status?: number;
  message?: string;
}

export class Emulator {
  readonly state: State;
  readonly faults: Faults;
  readonly requests = new RequestLog();
  readonly webhooks: WebhookSender;
  /** requests that matched no route, as "METHOD path" */
  readonly unmatched: string[] = [];
  private server: Server | undefined;
  private nextInstallationId = 1;

  constructor(private readonly options: EmulatorOptions = {}) {
    const app: AppIdentity = { id: 1, slug: "tasksync", name: "tasksync", ...options.app };
    this.state = new State(app, options.defaultUser ?? "octocat", options.now);
    this.faults = new Faults(() => this.state.now().getTime());
    if (options.latency) this.faults.latency = options.latency;
    this.webhooks = new WebhookSender({
      url: options.webhookUrl,
      secret: options.webhookSecret,
      onWebhook: options.onWebhook,
      appId: app.id,
      ...(options.log ? { log: options.log } : {}),
    });
    this.state.emit = (event, payload, repo) => {
      if (repo) {
        const inst = this.state.installationFor(repo);
        if (!inst || !inst.events.includes(event)) return; // the app is not subscribed
      }
      this.webhooks.send(event, payload);
    };
    if (options.log) {
      const log = options.log;
      this.requests.onEntry = (e) =>
        log(`${e.method} ${e.path} -> ${e.status} (${e.route}, ${e.durationMs}ms, ${e.actor})`);
    }
  }

  get url(): string {
    return this.state.apiUrl;
  }

  async start(): Promise<this> {
    const server = createEmulatorServer({
      state: this.state,
      router: buildRouter(),
      faults: this.faults,
      log: this.requests,
      graphql: new GraphQLHandler(this.state),
      strictTokens: this.options.strictTokens ?? false,
      onUnmatched: (method, path) => {
        this.unmatched.push(`${method} ${path}`);
        (
          this.options.onUnmatched ??
          ((m: string, p: string) => console.warn(`[github-emulator] no route for ${m} ${p}`))
        )(method, path);
      },
    });
    const host = this.options.host ?? "127.0.0.1";
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.options.port ?? 0, host, () => resolve());
    });
    this.server = server;
    const { port } = server.address() as AddressInfo;
    this.state.apiUrl = `http://${host}:${port}`;
    this.state.webUrl = `http://${host}:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  // ---------------------------------------------------------------- configuration

  setWebhookTarget(target: { url?: string; secret?: string; onWebhook?: (event: WebhookEvent) => unknown }): void {
    this.webhooks.configure(target);
  }

  /** a personal access token for a user (creates the user) */
  userToken(login: string): string {
    return this.state.tokenForUser(login);
  }

  /** an installation access token, as POST /app/installations/{id}/access_tokens would give */
  installationToken(installationId: number): string {
    if (!this.state.installations.has(installationId)) throw new Error(`no installation ${installationId}`);
    return this.state.issueToken(installationId).token;
  }

  // ---------------------------------------------------------------- "person on github.com" helpers

  private repoOf(owner: string, repo: string): RepoRecord {
    const r = this.state.repo(owner, repo);
    if (!r) throw new Error(`no repository ${owner}/${repo}`);
    return r;
  }

  private person(login: string | undefined): UserRecord {
    return login ? this.state.user(login) : this.state.defaultUser;
  }

  createRepo(input: CreateRepoInput): RepoRef & { id: number; node_id: string; defaultBranch: string } {
    if (this.state.repo(input.owner, input.name)) throw new Error(`repository ${input.owner}/${input.name} exists`);
    const owner = this.state.user(input.owner, input.ownerType ?? "User");
    const repo = this.state.addRepo(owner, input.name, {
      private: input.private ?? true,
      defaultBranch: input.defaultBranch ?? "main",
      description: input.description ?? null,
    });
    if (input.files && Object.keys(input.files).length) {
      this.commit({
        owner: input.owner,
        repo: input.name,
        files: input.files,
        message: "Initial commit",
        ...(owner.type === "User" ? { author: owner.login } : {}),
      });
    }
    return {
      owner: owner.login,
      repo: repo.name,
      id: repo.id,
      node_id: repo.node_id,
      defaultBranch: repo.defaultBranch,
    };
  }

  /** commit files (null deletes) as a person pushing to a branch; sends `push` (and PR `synchronize`) */
  commit(input: CommitInput): string {
    const repo = this.repoOf(input.owner, input.repo);
    const user = this.person(input.author);
    const branch = input.branch ?? repo.defaultBranch;
    const now = this.state.timestamp();
    return commitToBranch(
      this.state,
      repo,
      { branch, files: input.files, message: input.message ?? "Update files", author: person(user, now) },
      user,
    ).sha;
  }

  /** create a branch at a ref (default: the default branch); sends `push` with created: true */
  createBranch(owner: string, repo: string, branch: string, from?: string): string {
    const r = this.repoOf(owner, repo);
    if (r.git.refs.has(`refs/heads/${branch}`)) throw new Error(`branch ${branch} exists`);
    const sha = resolveRef(r, from ?? r.defaultBranch);
    moveRef(this.state, r, `refs/heads/${branch}`, sha, this.state.defaultUser);
    return sha;
  }

  openPullRequest(input: OpenPullRequestInput): number {
    const repo = this.repoOf(input.owner, input.repo);
    const base = input.base ?? repo.defaultBranch;
    if (input.files) {
      if (!repo.git.refs.has(`refs/heads/${input.head}`)) this.createBranch(input.owner, input.repo, input.head, base);
      this.commit({
        owner: input.owner,
        repo: input.repo,
        branch: input.head,
        files: input.files,
        message: input.title,
        ...(input.author ? { author: input.author } : {}),
      });
    }
    const pr = createPull(this.state, repo, this.person(input.author), {
      title: input.title,
      head: input.head,
      base,
      body: input.body,
      draft: input.draft,
    });
    return pr.number;
  }

  /** commit onto a pull request's head branch; sends `push` and `pull_request.synchronize` */
  pushToPullRequest(input: {
    owner: string;
    repo: string;
    number: number;
    files: Record<string, string | null>;
    message?: string;
    author?: string;
  }): string {
    const pr = getPull(this.repoOf(input.owner, input.repo), input.number);
    return this.commit({
      owner: input.owner,
      repo: input.repo,
      branch: pr.pull.headRef,
      files: input.files,
      ...(input.message ? { message: input.message } : {}),
      ...(input.author ? { author: input.author } : {}),
    });
  }

  /** a person marks a draft pull request ready: sends `pull_request.ready_for_review` */
  markPullRequestReady(owner: string, repo: string, number: number, by?: string): void {
    const pr = getPull(this.repoOf(owner, repo), number);
    if (!pr.pull.draft) return;
    pr.pull.draft = false;
    pr.updatedAt = this.state.timestamp();
    emitPullRequestEvent(this.state, "ready_for_review", pr, this.person(by));
  }

  /** open an issue as a person (sends `issues.opened`) */
  createIssue(
    owner: string,
    repo: string,
    input: { title: string; body?: string; labels?: string[]; author?: string },
  ): IssueView {
    const r = this.repoOf(owner, repo);
    return issueView(this.state, createIssue(this.state, r, this.person(input.author), input));
  }

  closeIssue(
    owner: string,
    repo: string,
    number: number,
    stateReason: "completed" | "not_planned" | "duplicate" = "completed",
    by?: string,
  ): IssueView {
    const issue = getIssue(this.repoOf(owner, repo), number);
    return issueView(
      this.state,
      updateIssue(this.state, issue, this.person(by), { state: "closed", state_reason: stateReason }),
    );
  }

  reopenIssue(owner: string, repo: string, number: number, by?: string): IssueView {
    const issue = getIssue(this.repoOf(owner, repo), number);
    return issueView(this.state, updateIssue(this.state, issue, this.person(by), { state: "open" }));
  }

  editIssue(
    owner: string,
    repo: string,
    number: number,
    changes: { title?: string; body?: string; labels?: string[] },
    by?: string,
  ): IssueView {
    const issue = getIssue(this.repoOf(owner, repo), number);
    return issueView(this.state, updateIssue(this.state, issue, this.person(by), changes));
  }

  commentOnIssue(owner: string, repo: string, number: number, body: string, by?: string): CommentView {
    const issue = getIssue(this.repoOf(owner, repo), number);
    return commentView(createComment(this.state, issue, this.person(by), body));
  }

  createLabel(owner: string, repo: string, name: string, color?: string, description?: string): LabelView {
    return labelView(createLabel(this.state, this.repoOf(owner, repo), { name, color, description }));
  }

  /** install the app on an account; sends `installation.created` */
  install(input: InstallInput): { id: number } {
    const account = this.state.user(input.account);
    const id = this.nextInstallationId++;
    const all = input.repos === "all";
    const repoIds = new Set<number>();
    for (const r of this.state.repos.values()) {
      if (r.owner.id !== account.id) continue;
      if (all || (Array.isArray(input.repos) && input.repos.some((n) => n.toLowerCase() === r.name.toLowerCase())))
        repoIds.add(r.id);
    }
    if (Array.isArray(input.repos)) {
      for (const n of input.repos)
        if (!this.state.repo(account.login, n)) throw new Error(`no repository ${account.login}/${n}`);
    }
    const inst: InstallationRecord = {
      id,
      account,
      repositorySelection: all ? "all" : "selected",
      repoIds,
      permissions: { ...(input.permissions ?? DEFAULT_PERMISSIONS) },
      events: input.events ?? [...DEFAULT_EVENTS],
      createdAt: this.state.timestamp(),
    };
    this.state.installations.set(id, inst);
    emitInstallation(this.state, inst, account.type === "User" ? account : this.state.defaultUser);
    return { id };
  }

  /** add repositories to an installation; sends `installation_repositories.added` */
  addRepositoriesToInstallation(installationId: number, repos: string[]): void {
    const inst = this.installationOf(installationId);
    const added = repos.map((n) => this.repoOf(inst.account.login, n)).filter((r) => !inst.repoIds.has(r.id));
    for (const r of added) inst.repoIds.add(r.id);
    if (added.length) emitInstallationRepositories(this.state, inst, added, [], this.state.defaultUser);
  }

  private installationOf(id: number): InstallationRecord {
    const inst = this.state.installations.get(id);
    if (!inst) throw new Error(`no installation ${id}`);
    return inst;
  }

  /** change what an installation may do (e.g. drop contents: write) */
  setPermissions(installationId: number, permissions: Permissions): void {
    this.installationOf(installationId).permissions = { ...permissions };
  }

  /** a person clicks "Re-run" on a check run: sends `check_run.rerequested` */
  rerequestCheckRun(checkRunId: number, by?: string): void {
    const run = this.state.checkRuns.get(checkRunId);
    if (!run) throw new Error(`no check run ${checkRunId}`);
    emitCheckRun(this.state, "rerequested", run, this.person(by));
  }

  // ---------------------------------------------------------------- faults

  /** play github.com (default) or a GitHub Enterprise Server version: its routes, headers, /meta and GraphQL schema */
  setHostMode(mode: HostMode): void {
    this.state.hostMode = mode;
  }

  /** writes to the branch (contents, ref updates) are refused like a protected branch */
  protectBranch(owner: string, repo: string, branch: string, options: ProtectOptions = {}): void {
    const status = options.status ?? 403;
    const message =
      options.message ??
      (status === 409
        ? "Repository rule violations found\n\nChanges must be made through a pull request.\n\n"
        : "Protected branch update failed for refs/heads/<branch>.");
    this.repoOf(owner, repo).protectedBranches.set(branch, { status, message });
  }

  /** Recursive tree listings return at most `n` entries and say `truncated`, as GitHub does past 100,000. */
  limitTreeEntries(n: number): void {
    this.state.treeEntryLimit = n;
  }

  /** Gives a user a permission on a repository (the owner is always admin). */
  setCollaborator(
    owner: string,
    repo: string,
    login: string,
    permission: "admin" | "maintain" | "write" | "triage" | "read",
  ): void {
    this.state.user(login);
    this.repoOf(owner, repo).collaborators.set(login, permission);
  }

  /** Reactions on an issue comment, as "content by login". */
  reactions(owner: string, repo: string, commentId: number): string[] {
    return (this.repoOf(owner, repo).reactions.get(commentId) ?? []).map((r) => `${r.content} by ${r.user}`);
  }

  unprotectBranch(owner: string, repo: string, branch: string): void {
    this.repoOf(owner, repo).protectedBranches.delete(branch);
  }

  /** the k-th request from now (1 = next) answers `status` (default 502) */
  failNth(k: number, status = 502): void {
    this.faults.failNth(k, status);
  }

  /** the next matching write is applied, then answered `status` (default 502): "did it happen?" */
  applyThenFail(rule: { method: string; path: RegExp; status?: number; times?: number }): void {
    this.faults.applyThenFail(rule);
  }

  /** every request for the next `ms` answers `status` (default 502) and applies nothing */
  outage(ms: number, status = 502): void {
    this.faults.outage(ms, status);
  }

  setLatency(ms: number): void {
    this.faults.latencyMs = ms;
  }

  /** delay and jitter of reads, writes and GraphQL (see {@link LatencyModel}) */
  setLatencyModel(model: LatencyModel): void {
    this.faults.latency = model;
  }

  /** rate-limit points an installation's token spent since the emulator started (a 304 costs none) */
  points(installationId: number): number {
    return this.faults.pointsSpent(`installation:${installationId}`);
  }

  secondaryRateLimit(options: SecondaryLimitOptions | undefined): void {
    this.faults.secondaryRateLimit(options);
  }

  primaryRateLimit(options: PrimaryLimitOptions): void {
    this.faults.primaryRateLimit(options);
  }

  deliverTwice(on = true): void {
    this.webhooks.deliverTwice = on;
  }

  /** hold webhooks and release them reversed (on flushWebhooks(), or whenever `batch` are held) */
  deliverOutOfOrder(on = true, batch?: number): void {
    this.webhooks.outOfOrder = on ? (batch === undefined ? {} : { batch }) : false;
    if (!on) this.webhooks.flush();
  }

  pauseWebhooks(): void {
    this.webhooks.pause();
  }

  flushWebhooks(): void {
    this.webhooks.flush();
  }

  clearFaults(): void {
    this.faults.clear();
    this.webhooks.deliverTwice = false;
    if (this.webhooks.outOfOrder) this.deliverOutOfOrder(false);
    for (const r of this.state.repos.values()) r.protectedBranches.clear();
  }

  // ---------------------------------------------------------------- webhooks

  /** resolves when every webhook sent so far (and any their receivers caused) was delivered */
  webhooksDelivered(): Promise<void> {
    return this.webhooks.delivered();
  }

  deliveries(): DeliveryRecord[] {
    return [...this.webhooks.deliveries];
  }

  sentWebhooks(): WebhookEvent[] {
    return [...this.webhooks.sent];
  }

  // ---------------------------------------------------------------- readers

  issue(owner: string, repo: string, number: number): IssueView {
    return issueView(this.state, getIssue(this.repoOf(owner, repo), number));
  }

  /** issues and pull requests, by number */
  issues(owner: string, repo: string): IssueView[] {
    return [...this.repoOf(owner, repo).issues.values()]
      .sort((a, b) => a.number - b.number)
      .map((i) => issueView(this.state, i));
  }

  subIssues(owner: string, repo: string, number: number): IssueView[] {
    return subIssuesOf(this.state, getIssue(this.repoOf(owner, repo), number)).map((i) => issueView(this.state, i));
  }

  blockedBy(owner: string, repo: string, number: number): IssueView[] {
    return blockedByOf(this.state, getIssue(this.repoOf(owner, repo), number)).map((i) => issueView(this.state, i));
  }

  /** a file's text at a branch, tag or sha; undefined when absent */
  fileAt(owner: string, repo: string, ref: string, path: string): string | undefined {
    const r = this.repoOf(owner, repo);
    const sha = r.git.resolve(ref);
    const found = sha ? r.git.lookup(sha, path) : undefined;
    return found?.kind === "file" ? r.git.blob(found.sha)?.content.toString("utf8") : undefined;
  }

  /** the branch's history, newest first */
  commits(owner: string, repo: string, branch?: string): CommitView[] {
    const r = this.repoOf(owner, repo);
    const head = r.git.refs.get(`refs/heads/${branch ?? r.defaultBranch}`);
    if (!head) return [];
    return r.git
      .commitsBetween(undefined, head)
      .reverse()
      .map((c) => ({ sha: c.sha, message: c.message, author: c.author.name, parents: c.parents }));
  }

  branchSha(owner: string, repo: string, branch?: string): string | undefined {
    const r = this.repoOf(owner, repo);
    return r.git.refs.get(`refs/heads/${branch ?? r.defaultBranch}`);
  }

  checkRuns(owner: string, repo: string, ref?: string): CheckRunView[] {
    const r = this.repoOf(owner, repo);
    if (ref === undefined) return [...this.state.checkRuns.values()].filter((x) => x.repo === r).map(checkRunView);
    const sha = r.git.resolve(ref);
    if (!sha) throw new HttpError(404, `no ref ${ref}`);
    return checkRunsFor(this.state, r, sha).map(checkRunView);
  }

  comments(owner: string, repo: string, number: number): CommentView[] {
    return commentsOf(this.state, getIssue(this.repoOf(owner, repo), number)).map(commentView);
  }

  labels(owner: string, repo: string): LabelView[] {
    return [...this.repoOf(owner, repo).labels.values()].map(labelView);
  }
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return new Emulator(options).start();
}
