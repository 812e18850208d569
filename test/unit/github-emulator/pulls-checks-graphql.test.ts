import { afterEach, describe, expect, it } from "@jest/globals";
import { Octokit } from "@octokit/rest";
import { b64, errorOf, OWNER, quiet, REPO, statusOf, world, type World } from "./setup.js";

let w: World | undefined;
afterEach(async () => {
  await w?.em.stop();
  w = undefined;
});

const params = { owner: OWNER, repo: REPO };

describe("pull requests", () => {
  it("creates, gets, lists by head/base, shows files with patches and commits, and edits", async () => {
    w = await world({ files: { "tasks.md": "- [ ] T001\n- [ ] T002\n" } });
    w.em.createBranch(OWNER, REPO, "feature");
    const c1 = w.em.commit({
      owner: OWNER,
      repo: REPO,
      branch: "feature",
      files: { "tasks.md": "- [x] T001\n- [ ] T002\n" },
    });
    const c2 = w.em.commit({ owner: OWNER, repo: REPO, branch: "feature", files: { "src.ts": "x" } });
    const pr = await w.person.rest.pulls.create({
      ...params,
      head: "feature",
      base: "main",
      title: "Feature",
      body: "Closes #9",
    });
    expect(pr.status).toBe(201);
    expect(pr.data).toMatchObject({
      number: 1,
      state: "open",
      draft: false,
      head: { ref: "feature", sha: c2 },
      base: { ref: "main" },
    });
    expect(pr.data.id).not.toBe(pr.data.number);
    expect(
      await statusOf(w.person.rest.pulls.create({ ...params, head: "feature", base: "main", title: "again" })),
    ).toBe(422);
    expect(await statusOf(w.person.rest.pulls.create({ ...params, head: "nope", base: "main", title: "x" }))).toBe(422);

    const files = await w.app.rest.pulls.listFiles({ ...params, pull_number: 1 });
    expect(files.data.map((f) => [f.filename, f.status])).toEqual([
      ["src.ts", "added"],
      ["tasks.md", "modified"],
    ]);
    expect(files.data[1]?.patch).toBe("@@ -1,2 +1,2 @@\n-- [ ] T001\n+- [x] T001\n - [ ] T002");
    const commits = await w.app.rest.pulls.listCommits({ ...params, pull_number: 1 });
    expect(commits.data.map((c) => c.sha)).toEqual([c1, c2]);

    expect((await w.app.rest.pulls.list({ ...params, head: "acme:feature" })).data.map((p) => p.number)).toEqual([1]);
    expect((await w.app.rest.pulls.list({ ...params, base: "other" })).data).toEqual([]);
    const edited = await w.person.rest.pulls.update({ ...params, pull_number: 1, title: "Better", state: "closed" });
    expect(edited.data).toMatchObject({ title: "Better", state: "closed" });
    expect((await w.app.rest.pulls.list({ ...params })).data).toEqual([]);
    expect((await w.app.rest.pulls.list({ ...params, state: "closed" })).data.map((p) => p.number)).toEqual([1]);
    // a PR is an issue too
    expect((await w.app.rest.issues.get({ ...params, issue_number: 1 })).data.pull_request?.url).toBe(
      `${w.em.url}/repos/acme/widgets/pulls/1`,
    );
  });

  it("moves the PR head when the branch gets a new commit", async () => {
    w = await world();
    const n = w.em.openPullRequest({ owner: OWNER, repo: REPO, head: "f", title: "t", files: { "a.md": "a" } });
    const sha = w.em.pushToPullRequest({ owner: OWNER, repo: REPO, number: n, files: { "b.md": "b" } });
    expect((await w.app.rest.pulls.get({ ...params, pull_number: n })).data.head.sha).toBe(sha);
  });
});

describe("check runs", () => {
  it("creates, updates (annotations append), lists for a ref with check_name, lists annotations", async () => {
    w = await world();
    const head = w.em.branchSha(OWNER, REPO)!;
    const ann = (i: number) => ({
      path: "tasks.md",
      start_line: i,
      end_line: i,
      annotation_level: "warning" as const,
      message: `m${i}`,
    });
    const created = await w.app.rest.checks.create({
      ...params,
      name: "tasksync",
      head_sha: head,
      status: "in_progress",
      output: { title: "t", summary: "s", annotations: Array.from({ length: 50 }, (_, i) => ann(i + 1)) },
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ name: "tasksync", head_sha: head, status: "in_progress", conclusion: null });
    const updated = await w.app.rest.checks.update({
      ...params,
      check_run_id: created.data.id,
      conclusion: "failure",
      output: { title: "t", summary: "s2", annotations: [ann(51)] },
    });
    expect(updated.data).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(updated.data.output.annotations_count).toBe(51);
    const annotations = await w.app.paginate(w.app.rest.checks.listAnnotations, {
      ...params,
      check_run_id: created.data.id,
      per_page: 100,
    });
    expect(annotations).toHaveLength(51);
    expect(annotations[50]?.message).toBe("m51");

    await w.app.rest.checks.create({ ...params, name: "other", head_sha: head });
    const forRef = await w.app.rest.checks.listForRef({ ...params, ref: "main", check_name: "tasksync" });
    expect(forRef.data.total_count).toBe(1);
    expect(forRef.data.check_runs[0]?.id).toBe(created.data.id);
    expect((await w.app.rest.checks.listForRef({ ...params, ref: head })).data.total_count).toBe(2);
    expect(w.em.checkRuns(OWNER, REPO, "main").find((r) => r.name === "tasksync")?.summary).toBe("s2");
    expect((await w.app.rest.checks.get({ ...params, check_run_id: created.data.id })).data.output.summary).toBe("s2");
  });

  it("422 above 50 annotations per request, for a summary or text above 65535 characters, and an unknown sha", async () => {
    w = await world();
    const head = w.em.branchSha(OWNER, REPO)!;
    const annotations = Array.from({ length: 51 }, (_, i) => ({
      path: "a",
      start_line: i + 1,
      end_line: i + 1,
      annotation_level: "notice" as const,
      message: "m",
    }));
    expect(
      await statusOf(
        w.app.rest.checks.create({
          ...params,
          name: "c",
          head_sha: head,
          output: { title: "t", summary: "s", annotations },
        }),
      ),
    ).toBe(422);
    expect(
      await statusOf(
        w.app.rest.checks.create({
          ...params,
          name: "c",
          head_sha: head,
          output: { title: "t", summary: "x".repeat(65536) },
        }),
      ),
    ).toBe(422);
    expect(
      await statusOf(
        w.app.rest.checks.create({
          ...params,
          name: "c",
          head_sha: head,
          output: { title: "t", summary: "s", text: "x".repeat(65536) },
        }),
      ),
    ).toBe(422);
    expect(await statusOf(w.app.rest.checks.create({ ...params, name: "c", head_sha: "f".repeat(40) }))).toBe(422);
    const ok = await w.app.rest.checks.create({
      ...params,
      name: "c",
      head_sha: head,
      output: { title: "t", summary: "x".repeat(65535) },
    });
    expect(ok.status).toBe(201);
    expect(w.em.checkRuns(OWNER, REPO)).toHaveLength(1);
  });

  it("needs checks: write", async () => {
    w = await world({ permissions: { metadata: "read", contents: "write", issues: "write" } });
    const head = w.em.branchSha(OWNER, REPO)!;
    const err = await errorOf(w.app.rest.checks.create({ ...params, name: "c", head_sha: head }));
    expect(err.status).toBe(403);
    expect(err.data["message"]).toBe("Resource not accessible by integration");
  });
});

describe("GraphQL", () => {
  const query = `query($owner: String!, $repo: String!, $number: Int!) {
    repository(owner: $owner, name: $repo) {
      pullRequest(number: $number) {
        closingIssuesReferences(first: 50) { totalCount nodes { number id databaseId } }
      }
    }
  }`;

  it("answers closingIssuesReferences from closing keywords for PRs into the default branch", async () => {
    w = await world();
    const a = await w.app.rest.issues.create({ ...params, title: "a" });
    const b = await w.app.rest.issues.create({ ...params, title: "b" });
    await w.app.rest.issues.create({ ...params, title: "c" });
    const n = w.em.openPullRequest({
      owner: OWNER,
      repo: REPO,
      head: "f",
      title: "t",
      body: `Fixes #${a.data.number}, resolves: #${b.data.number}; mentions #3; closes #999`,
      files: { x: "x" },
    });
    type R = {
      repository: {
        pullRequest: {
          closingIssuesReferences: { totalCount: number; nodes: { number: number; id: string; databaseId: number }[] };
        };
      };
    };
    const res = await w.app.graphql<R>(query, { owner: OWNER, repo: REPO, number: n });
    expect(res.repository.pullRequest.closingIssuesReferences.nodes).toEqual([
      { number: a.data.number, id: a.data.node_id, databaseId: a.data.id },
      { number: b.data.number, id: b.data.node_id, databaseId: b.data.id },
    ]);
    expect(res.repository.pullRequest.closingIssuesReferences.totalCount).toBe(2);

    // not into the default branch: no closing references
    w.em.createBranch(OWNER, REPO, "release");
    const n2 = w.em.openPullRequest({
      owner: OWNER,
      repo: REPO,
      head: "g",
      base: "release",
      title: "t",
      body: `Closes #${a.data.number}`,
      files: { y: "y" },
    });
    const res2 = await w.app.graphql<R>(query, { owner: OWNER, repo: REPO, number: n2 });
    expect(res2.repository.pullRequest.closingIssuesReferences.nodes).toEqual([]);
  });

  it("supports aliases and literal arguments, and serves /api/graphql too", async () => {
    w = await world();
    const ghe = new Octokit({
      baseUrl: `${w.em.url}/api/v3`,
      auth: w.em.installationToken(w.installationId),
      log: quiet,
    });
    const res = await ghe.graphql<{ r: { nameWithOwner: string; pr: null } }>(
      `{ r: repository(owner: "acme", name: "widgets") { nameWithOwner pr: pullRequest(number: 5) { number } } }`,
    );
    expect(res).toEqual({ r: { nameWithOwner: "acme/widgets", pr: null } });
    expect(w.em.requests.entries.at(-1)?.path).toBe("/api/graphql");
  });

  it("answers anything it does not know with a GraphQL error and logs it", async () => {
    const unmatched: string[] = [];
    w = await world({ onUnmatched: (m, p) => unmatched.push(`${m} ${p}`) });
    await expect(w.app.graphql(`{ viewer { login } }`)).rejects.toThrow(/Field 'viewer' doesn't exist on type 'Query'/);
    await expect(w.app.graphql(`{ repository(owner: "acme", name: "nope") { id } }`)).rejects.toThrow(
      /Could not resolve to a Repository/,
    );
    expect(unmatched[0]).toContain("viewer");
  });
});

describe("contents through the GHE prefix", () => {
  it("serves REST under /api/v3 as Probot's GHE_HOST setting sends it", async () => {
    w = await world();
    const ghe = new Octokit({
      baseUrl: `${w.em.url}/api/v3`,
      auth: w.em.installationToken(w.installationId),
      log: quiet,
    });
    const res = await ghe.rest.repos.createOrUpdateFileContents({
      ...params,
      path: "x.md",
      message: "m",
      content: b64("x"),
    });
    expect(res.status).toBe(201);
    expect(w.em.requests.entries.at(-1)).toMatchObject({
      route: "PUT /repos/{owner}/{repo}/contents/{path}",
      path: "/api/v3/repos/acme/widgets/contents/x.md",
    });
    await w.app.rest.issues.create({ ...params, title: "a" });
    await w.app.rest.issues.create({ ...params, title: "b" });
    const page = await ghe.rest.issues.listForRepo({ ...params, per_page: 1 });
    expect(page.headers.link).toContain(`${w.em.url}/api/v3/repos/acme/widgets/issues?per_page=1&page=2`);
  });
});
