/**
 * A plain Octokit client through a realistic tasksync-like flow. Every response is checked
 * against GitHub's OpenAPI description (compile time: the schema types; run time: the schema's
 * required keys) and, where @octokit/fixtures recorded the real response, against its keys.
 */
import { afterEach, describe, expect, it } from "@jest/globals";
import type { components } from "@octokit/openapi-types";
import { Octokit } from "@octokit/rest";
import { startEmulator, type Emulator } from "../../github-emulator/index.js";
import { b64, fixture, missingKeys, quiet, unb64 } from "./setup.js";

type S = components["schemas"];

/** the keys a schema requires (not optional) */
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T] & string;

/**
 * A list of a schema's required keys, checked at compile time against @octokit/openapi-types:
 * a key that is not required, or a required key left out, is a type error naming it.
 */
function requiredKeys<T>() {
  return <const L extends readonly RequiredKeys<T>[]>(
    list: L &
      ([Exclude<RequiredKeys<T>, L[number]>] extends [never]
        ? unknown
        : { missing: Exclude<RequiredKeys<T>, L[number]> }),
  ): readonly string[] => list;
}

const REQUIRED = {
  "full-repository": requiredKeys<S["full-repository"]>()([
    "id",
    "node_id",
    "name",
    "full_name",
    "owner",
    "private",
    "html_url",
    "description",
    "fork",
    "url",
    "archive_url",
    "assignees_url",
    "blobs_url",
    "branches_url",
    "collaborators_url",
    "comments_url",
    "commits_url",
    "compare_url",
    "contents_url",
    "contributors_url",
    "deployments_url",
    "downloads_url",
    "events_url",
    "forks_url",
    "git_commits_url",
    "git_refs_url",
    "git_tags_url",
    "git_url",
    "issue_comment_url",
    "issue_events_url",
    "issues_url",
    "keys_url",
    "labels_url",
    "languages_url",
    "merges_url",
    "milestones_url",
    "notifications_url",
    "pulls_url",
    "releases_url",
    "ssh_url",
    "stargazers_url",
    "statuses_url",
    "subscribers_url",
    "subscription_url",
    "tags_url",
    "teams_url",
    "trees_url",
    "clone_url",
    "mirror_url",
    "hooks_url",
    "svn_url",
    "homepage",
    "language",
    "forks_count",
    "stargazers_count",
    "watchers_count",
    "size",
    "default_branch",
    "open_issues_count",
    "has_issues",
    "has_projects",
    "has_wiki",
    "has_pages",
    "has_discussions",
    "archived",
    "disabled",
    "pushed_at",
    "created_at",
    "updated_at",
    "subscribers_count",
    "network_count",
    "license",
    "forks",
    "open_issues",
    "watchers",
  ]),
  issue: requiredKeys<S["issue"]>()([
    "id",
    "node_id",
    "url",
    "repository_url",
    "labels_url",
    "comments_url",
    "events_url",
    "html_url",
    "number",
    "state",
    "title",
    "user",
    "labels",
    "assignee",
    "milestone",
    "locked",
    "comments",
    "closed_at",
    "created_at",
    "updated_at",
  ]),
  label: requiredKeys<S["label"]>()(["id", "node_id", "url", "name", "description", "color", "default"]),
  "content-file": requiredKeys<S["content-file"]>()([
    "type",
    "encoding",
    "size",
    "name",
    "path",
    "content",
    "sha",
    "url",
    "git_url",
    "html_url",
    "download_url",
    "_links",
  ]),
  "file-commit": requiredKeys<S["file-commit"]>()(["content", "commit"]),
  "git-commit": requiredKeys<S["git-commit"]>()([
    "sha",
    "node_id",
    "url",
    "author",
    "committer",
    "message",
    "tree",
    "parents",
    "verification",
    "html_url",
  ]),
  "commit-comparison": requiredKeys<S["commit-comparison"]>()([
    "url",
    "html_url",
    "permalink_url",
    "diff_url",
    "patch_url",
    "base_commit",
    "merge_base_commit",
    "status",
    "ahead_by",
    "behind_by",
    "total_commits",
    "commits",
  ]),
  "diff-entry": requiredKeys<S["diff-entry"]>()([
    "sha",
    "filename",
    "status",
    "additions",
    "deletions",
    "changes",
    "blob_url",
    "raw_url",
    "contents_url",
  ]),
  commit: requiredKeys<S["commit"]>()([
    "url",
    "sha",
    "node_id",
    "html_url",
    "comments_url",
    "commit",
    "author",
    "committer",
    "parents",
  ]),
  "git-ref": requiredKeys<S["git-ref"]>()(["ref", "node_id", "url", "object"]),
  "pull-request": requiredKeys<S["pull-request"]>()([
    "url",
    "id",
    "node_id",
    "html_url",
    "diff_url",
    "patch_url",
    "issue_url",
    "commits_url",
    "review_comments_url",
    "review_comment_url",
    "comments_url",
    "statuses_url",
    "number",
    "state",
    "locked",
    "title",
    "user",
    "body",
    "labels",
    "milestone",
    "created_at",
    "updated_at",
    "closed_at",
    "merged_at",
    "merge_commit_sha",
    "assignee",
    "head",
    "base",
    "_links",
    "author_association",
    "auto_merge",
    "merged",
    "mergeable",
    "mergeable_state",
    "merged_by",
    "comments",
    "review_comments",
    "maintainer_can_modify",
    "commits",
    "additions",
    "deletions",
    "changed_files",
  ]),
  "check-run": requiredKeys<S["check-run"]>()([
    "id",
    "head_sha",
    "node_id",
    "external_id",
    "url",
    "html_url",
    "details_url",
    "status",
    "conclusion",
    "started_at",
    "completed_at",
    "output",
    "name",
    "check_suite",
    "app",
    "pull_requests",
  ]),
  "check-annotation": requiredKeys<S["check-annotation"]>()([
    "path",
    "start_line",
    "end_line",
    "start_column",
    "end_column",
    "annotation_level",
    "title",
    "message",
    "raw_details",
    "blob_href",
  ]),
  "issue-comment": requiredKeys<S["issue-comment"]>()([
    "id",
    "node_id",
    "url",
    "html_url",
    "user",
    "created_at",
    "updated_at",
    "issue_url",
  ]),
  installation: requiredKeys<S["installation"]>()([
    "id",
    "account",
    "repository_selection",
    "access_tokens_url",
    "repositories_url",
    "html_url",
    "app_id",
    "target_id",
    "target_type",
    "permissions",
    "events",
    "created_at",
    "updated_at",
    "single_file_name",
    "app_slug",
    "suspended_by",
    "suspended_at",
  ]),
  "installation-token": requiredKeys<S["installation-token"]>()(["token", "expires_at"]),
  "simple-user": requiredKeys<S["simple-user"]>()([
    "login",
    "id",
    "node_id",
    "avatar_url",
    "gravatar_id",
    "url",
    "html_url",
    "followers_url",
    "following_url",
    "gists_url",
    "starred_url",
    "subscriptions_url",
    "organizations_url",
    "repos_url",
    "events_url",
    "received_events_url",
    "type",
    "site_admin",
  ]),
};

function conforms(value: unknown, schema: keyof typeof REQUIRED): string[] {
  return missingKeys(value, Object.fromEntries(REQUIRED[schema].map((k) => [k, true])));
}

let em: Emulator | undefined;
afterEach(async () => {
  await em?.stop();
  em = undefined;
});

const OWNER = "octo-org";
const REPO = "tasks-demo";
const params = { owner: OWNER, repo: REPO };
const TASKS = "# Tasks\n\n## Phase 1\n\n- [ ] T001 Set up\n- [ ] T002 Build (depends on T001)\n";

function appJwt(): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  return `${part({ alg: "RS256", typ: "JWT" })}.${part({ iss: 1 })}.sig`;
}

describe("a realistic flow with a plain Octokit", () => {
  it("labels, issues, sub-issues, dependencies, a file write-back, pagination, a PR and a check run", async () => {
    em = await startEmulator({ onUnmatched: () => {} });
    em.createRepo({ owner: OWNER, name: REPO, ownerType: "Organization", files: { "specs/001-demo/tasks.md": TASKS } });
    const { id: installationId } = em.install({ account: OWNER, repos: [REPO] });

    // app auth → installation token
    const asApp = new Octokit({ baseUrl: em.url, auth: appJwt(), log: quiet });
    const inst = (await asApp.rest.apps.getRepoInstallation(params)).data;
    expect(conforms(inst, "installation")).toEqual([]);
    expect(inst.id).toBe(installationId);
    const token = (await asApp.rest.apps.createInstallationAccessToken({ installation_id: inst.id })).data;
    expect(conforms(token, "installation-token")).toEqual([]);
    const gh = new Octokit({ baseUrl: em.url, auth: token.token, log: quiet });

    // the repository
    const repo = (await gh.rest.repos.get(params)).data;
    expect(conforms(repo, "full-repository")).toEqual([]);
    expect(missingKeys(repo, fixture("get-repository", 0), ["security_and_analysis"])).toEqual([]);
    expect(conforms(repo.owner, "simple-user")).toEqual([]);

    // labels (an existing one answers 422 already_exists, which is success)
    const label = (await gh.rest.issues.createLabel({ ...params, name: "tasksync", color: "0e8a16" })).data;
    expect(conforms(label, "label")).toEqual([]);
    expect(missingKeys(label, fixture("labels", 1))).toEqual([]);
    await expect(gh.rest.issues.createLabel({ ...params, name: "tasksync", color: "0e8a16" })).rejects.toMatchObject({
      status: 422,
    });

    // issues
    const create = (title: string) =>
      gh.rest.issues.create({ ...params, title, body: `<!-- tasksync:${title} -->`, labels: ["tasksync"] });
    const feature = (await create("Feature 001")).data;
    const t1 = (await create("T001")).data;
    const t2 = (await create("T002")).data;
    for (const i of [feature, t1, t2]) expect(conforms(i, "issue")).toEqual([]);
    expect(missingKeys(feature, fixture("add-labels-to-issue", 0))).toEqual([]);
    expect(conforms(feature.user, "simple-user")).toEqual([]);

    // sub-issues and dependencies: ids in bodies, numbers in paths
    const sub = (await gh.rest.issues.addSubIssue({ ...params, issue_number: feature.number, sub_issue_id: t1.id }))
      .data;
    expect(conforms(sub, "issue")).toEqual([]);
    await gh.rest.issues.addSubIssue({ ...params, issue_number: feature.number, sub_issue_id: t2.id });
    const blocker = (
      await gh.rest.issues.addBlockedByDependency({ ...params, issue_number: t2.number, issue_id: t1.id })
    ).data;
    expect(blocker.number).toBe(t1.number);
    const subs = await gh.paginate(gh.rest.issues.listSubIssues, { ...params, issue_number: feature.number });
    expect(subs.map((s) => s.number)).toEqual([t1.number, t2.number]);
    const blockedBy = (await gh.rest.issues.listDependenciesBlockedBy({ ...params, issue_number: t2.number })).data;
    expect(blockedBy.map((s) => s.id)).toEqual([t1.id]);
    const t2now = (await gh.rest.issues.get({ ...params, issue_number: t2.number })).data;
    expect(t2now.parent_issue_url).toBe(feature.url);
    expect(t2now.issue_dependencies_summary).toEqual({
      blocked_by: 1,
      blocking: 0,
      total_blocked_by: 1,
      total_blocking: 0,
    });

    // read the task list, tick T001 with the blob sha, close the issue
    const listing = (await gh.rest.repos.getContent({ ...params, path: "specs/001-demo" })).data;
    expect(Array.isArray(listing) && missingKeys(listing[0], (fixture("get-content", 0) as unknown[])[0])).toEqual([]);
    const file = (await gh.rest.repos.getContent({ ...params, path: "specs/001-demo/tasks.md" })).data as {
      content: string;
      path: string;
      sha: string;
    };
    expect(conforms(file, "content-file")).toEqual([]);
    const ticked = unb64(file.content).replace("- [ ] T001", "- [x] T001");
    const write = (
      await gh.rest.repos.createOrUpdateFileContents({
        ...params,
        path: file.path,
        message: "tasksync: tick T001",
        content: b64(ticked),
        sha: file.sha,
      })
    ).data;
    expect(conforms(write, "file-commit")).toEqual([]);
    const recorded = fixture("create-file", 0) as { content: object; commit: object };
    expect(missingKeys(write.content, recorded.content)).toEqual([]);
    expect(missingKeys(write.commit, recorded.commit)).toEqual([]);
    expect(em.fileAt(OWNER, REPO, "main", "specs/001-demo/tasks.md")).toBe(ticked);
    await gh.rest.issues.update({ ...params, issue_number: t1.number, state: "closed", state_reason: "completed" });

    // list by label with pagination, as the observer would
    const listed = await gh.paginate(gh.rest.issues.listForRepo, {
      ...params,
      labels: "tasksync",
      state: "all",
      per_page: 2,
    });
    expect(listed.map((i) => i.number).sort()).toEqual([feature.number, t1.number, t2.number].sort());
    const page = await gh.rest.issues.listForRepo({ ...params, labels: "tasksync", state: "all", per_page: 2 });
    expect(page.headers.link).toMatch(/rel="next".*rel="last"/);
    expect(missingKeys(page.data[0], (fixture("paginate-issues", 0) as unknown[])[0])).toEqual([]);
    expect((await gh.rest.issues.get({ ...params, issue_number: feature.number })).data.sub_issues_summary).toEqual({
      total: 2,
      completed: 1,
      percent_completed: 50,
    });

    // a comment
    const comment = (await gh.rest.issues.createComment({ ...params, issue_number: feature.number, body: "synced" }))
      .data;
    expect(conforms(comment, "issue-comment")).toEqual([]);

    // refs, git commits and compare
    const ref = (await gh.rest.git.getRef({ ...params, ref: "heads/main" })).data;
    expect(conforms(ref, "git-ref")).toEqual([]);
    expect(missingKeys(ref, fixture("git-refs", 1))).toEqual([]);
    const gitCommit = (await gh.rest.git.getCommit({ ...params, commit_sha: ref.object.sha })).data;
    expect(conforms(gitCommit, "git-commit")).toEqual([]);
    const cmp = (
      await gh.rest.repos.compareCommitsWithBasehead({ ...params, basehead: `${gitCommit.parents[0]!.sha}...main` })
    ).data;
    expect(conforms(cmp, "commit-comparison")).toEqual([]);
    expect(conforms(cmp.files?.[0], "diff-entry")).toEqual([]);
    expect(conforms(cmp.commits[0], "commit")).toEqual([]);

    // a pull request and a check run on its head
    const number = em.openPullRequest({
      owner: OWNER,
      repo: REPO,
      head: "feat",
      title: "Feature",
      body: `Closes #${t2.number}`,
      files: { "src/a.ts": "export {}\n" },
    });
    const pr = (await gh.rest.pulls.get({ ...params, pull_number: number })).data;
    expect(conforms(pr, "pull-request")).toEqual([]);
    const run = (
      await gh.rest.checks.create({
        ...params,
        name: "tasksync",
        head_sha: pr.head.sha,
        conclusion: "neutral",
        output: {
          title: "1 of 2 done",
          summary: "…",
          annotations: [
            {
              path: "specs/001-demo/tasks.md",
              start_line: 6,
              end_line: 6,
              annotation_level: "notice",
              message: "T002 open",
            },
          ],
        },
      })
    ).data;
    expect(conforms(run, "check-run")).toEqual([]);
    expect(run.pull_requests.map((p) => p.number)).toEqual([number]);
    const annotations = (await gh.rest.checks.listAnnotations({ ...params, check_run_id: run.id })).data;
    expect(conforms(annotations[0], "check-annotation")).toEqual([]);

    // what it cost
    expect(em.requests.count("POST /repos/{owner}/{repo}/issues")).toBe(3);
    expect(em.requests.writes()).toBe(12); // label×2 (one refused), issue×3, sub-issue×2, dependency, contents, close, comment, check run
    expect(em.unmatched).toEqual([]);
  });
});
