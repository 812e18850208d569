/** Writing commits onto branches, moving refs (with push webhooks) and commit/compare JSON. */
import { unifiedPatch } from "../diff.js";
import { HttpError } from "../errors.js";
import { nodeId, ZERO_SHA } from "../ids.js";
import { emitPullRequestEvent, emitPush } from "../payloads.js";
import type { CommitObject, FileChange, FlatEntry, GitPerson } from "./git.js";
import type { RepoRecord, UserRecord } from "./records.js";
import type { State } from "./state.js";
import { repoApi, repoHtml } from "./repos.js";
import { userJson } from "./users.js";

export interface CommitFilesInput {
  branch: string;
  files: Record<string, string | Buffer | null>;
  message: string;
  author: GitPerson;
  committer?: GitPerson;
  /** commit made by an app through the API without its own author: GitHub signs it */
  verified?: boolean;
}

export function person(u: UserRecord, date: string): GitPerson {
  return { name: u.login, email: u.email, date };
}

/** Create a commit on top of the branch head (or a root commit) without moving the ref. */
export function writeCommit(repo: RepoRecord, input: CommitFilesInput, parent: string | undefined): string {
  const git = repo.git;
  const flat = new Map<string, FlatEntry>(git.filesAt(parent));
  for (const [path, content] of Object.entries(input.files)) {
    const clean = path.replace(/^\/+/, "");
    if (content === null) flat.delete(clean);
    else flat.set(clean, { sha: git.writeBlob(content), mode: flat.get(clean)?.mode ?? "100644" });
  }
  const tree = git.treeFromFlat(flat);
  const sha = git.writeCommit({
    tree,
    parents: parent ? [parent] : [],
    message: input.message,
    author: input.author,
    committer: input.committer ?? input.author,
  });
  if (input.verified) git.verified.add(sha);
  return sha;
}

/** Commit files onto a branch, move it and send the push webhook. Returns the commit sha. */
export function commitToBranch(
  state: State,
  repo: RepoRecord,
  input: CommitFilesInput,
  pusher: UserRecord,
): { sha: string; before: string | undefined } {
  const before = repo.git.refs.get(`refs/heads/${input.branch}`);
  const sha = writeCommit(repo, input, before);
  moveRef(state, repo, `refs/heads/${input.branch}`, sha, pusher);
  return { sha, before };
}

/**
 * Point a ref at a new commit (or delete it with null) and send what GitHub sends:
 * a `push`, and `pull_request.synchronize` for open pull requests from that branch.
 */
export function moveRef(
  state: State,
  repo: RepoRecord,
  ref: string,
  sha: string | null,
  pusher: UserRecord,
  forced = false,
): void {
  const before = repo.git.refs.get(ref);
  if (sha === null) repo.git.refs.delete(ref);
  else repo.git.refs.set(ref, sha);
  repo.pushedAt = state.timestamp();
  emitPush(state, repo, { ref, before: before ?? ZERO_SHA, after: sha ?? ZERO_SHA, forced, pusher });
  const branch = ref.replace(/^refs\/heads\//, "");
  if (!ref.startsWith("refs/heads/") || sha === null) return;
  for (const issue of repo.issues.values()) {
    const pr = issue.pull;
    if (pr && issue.state === "open" && pr.headRef === branch && before !== sha) {
      issue.updatedAt = state.timestamp();
      emitPullRequestEvent(
        state,
        "synchronize",
        issue as typeof issue & { pull: NonNullable<typeof issue.pull> },
        pusher,
        { before: before ?? ZERO_SHA, after: sha },
      );
    }
  }
}

export function branchHead(repo: RepoRecord, branch: string): string {
  const sha = repo.git.refs.get(`refs/heads/${branch}`);
  if (!sha) throw new HttpError(404, "Branch not found");
  return sha;
}

export function resolveRef(repo: RepoRecord, ref: string | null | undefined): string {
  const sha = repo.git.resolve(ref ?? repo.defaultBranch);
  if (!sha) throw new HttpError(404, `No commit found for the ref ${ref ?? repo.defaultBranch}`);
  return sha;
}

function verification(repo: RepoRecord, sha: string): Record<string, unknown> {
  return repo.git.verified.has(sha)
    ? {
        verified: true,
        reason: "valid",
        signature: "-----BEGIN PGP SIGNATURE-----\n\nemulated\n-----END PGP SIGNATURE-----",
        payload: "emulated",
        verified_at: null,
      }
    : { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null };
}

/** GET /repos/{o}/{r}/git/commits/{sha} (git-commit) */
export function gitCommitJson(state: State, repo: RepoRecord, c: CommitObject): Record<string, unknown> {
  const api = repoApi(state, repo);
  return {
    sha: c.sha,
    node_id: nodeId("C", parseInt(c.sha.slice(0, 8), 16)),
    url: `${api}/git/commits/${c.sha}`,
    html_url: `${repoHtml(state, repo)}/commit/${c.sha}`,
    author: c.author,
    committer: c.committer,
    tree: { sha: c.tree, url: `${api}/git/trees/${c.tree}` },
    message: c.message,
    parents: c.parents.map((p) => ({
      sha: p,
      url: `${api}/git/commits/${p}`,
      html_url: `${repoHtml(state, repo)}/commit/${p}`,
    })),
    verification: verification(repo, c.sha),
  };
}

function userByEmail(state: State, email: string): UserRecord | undefined {
  for (const u of state.users.values()) if (u.email === email) return u;
  return undefined;
}

/** The "commit" schema (GET /repos/{o}/{r}/commits/{ref}, PR commits, compare commits). */
export function commitJson(
  state: State,
  repo: RepoRecord,
  c: CommitObject,
  withFiles = false,
): Record<string, unknown> {
  const api = repoApi(state, repo);
  const author = userByEmail(state, c.author.email);
  const committer = userByEmail(state, c.committer.email);
  const json: Record<string, unknown> = {
    sha: c.sha,
    node_id: nodeId("C", parseInt(c.sha.slice(0, 8), 16)),
    commit: {
      author: c.author,
      committer: c.committer,
      message: c.message,
      tree: { sha: c.tree, url: `${api}/git/trees/${c.tree}` },
      url: `${api}/git/commits/${c.sha}`,
      comment_count: 0,
      verification: verification(repo, c.sha),
    },
    url: `${api}/commits/${c.sha}`,
    html_url: `${repoHtml(state, repo)}/commit/${c.sha}`,
    comments_url: `${api}/commits/${c.sha}/comments`,
    author: author ? userJson(state, author) : null,
    committer: committer ? userJson(state, committer) : null,
    parents: c.parents.map((p) => ({
      sha: p,
      url: `${api}/commits/${p}`,
      html_url: `${repoHtml(state, repo)}/commit/${p}`,
    })),
  };
  if (withFiles) {
    const files = diffFilesJson(state, repo, c.parents[0], c.sha);
    const additions = files.reduce((s, f) => s + (f["additions"] as number), 0);
    const deletions = files.reduce((s, f) => s + (f["deletions"] as number), 0);
    json["stats"] = { total: additions + deletions, additions, deletions };
    json["files"] = files;
  }
  return json;
}

/** The diff-entry list between two commits, with renames detected by identical blobs. */
export function diffFilesJson(
  state: State,
  repo: RepoRecord,
  from: string | undefined,
  to: string,
): Record<string, unknown>[] {
  const changes: (FileChange & { previous?: string })[] = repo.git.diff(from, to);
  const removed = changes.filter((c) => c.status === "removed");
  const out: Record<string, unknown>[] = [];
  const renamedFrom = new Set<string>();
  for (const c of changes) {
    if (c.status === "added") {
      const src = removed.find((r) => r.before === c.after && !renamedFrom.has(r.path));
      if (src) {
        renamedFrom.add(src.path);
        out.push(entryJson(state, repo, { ...c, status: "renamed" as FileChange["status"] }, to, src.path));
        continue;
      }
    }
    out.push(entryJson(state, repo, c, to));
  }
  return out.filter((e) => !(e["status"] === "removed" && renamedFrom.has(e["filename"] as string)));
}

function text(repo: RepoRecord, sha: string | undefined): string {
  return sha ? (repo.git.blob(sha)?.content.toString("utf8") ?? "") : "";
}

function entryJson(
  state: State,
  repo: RepoRecord,
  c: FileChange | { path: string; status: string; before?: string; after?: string },
  ref: string,
  previous?: string,
): Record<string, unknown> {
  const api = repoApi(state, repo);
  const html = repoHtml(state, repo);
  const sha = c.after ?? c.before ?? ZERO_SHA;
  const p = unifiedPatch(text(repo, c.status === "renamed" ? c.after : c.before), text(repo, c.after));
  const entry: Record<string, unknown> = {
    sha,
    filename: c.path,
    status: c.status,
    additions: p?.additions ?? 0,
    deletions: p?.deletions ?? 0,
    changes: (p?.additions ?? 0) + (p?.deletions ?? 0),
    blob_url: `${html}/blob/${ref}/${c.path}`,
    raw_url: `${html}/raw/${ref}/${c.path}`,
    contents_url: `${api}/contents/${c.path}?ref=${ref}`,
  };
  if (p && p.patch !== "") entry["patch"] = p.patch;
  if (previous) entry["previous_filename"] = previous;
  return entry;
}

/** GET /repos/{o}/{r}/compare/{base}...{head} */
export function compareJson(state: State, repo: RepoRecord, baseRef: string, headRef: string): Record<string, unknown> {
  const base = resolveRef(repo, baseRef);
  const head = resolveRef(repo, headRef);
  const git = repo.git;
  const mergeBase = git.mergeBase(base, head);
  if (!mergeBase) throw new HttpError(404, `No common ancestor between ${baseRef} and ${headRef}.`);
  const ahead = git.commitsBetween(base, head);
  const behind = git.commitsBetween(head, base);
  const status =
    ahead.length === 0 && behind.length === 0
      ? "identical"
      : behind.length === 0
        ? "ahead"
        : ahead.length === 0
          ? "behind"
          : "diverged";
  const api = repoApi(state, repo);
  const html = repoHtml(state, repo);
  const baseCommit = git.commit(base) as CommitObject;
  const mbCommit = git.commit(mergeBase) as CommitObject;
  return {
    url: `${api}/compare/${baseRef}...${headRef}`,
    html_url: `${html}/compare/${baseRef}...${headRef}`,
    permalink_url: `${html}/compare/${repo.owner.login}:${base.slice(0, 7)}...${repo.owner.login}:${head.slice(0, 7)}`,
    diff_url: `${html}/compare/${baseRef}...${headRef}.diff`,
    patch_url: `${html}/compare/${baseRef}...${headRef}.patch`,
    base_commit: commitJson(state, repo, baseCommit),
    merge_base_commit: commitJson(state, repo, mbCommit),
    status,
    ahead_by: ahead.length,
    behind_by: behind.length,
    total_commits: ahead.length,
    commits: ahead.map((c) => commitJson(state, repo, c)),
    files: diffFilesJson(state, repo, mergeBase, head),
  };
}
