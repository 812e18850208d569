/**
 * Webhook payloads shaped like the real ones in @octokit/webhooks-examples, and the emit
 * helpers that the stores call whenever something happens that GitHub would announce.
 */
import { nodeId, ZERO_SHA } from "./ids.js";
import { checkRunJson } from "./store/checks.js";
import { commentJson } from "./store/comments.js";
import { issueJson } from "./store/issues.js";
import { pullJson } from "./store/pulls.js";
import { miniRepoJson, repoHtml, repoJson } from "./store/repos.js";
import { userJson } from "./store/users.js";
import type {
  CheckRunRecord,
  CommentRecord,
  InstallationRecord,
  IssueRecord,
  PullRecord,
  RepoRecord,
  UserRecord,
} from "./store/records.js";
import type { State } from "./store/state.js";

type Payload = Record<string, unknown>;

function installationRef(state: State, repo: RepoRecord): Payload {
  const inst = state.installationFor(repo);
  return inst
    ? { installation: { id: inst.id, node_id: nodeId("MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9u", inst.id) } }
    : {};
}

/** the repository object in webhooks; push payloads use unix times and a few extra keys */
export function webhookRepo(state: State, repo: RepoRecord, forPush = false): Payload {
  const json = repoJson(state, repo);
  delete json["permissions"];
  json["custom_properties"] = {};
  if (forPush) {
    json["created_at"] = Math.floor(Date.parse(repo.createdAt) / 1000);
    json["pushed_at"] = Math.floor(Date.parse(repo.pushedAt) / 1000);
    json["stargazers"] = 0;
    json["master_branch"] = repo.defaultBranch;
  }
  return json;
}

function base(state: State, repo: RepoRecord, sender: UserRecord): Payload {
  return {
    repository: webhookRepo(state, repo),
    ...(repo.owner.type === "Organization" ? { organization: orgJson(state, repo.owner) } : {}),
    sender: userJson(state, sender),
    ...installationRef(state, repo),
  };
}

function orgJson(state: State, org: UserRecord): Payload {
  const api = `${state.apiUrl}/orgs/${org.login}`;
  return {
    login: org.login,
    id: org.id,
    node_id: org.node_id,
    url: api,
    repos_url: `${api}/repos`,
    events_url: `${api}/events`,
    hooks_url: `${api}/hooks`,
    issues_url: `${api}/issues`,
    members_url: `${api}/members{/member}`,
    public_members_url: `${api}/public_members{/member}`,
    avatar_url: `${state.webUrl}/avatars/u/${org.id}?v=4`,
    description: null,
  };
}

export function emitIssueEvent(
  state: State,
  action: string,
  issue: IssueRecord,
  sender: UserRecord,
  extra: Payload = {},
): void {
  if (issue.pull) {
    emitPullRequestEvent(state, action, issue as IssueRecord & { pull: PullRecord }, sender, extra);
    return;
  }
  state.emit(
    "issues",
    { action, issue: issueJson(state, issue), ...extra, ...base(state, issue.repo, sender) },
    issue.repo,
  );
}

export function emitPullRequestEvent(
  state: State,
  action: string,
  pr: IssueRecord & { pull: PullRecord },
  sender: UserRecord,
  extra: Payload = {},
): void {
  state.emit(
    "pull_request",
    { action, number: pr.number, pull_request: pullJson(state, pr), ...extra, ...base(state, pr.repo, sender) },
    pr.repo,
  );
}

export function emitIssueComment(
  state: State,
  action: string,
  c: CommentRecord,
  sender: UserRecord,
  extra: Payload = {},
): void {
  state.emit(
    "issue_comment",
    {
      action,
      issue: issueJson(state, c.issue),
      comment: commentJson(state, c),
      ...extra,
      ...base(state, c.issue.repo, sender),
    },
    c.issue.repo,
  );
}

export function checkRunPayload(state: State, run: CheckRunRecord): Payload {
  const json = checkRunJson(state, run);
  const headBranch =
    [...run.repo.git.refs].find(([, sha]) => sha === run.headSha)?.[0].replace(/^refs\/heads\//, "") ?? null;
  json["check_suite"] = {
    id: run.checkSuiteId,
    node_id: nodeId("CS", run.checkSuiteId),
    head_branch: headBranch,
    head_sha: run.headSha,
    status: run.status,
    conclusion: run.conclusion,
    url: `${state.apiUrl}/repos/${run.repo.owner.login}/${run.repo.name}/check-suites/${run.checkSuiteId}`,
    before: null,
    after: run.headSha,
    pull_requests: json["pull_requests"],
    app: json["app"],
    created_at: run.startedAt,
    updated_at: run.completedAt ?? run.startedAt,
  };
  return json;
}

export function emitCheckRun(state: State, action: string, run: CheckRunRecord, sender: UserRecord): void {
  state.emit(
    "check_run",
    { action, check_run: checkRunPayload(state, run), ...base(state, run.repo, sender) },
    run.repo,
  );
}

function pushCommit(state: State, repo: RepoRecord, sha: string): Payload | undefined {
  const c = repo.git.commit(sha);
  if (!c) return undefined;
  // push payloads list renames as an add and a remove
  const changes = repo.git.diff(c.parents[0], sha);
  const pick = (status: string): string[] => changes.filter((f) => f.status === status).map((f) => f.path);
  const removed = pick("removed");
  const login = (email: string): Payload => {
    for (const u of state.users.values()) if (u.email === email) return { username: u.login };
    return {};
  };
  return {
    id: c.sha,
    tree_id: c.tree,
    distinct: true,
    message: c.message,
    timestamp: c.committer.date.replace(/\.\d{3}Z$/, "Z"),
    url: `${repoHtml(state, repo)}/commit/${c.sha}`,
    author: { name: c.author.name, email: c.author.email, ...login(c.author.email) },
    committer: { name: c.committer.name, email: c.committer.email, ...login(c.committer.email) },
    added: pick("added"),
    removed,
    modified: pick("modified"),
  };
}

export function emitPush(
  state: State,
  repo: RepoRecord,
  p: { ref: string; before: string; after: string; forced: boolean; pusher: UserRecord },
): void {
  const created = p.before === ZERO_SHA;
  const deleted = p.after === ZERO_SHA;
  // a new branch lists the commits the default branch does not have (all of them for a first push)
  const defaultHead = repo.git.refs.get(`refs/heads/${repo.defaultBranch}`);
  const exclude = created ? (p.ref !== `refs/heads/${repo.defaultBranch}` ? defaultHead : undefined) : p.before;
  const commits = deleted
    ? []
    : repo.git
        .commitsBetween(exclude, p.after)
        .slice(-2048)
        .map((c) => pushCommit(state, repo, c.sha))
        .filter((c): c is Payload => c !== undefined);
  const html = repoHtml(state, repo);
  const shortName = p.ref.replace(/^refs\/(heads|tags)\//, "");
  state.emit(
    "push",
    {
      ref: p.ref,
      before: p.before,
      after: p.after,
      repository: webhookRepo(state, repo, true),
      pusher: { name: p.pusher.login, email: p.pusher.email },
      ...(repo.owner.type === "Organization" ? { organization: orgJson(state, repo.owner) } : {}),
      sender: userJson(state, p.pusher),
      ...installationRef(state, repo),
      created,
      deleted,
      forced: p.forced,
      base_ref: null,
      compare: created
        ? `${html}/compare/${shortName}`
        : deleted
          ? `${html}/compare/${p.before.slice(0, 12)}...000000000000`
          : `${html}/compare/${p.before.slice(0, 12)}...${p.after.slice(0, 12)}`,
      commits,
      head_commit: deleted ? null : (pushCommit(state, repo, p.after) ?? null),
    },
    repo,
  );
}

export function installationJson(state: State, inst: InstallationRecord): Payload {
  const created = Math.floor(Date.parse(inst.createdAt) / 1000);
  return {
    id: inst.id,
    client_id: `Iv1.${state.app.id.toString(16).padStart(16, "0")}`,
    account: userJson(state, inst.account),
    repository_selection: inst.repositorySelection,
    access_tokens_url: `${state.apiUrl}/app/installations/${inst.id}/access_tokens`,
    repositories_url: `${state.apiUrl}/installation/repositories`,
    html_url: `${state.webUrl}/settings/installations/${inst.id}`,
    app_id: state.app.id,
    app_slug: state.app.slug,
    target_id: inst.account.id,
    target_type: inst.account.type === "Organization" ? "Organization" : "User",
    permissions: inst.permissions,
    events: inst.events,
    created_at: created,
    updated_at: created,
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_at: null,
    suspended_by: null,
  };
}

export function emitInstallation(state: State, inst: InstallationRecord, sender: UserRecord): void {
  const repos = [...inst.repoIds].map((id) => state.repoById(id)).filter((r): r is RepoRecord => r !== undefined);
  state.emit(
    "installation",
    {
      action: "created",
      installation: installationJson(state, inst),
      repositories: repos.map(miniRepoJson),
      requester: null,
      sender: userJson(state, sender),
    },
    null,
  );
}

export function emitInstallationRepositories(
  state: State,
  inst: InstallationRecord,
  added: RepoRecord[],
  removed: RepoRecord[],
  sender: UserRecord,
): void {
  state.emit(
    "installation_repositories",
    {
      action: added.length ? "added" : "removed",
      installation: installationJson(state, inst),
      repository_selection: inst.repositorySelection,
      repositories_added: added.map(miniRepoJson),
      repositories_removed: removed.map(miniRepoJson),
      requester: null,
      sender: userJson(state, sender),
    },
    null,
  );
}
