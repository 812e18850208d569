/** Repository JSON (full-repository and the smaller forms used in payloads). */
import type { State } from "./state.js";
import type { RepoRecord } from "./records.js";
import { userJson } from "./users.js";

export function repoApi(state: State, repo: RepoRecord): string {
  return `${state.apiUrl}/repos/${repo.owner.login}/${repo.name}`;
}

export function repoHtml(state: State, repo: RepoRecord): string {
  return `${state.webUrl}/${repo.owner.login}/${repo.name}`;
}

export function fullName(repo: RepoRecord): string {
  return `${repo.owner.login}/${repo.name}`;
}

export function openIssueCount(repo: RepoRecord): number {
  let n = 0;
  for (const i of repo.issues.values()) if (i.state === "open") n++;
  return n;
}

/** The "repository" schema: what list endpoints, pull heads and webhooks carry. */
export function repoJson(state: State, repo: RepoRecord): Record<string, unknown> {
  const api = repoApi(state, repo);
  const html = repoHtml(state, repo);
  const open = openIssueCount(repo);
  return {
    id: repo.id,
    node_id: repo.node_id,
    name: repo.name,
    full_name: fullName(repo),
    private: repo.private,
    owner: userJson(state, repo.owner),
    html_url: html,
    description: repo.description,
    fork: false,
    url: api,
    forks_url: `${api}/forks`,
    keys_url: `${api}/keys{/key_id}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    teams_url: `${api}/teams`,
    hooks_url: `${api}/hooks`,
    issue_events_url: `${api}/issues/events{/number}`,
    events_url: `${api}/events`,
    assignees_url: `${api}/assignees{/user}`,
    branches_url: `${api}/branches{/branch}`,
    tags_url: `${api}/tags`,
    blobs_url: `${api}/git/blobs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    trees_url: `${api}/git/trees{/sha}`,
    statuses_url: `${api}/statuses/{sha}`,
    languages_url: `${api}/languages`,
    stargazers_url: `${api}/stargazers`,
    contributors_url: `${api}/contributors`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    commits_url: `${api}/commits{/sha}`,
    git_commits_url: `${api}/git/commits{/sha}`,
    comments_url: `${api}/comments{/number}`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    contents_url: `${api}/contents/{+path}`,
    compare_url: `${api}/compare/{base}...{head}`,
    merges_url: `${api}/merges`,
    archive_url: `${api}/{archive_format}{/ref}`,
    downloads_url: `${api}/downloads`,
    issues_url: `${api}/issues{/number}`,
    pulls_url: `${api}/pulls{/number}`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    labels_url: `${api}/labels{/name}`,
    releases_url: `${api}/releases{/id}`,
    deployments_url: `${api}/deployments`,
    created_at: repo.createdAt,
    updated_at: repo.pushedAt,
    pushed_at: repo.pushedAt,
    git_url: `git://${new URL(state.webUrl).host}/${fullName(repo)}.git`,
    ssh_url: `git@${new URL(state.webUrl).hostname}:${fullName(repo)}.git`,
    clone_url: `${html}.git`,
    svn_url: html,
    homepage: null,
    size: 0,
    stargazers_count: 0,
    watchers_count: 0,
    language: null,
    has_issues: true,
    has_projects: true,
    has_downloads: true,
    has_wiki: true,
    has_pages: false,
    has_discussions: false,
    forks_count: 0,
    mirror_url: null,
    archived: false,
    disabled: false,
    open_issues_count: open,
    license: null,
    allow_forking: true,
    is_template: false,
    web_commit_signoff_required: false,
    topics: [],
    visibility: repo.private ? "private" : "public",
    forks: 0,
    open_issues: open,
    watchers: 0,
    default_branch: repo.defaultBranch,
    permissions: { admin: true, maintain: true, push: true, triage: true, pull: true },
  };
}

/** GET /repos/{owner}/{repo}: the full-repository schema. */
export function fullRepoJson(state: State, repo: RepoRecord): Record<string, unknown> {
  return {
    ...repoJson(state, repo),
    temp_clone_token: "",
    allow_squash_merge: true,
    allow_merge_commit: true,
    allow_rebase_merge: true,
    allow_auto_merge: false,
    delete_branch_on_merge: false,
    allow_update_branch: false,
    use_squash_pr_title_as_default: false,
    squash_merge_commit_title: "COMMIT_OR_PR_TITLE",
    squash_merge_commit_message: "COMMIT_MESSAGES",
    merge_commit_title: "MERGE_MESSAGE",
    merge_commit_message: "PR_TITLE",
    ...(repo.owner.type === "Organization" ? { organization: userJson(state, repo.owner) } : {}),
    network_count: 0,
    subscribers_count: 0,
  };
}

/** The short form in installation payloads and `GET /installation/repositories` item lists. */
export function miniRepoJson(repo: RepoRecord): Record<string, unknown> {
  return { id: repo.id, node_id: repo.node_id, name: repo.name, full_name: fullName(repo), private: repo.private };
}
