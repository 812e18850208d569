import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "@jest/globals";
import { GitStore } from "../../github-emulator/store/git.js";
import { b64, errorOf, OWNER, REPO, statusOf, unb64, world, type World } from "./setup.js";

let w: World | undefined;
afterEach(async () => {
  await w?.em.stop();
  w = undefined;
});

const params = { owner: OWNER, repo: REPO };

function hasGit(): boolean {
  try {
    execFileSync("git", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe("git object store", () => {
  it("hashes blobs, trees and commits exactly as git does", () => {
    const git = new GitStore();
    expect(git.writeBlob("hello\n")).toBe("ce013625030ba8dba906f756967f9e9ca394464a");
    expect(git.writeTree([])).toBe("4b825dc642cb6eb9a060e54bf8d69288fbee4904");
    if (!hasGit()) return;
    const dir = mkdtempSync(join(tmpdir(), "emu-git-"));
    try {
      execFileSync("git", ["init", "-q", dir]);
      const files = { "README.md": "# hi\n", "specs/001/tasks.md": "- [ ] T001\n", "a-b.txt": "x" };
      const tree = git.treeFromFlat(
        new Map(Object.entries(files).map(([p, c]) => [p, { sha: git.writeBlob(c), mode: "100644" }])),
      );
      const env = {
        ...process.env,
        GIT_AUTHOR_NAME: "mona",
        GIT_AUTHOR_EMAIL: "m@x",
        GIT_AUTHOR_DATE: "1700000000 +0000",
        GIT_COMMITTER_NAME: "mona",
        GIT_COMMITTER_EMAIL: "m@x",
        GIT_COMMITTER_DATE: "1700000000 +0000",
      };
      for (const [p, c] of Object.entries(files)) {
        const sha = execFileSync("git", ["-C", dir, "hash-object", "-w", "--stdin"], { input: c }).toString().trim();
        execFileSync("git", ["-C", dir, "update-index", "--add", "--cacheinfo", `100644,${sha},${p}`]);
      }
      const realTree = execFileSync("git", ["-C", dir, "write-tree"]).toString().trim();
      expect(tree).toBe(realTree);
      const realCommit = execFileSync("git", ["-C", dir, "commit-tree", realTree, "-m", "msg"], { env })
        .toString()
        .trim();
      const date = new Date(1700000000 * 1000).toISOString();
      const ours = git.writeCommit({
        tree,
        parents: [],
        message: "msg\n",
        author: { name: "mona", email: "m@x", date },
        committer: { name: "mona", email: "m@x", date },
      });
      expect(ours).toBe(realCommit);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("repos, branches and refs", () => {
  it("answers the repository with default_branch and full_name", async () => {
    w = await world();
    const { data } = await w.app.rest.repos.get(params);
    expect(data).toMatchObject({
      full_name: "acme/widgets",
      default_branch: "main",
      private: true,
      owner: { login: "acme" },
    });
    expect(data.html_url).toBe(`${w.em.url}/acme/widgets`);
  });

  it("gets branches, refs and matching refs; creates, moves and deletes refs", async () => {
    w = await world();
    const head = w.em.branchSha(OWNER, REPO)!;
    const branch = await w.app.rest.repos.getBranch({ ...params, branch: "main" });
    expect(branch.data.commit.sha).toBe(head);
    expect((await w.app.rest.git.getRef({ ...params, ref: "heads/main" })).data.object.sha).toBe(head);
    expect(await statusOf(w.app.rest.git.getRef({ ...params, ref: "heads/nope" }))).toBe(404);

    const created = await w.app.rest.git.createRef({ ...params, ref: "refs/heads/feature/x", sha: head });
    expect(created.status).toBe(201);
    expect(await statusOf(w.app.rest.git.createRef({ ...params, ref: "refs/heads/feature/x", sha: head }))).toBe(422);
    const matching = await w.app.rest.git.listMatchingRefs({ ...params, ref: "heads/feature" });
    expect(matching.data.map((r) => r.ref)).toEqual(["refs/heads/feature/x"]);
    expect((await w.app.rest.repos.getBranch({ ...params, branch: "feature/x" })).data.name).toBe("feature/x");

    const next = w.em.commit({ owner: OWNER, repo: REPO, branch: "feature/x", files: { "a.txt": "a" } });
    // moving main to a descendant is a fast forward
    const moved = await w.app.rest.git.updateRef({ ...params, ref: "heads/main", sha: next });
    expect(moved.data.object.sha).toBe(next);
    // moving it back is not, unless forced
    expect(await statusOf(w.app.rest.git.updateRef({ ...params, ref: "heads/main", sha: head }))).toBe(422);
    await w.app.rest.git.updateRef({ ...params, ref: "heads/main", sha: head, force: true });
    expect(w.em.branchSha(OWNER, REPO)).toBe(head);
    await w.app.rest.git.deleteRef({ ...params, ref: "heads/feature/x" });
    expect(w.em.branchSha(OWNER, REPO, "feature/x")).toBeUndefined();
  });

  it("builds blobs, trees and commits through the Git database API", async () => {
    w = await world();
    const blob = await w.app.rest.git.createBlob({ ...params, content: b64("hello\n"), encoding: "base64" });
    expect(blob.data.sha).toBe("ce013625030ba8dba906f756967f9e9ca394464a");
    const got = await w.app.rest.git.getBlob({ ...params, file_sha: blob.data.sha });
    expect(got.data.encoding).toBe("base64");
    expect(unb64(got.data.content)).toBe("hello\n");

    const head = w.em.branchSha(OWNER, REPO)!;
    const base = (await w.app.rest.git.getCommit({ ...params, commit_sha: head })).data;
    const tree = await w.app.rest.git.createTree({
      ...params,
      base_tree: base.tree.sha,
      tree: [{ path: "docs/a.md", mode: "100644", type: "blob", sha: blob.data.sha }],
    });
    const commit = await w.app.rest.git.createCommit({
      ...params,
      message: "add docs",
      tree: tree.data.sha,
      parents: [head],
    });
    expect(commit.status).toBe(201);
    expect(commit.data.parents.map((p) => p.sha)).toEqual([head]);
    await w.app.rest.git.updateRef({ ...params, ref: "heads/main", sha: commit.data.sha });
    expect(w.em.fileAt(OWNER, REPO, "main", "docs/a.md")).toBe("hello\n");
    expect(w.em.fileAt(OWNER, REPO, "main", "README.md")).toBe("# widgets\n");

    const recursive = await w.app.rest.git.getTree({ ...params, tree_sha: tree.data.sha, recursive: "1" });
    expect(recursive.data.tree.map((e) => `${e.type}:${e.path}`).sort()).toEqual([
      "blob:README.md",
      "blob:docs/a.md",
      "tree:docs",
    ]);
    const flat = await w.app.rest.git.getTree({ ...params, tree_sha: tree.data.sha });
    expect(flat.data.tree.map((e) => e.path).sort()).toEqual(["README.md", "docs"]);
  });
});

describe("contents", () => {
  it("reads a file as base64 with its blob sha, raw on request, and lists directories", async () => {
    w = await world({ files: { "specs/001/tasks.md": "- [ ] T001 one\n", "README.md": "r" } });
    const res = await w.app.rest.repos.getContent({ ...params, path: "specs/001/tasks.md" });
    const file = res.data as { type: string; encoding: string; content: string; sha: string; path: string };
    expect(file.type).toBe("file");
    expect(file.encoding).toBe("base64");
    expect(unb64(file.content)).toBe("- [ ] T001 one\n");
    expect(file.sha).toBe(new GitStore().writeBlob("- [ ] T001 one\n"));
    const raw = await w.app.rest.repos.getContent({
      ...params,
      path: "specs/001/tasks.md",
      mediaType: { format: "raw" },
    });
    expect(raw.data as unknown).toBe("- [ ] T001 one\n");
    const dir = await w.app.rest.repos.getContent({ ...params, path: "specs" });
    expect(Array.isArray(dir.data) && dir.data.map((e) => [e.type, e.path])).toEqual([["dir", "specs/001"]]);
    expect(await statusOf(w.app.rest.repos.getContent({ ...params, path: "nope.md" }))).toBe(404);
    expect(await statusOf(w.app.rest.repos.getContent({ ...params, path: "README.md", ref: "nope" }))).toBe(404);
  });

  it("reads at a ref: branch, sha", async () => {
    w = await world({ files: { "a.md": "one" } });
    const first = w.em.branchSha(OWNER, REPO)!;
    w.em.commit({ owner: OWNER, repo: REPO, files: { "a.md": "two" } });
    const atSha = await w.app.rest.repos.getContent({ ...params, path: "a.md", ref: first });
    expect(unb64((atSha.data as { content: string }).content)).toBe("one");
    const atMain = await w.app.rest.repos.getContent({ ...params, path: "a.md", ref: "main" });
    expect(unb64((atMain.data as { content: string }).content)).toBe("two");
  });

  it("PUT creates (201) and updates with the current sha (200); stale sha 409; missing sha 422; unknown branch 404", async () => {
    w = await world();
    const created = await w.app.rest.repos.createOrUpdateFileContents({
      ...params,
      path: "t.md",
      message: "add",
      content: b64("v1"),
    });
    expect(created.status).toBe(201);
    const sha1 = created.data.content!.sha!;
    const updated = await w.app.rest.repos.createOrUpdateFileContents({
      ...params,
      path: "t.md",
      message: "edit",
      content: b64("v2"),
      sha: sha1,
    });
    expect(updated.status).toBe(200);
    expect(updated.data.commit.parents?.[0]?.sha).toBe(created.data.commit.sha);
    expect(w.em.fileAt(OWNER, REPO, "main", "t.md")).toBe("v2");
    expect(w.em.branchSha(OWNER, REPO)).toBe(updated.data.commit.sha);

    const stale = await errorOf(
      w.app.rest.repos.createOrUpdateFileContents({
        ...params,
        path: "t.md",
        message: "x",
        content: b64("v3"),
        sha: sha1,
      }),
    );
    expect(stale.status).toBe(409);
    expect(stale.data["message"]).toBe(`t.md does not match ${sha1}`);
    expect(
      await statusOf(
        w.app.rest.repos.createOrUpdateFileContents({ ...params, path: "t.md", message: "x", content: b64("v3") }),
      ),
    ).toBe(422);
    expect(
      await statusOf(
        w.app.rest.repos.createOrUpdateFileContents({
          ...params,
          path: "t.md",
          message: "x",
          content: b64("v3"),
          branch: "nope",
        }),
      ),
    ).toBe(404);
    expect(w.em.fileAt(OWNER, REPO, "main", "t.md")).toBe("v2");
    // other files changing does not make a sha stale
    w.em.commit({ owner: OWNER, repo: REPO, files: { "other.md": "o" } });
    const again = await w.app.rest.repos.createOrUpdateFileContents({
      ...params,
      path: "t.md",
      message: "edit",
      content: b64("v3"),
      sha: updated.data.content!.sha!,
    });
    expect(again.status).toBe(200);
  });

  it("commits written by the installation are the bot's and verified; by a person, not verified", async () => {
    w = await world();
    const byApp = await w.app.rest.repos.createOrUpdateFileContents({
      ...params,
      path: "a.md",
      message: "m",
      content: b64("a"),
    });
    expect(byApp.data.commit.author?.name).toBe("tasksync[bot]");
    expect(byApp.data.commit.verification?.verified).toBe(true);
    const byPerson = await w.person.rest.repos.createOrUpdateFileContents({
      ...params,
      path: "b.md",
      message: "m",
      content: b64("b"),
    });
    expect(byPerson.data.commit.author?.name).toBe("mona");
    expect(byPerson.data.commit.verification?.verified).toBe(false);
  });

  it("DELETE removes a file with its sha", async () => {
    w = await world({ files: { "a.md": "a", "b.md": "b" } });
    const sha = new GitStore().writeBlob("a");
    expect(
      await statusOf(w.app.rest.repos.deleteFile({ ...params, path: "a.md", message: "rm", sha: "0".repeat(40) })),
    ).toBe(409);
    const res = await w.app.rest.repos.deleteFile({ ...params, path: "a.md", message: "rm", sha });
    expect(res.data.content).toBeNull();
    expect(w.em.fileAt(OWNER, REPO, "main", "a.md")).toBeUndefined();
    expect(w.em.fileAt(OWNER, REPO, "main", "b.md")).toBe("b");
  });
});

describe("commits and compare", () => {
  it("handles long histories (no recursion limits) and lists commits newest first", async () => {
    w = await world();
    const base = w.em.branchSha(OWNER, REPO)!;
    let last = base;
    for (let i = 0; i < 15_000; i++)
      last = w.em.commit({ owner: OWNER, repo: REPO, files: { "n.txt": String(i) }, message: `c${i}` });
    const cmp = await w.app.rest.repos.compareCommitsWithBasehead({ ...params, basehead: `${base}...main` });
    expect(cmp.data.ahead_by).toBe(15_000);
    expect(cmp.data.commits).toHaveLength(250); // GitHub's cap without pagination
    const lastPage = await w.app.rest.repos.compareCommitsWithBasehead({
      ...params,
      basehead: `${base}...main`,
      per_page: 100,
      page: 150,
    });
    expect(lastPage.data.commits.at(-1)?.sha).toBe(last);
    const list = await w.app.rest.repos.listCommits({ ...params, per_page: 2 });
    expect(list.data.map((c) => c.commit.message)).toEqual(["c14999", "c14998"]);
  });

  it("gets a commit with its files and compares base...head with statuses, counts and merge base", async () => {
    w = await world({ files: { "keep.md": "k", "edit.md": "1\n2\n3\n", "gone.md": "g", "move.md": "same content" } });
    const base = w.em.branchSha(OWNER, REPO)!;
    w.em.createBranch(OWNER, REPO, "feature");
    const head = w.em.commit({
      owner: OWNER,
      repo: REPO,
      branch: "feature",
      files: { "edit.md": "1\nTWO\n3\n", "gone.md": null, "new.md": "n", "move.md": null, "moved.md": "same content" },
    });
    const other = w.em.commit({ owner: OWNER, repo: REPO, files: { "main-only.md": "m" } });

    const commit = await w.app.rest.repos.getCommit({ ...params, ref: head });
    expect(commit.data.sha).toBe(head);
    expect(commit.data.files?.map((f) => f.filename).sort()).toEqual(["edit.md", "gone.md", "moved.md", "new.md"]);

    const cmp = await w.app.rest.repos.compareCommitsWithBasehead({ ...params, basehead: "main...feature" });
    expect(cmp.data.status).toBe("diverged");
    expect(cmp.data.ahead_by).toBe(1);
    expect(cmp.data.behind_by).toBe(1);
    expect(cmp.data.merge_base_commit.sha).toBe(base);
    expect(cmp.data.base_commit.sha).toBe(other);
    expect(cmp.data.commits.map((c) => c.sha)).toEqual([head]);
    const files = Object.fromEntries((cmp.data.files ?? []).map((f) => [f.filename, f]));
    expect(files["edit.md"]?.status).toBe("modified");
    expect(files["edit.md"]?.patch).toBe("@@ -1,3 +1,3 @@\n 1\n-2\n+TWO\n 3");
    expect(files["gone.md"]?.status).toBe("removed");
    expect(files["new.md"]?.status).toBe("added");
    expect(files["moved.md"]?.status).toBe("renamed");
    expect(files["moved.md"]?.previous_filename).toBe("move.md");
    expect(files["main-only.md"]).toBeUndefined();
  });
});
