/**
 * A small, real git object store: blobs, trees and commits hashed exactly as git hashes them,
 * and refs. Paths are flat ("a/b/c.md") at the API; trees are nested inside.
 */
import { sha1 } from "../ids.js";

export interface GitPerson {
  name: string;
  email: string;
  date: string; // ISO 8601
}

export interface BlobObject {
  type: "blob";
  sha: string;
  content: Buffer;
}

export interface TreeEntry {
  name: string;
  mode: string; // "100644" | "100755" | "040000" | "120000"
  type: "blob" | "tree";
  sha: string;
}

export interface TreeObject {
  type: "tree";
  sha: string;
  entries: TreeEntry[];
}

export interface CommitObject {
  type: "commit";
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  author: GitPerson;
  committer: GitPerson;
}

export type GitObject = BlobObject | TreeObject | CommitObject;

export interface FlatEntry {
  sha: string;
  mode: string;
}

export type FileChange = { path: string; status: "added" | "modified" | "removed"; before?: string; after?: string };

function gitTime(iso: string): string {
  return `${Math.floor(new Date(iso).getTime() / 1000)} +0000`;
}

/** git sorts tree entries by name, comparing trees as if their name ended in "/". */
function treeSortKey(e: TreeEntry): string {
  return e.type === "tree" ? `${e.name}/` : e.name;
}

export class GitStore {
  readonly objects = new Map<string, GitObject>();
  readonly refs = new Map<string, string>(); // "refs/heads/main" -> commit sha
  /** commits GitHub would mark verified (made through the API without a custom author) */
  readonly verified = new Set<string>();
  /** generation number: 1 + the highest parent generation (roots are 1) */
  private readonly generation = new Map<string, number>();

  writeBlob(content: Buffer | string): string {
    const buf = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    const sha = sha1(Buffer.concat([Buffer.from(`blob ${buf.length}\0`), buf]));
    if (!this.objects.has(sha)) this.objects.set(sha, { type: "blob", sha, content: buf });
    return sha;
  }

  writeTree(entries: TreeEntry[]): string {
    const sorted = [...entries].sort((a, b) =>
      treeSortKey(a) < treeSortKey(b) ? -1 : treeSortKey(a) > treeSortKey(b) ? 1 : 0,
    );
    const parts = sorted.map((e) =>
      Buffer.concat([Buffer.from(`${e.mode === "040000" ? "40000" : e.mode} ${e.name}\0`), Buffer.from(e.sha, "hex")]),
    );
    const body = Buffer.concat(parts);
    const sha = sha1(Buffer.concat([Buffer.from(`tree ${body.length}\0`), body]));
    if (!this.objects.has(sha)) this.objects.set(sha, { type: "tree", sha, entries: sorted });
    return sha;
  }

  writeCommit(c: Omit<CommitObject, "type" | "sha">): string {
    const lines = [`tree ${c.tree}`, ...c.parents.map((p) => `parent ${p}`)];
    lines.push(`author ${c.author.name} <${c.author.email}> ${gitTime(c.author.date)}`);
    lines.push(`committer ${c.committer.name} <${c.committer.email}> ${gitTime(c.committer.date)}`);
    const body = Buffer.from(`${lines.join("\n")}\n\n${c.message}`, "utf8");
    const sha = sha1(Buffer.concat([Buffer.from(`commit ${body.length}\0`), body]));
    if (!this.objects.has(sha)) {
      this.objects.set(sha, { type: "commit", sha, ...c });
      this.generation.set(sha, 1 + Math.max(0, ...c.parents.map((p) => this.generation.get(p) ?? 0)));
    }
    return sha;
  }

  blob(sha: string): BlobObject | undefined {
    const o = this.objects.get(sha);
    return o?.type === "blob" ? o : undefined;
  }
  tree(sha: string): TreeObject | undefined {
    const o = this.objects.get(sha);
    return o?.type === "tree" ? o : undefined;
  }
  commit(sha: string): CommitObject | undefined {
    const o = this.objects.get(sha);
    return o?.type === "commit" ? o : undefined;
  }

  /** All files under a tree, as path -> blob. */
  flatten(treeSha: string, prefix = ""): Map<string, FlatEntry> {
    const out = new Map<string, FlatEntry>();
    const tree = this.tree(treeSha);
    if (!tree) return out;
    for (const e of tree.entries) {
      const path = prefix ? `${prefix}/${e.name}` : e.name;
      if (e.type === "tree") for (const [p, f] of this.flatten(e.sha, path)) out.set(p, f);
      else out.set(path, { sha: e.sha, mode: e.mode });
    }
    return out;
  }

  /** Build nested trees from a flat map; returns the root tree sha. */
  treeFromFlat(files: Map<string, FlatEntry>): string {
    interface Dir {
      files: TreeEntry[];
      dirs: Map<string, Dir>;
    }
    const root: Dir = { files: [], dirs: new Map() };
    for (const [path, f] of files) {
      const parts = path.split("/");
      const name = parts.pop() as string;
      let dir = root;
      for (const p of parts) {
        let next = dir.dirs.get(p);
        if (!next) dir.dirs.set(p, (next = { files: [], dirs: new Map() }));
        dir = next;
      }
      dir.files.push({ name, mode: f.mode, type: "blob", sha: f.sha });
    }
    const write = (dir: Dir): string =>
      this.writeTree([
        ...dir.files,
        ...[...dir.dirs].map(([name, d]): TreeEntry => ({ name, mode: "040000", type: "tree", sha: write(d) })),
      ]);
    return write(root);
  }

  /** Files of a commit (empty for none). */
  filesAt(commitSha: string | undefined): Map<string, FlatEntry> {
    const c = commitSha ? this.commit(commitSha) : undefined;
    return c ? this.flatten(c.tree) : new Map();
  }

  /** Look up one path in a commit: a file, a directory (list of entries) or nothing. */
  lookup(
    commitSha: string,
    path: string,
  ): { kind: "file"; sha: string; mode: string } | { kind: "dir"; sha: string; entries: TreeEntry[] } | undefined {
    const c = this.commit(commitSha);
    if (!c) return undefined;
    let tree = this.tree(c.tree);
    const parts = path.split("/").filter((p) => p !== "");
    if (parts.length === 0 && tree) return { kind: "dir", sha: tree.sha, entries: tree.entries };
    for (let i = 0; i < parts.length; i++) {
      const e = tree?.entries.find((x) => x.name === parts[i]);
      if (!e) return undefined;
      if (i === parts.length - 1) {
        if (e.type === "blob") return { kind: "file", sha: e.sha, mode: e.mode };
        const t = this.tree(e.sha);
        return t ? { kind: "dir", sha: t.sha, entries: t.entries } : undefined;
      }
      if (e.type !== "tree") return undefined;
      tree = this.tree(e.sha);
    }
    return undefined;
  }

  diff(fromCommit: string | undefined, toCommit: string | undefined): FileChange[] {
    const a = this.filesAt(fromCommit);
    const b = this.filesAt(toCommit);
    const changes: FileChange[] = [];
    for (const [path, f] of b) {
      const old = a.get(path);
      if (!old) changes.push({ path, status: "added", after: f.sha });
      else if (old.sha !== f.sha) changes.push({ path, status: "modified", before: old.sha, after: f.sha });
    }
    for (const [path, f] of a) if (!b.has(path)) changes.push({ path, status: "removed", before: f.sha });
    return changes.sort((x, y) => (x.path < y.path ? -1 : 1));
  }

  /** Every ancestor of a commit, itself included. */
  ancestors(sha: string): Set<string> {
    const seen = new Set<string>();
    const stack = [sha];
    while (stack.length) {
      const s = stack.pop() as string;
      if (seen.has(s)) continue;
      seen.add(s);
      stack.push(...(this.commit(s)?.parents ?? []));
    }
    return seen;
  }

  mergeBase(a: string, b: string): string | undefined {
    const ancA = this.ancestors(a);
    // breadth first from b: the nearest common ancestor
    const queue = [b];
    const seen = new Set<string>();
    while (queue.length) {
      const s = queue.shift() as string;
      if (seen.has(s)) continue;
      seen.add(s);
      if (ancA.has(s)) return s;
      queue.push(...(this.commit(s)?.parents ?? []));
    }
    return undefined;
  }

  /**
   * Commits reachable from head but not from base, oldest first (parents before children).
   * Git's "paint down" walk by generation number: it stops as soon as only commits reachable
   * from base are left, so a push on top of a long history costs what the push adds.
   */
  commitsBetween(base: string | undefined, head: string): CommitObject[] {
    const HEAD = 1;
    const BASE = 2;
    const marks = new Map<string, number>();
    const queue: string[] = []; // ordered by generation, highest last
    const gen = (sha: string): number => this.generation.get(sha) ?? 0;
    const push = (sha: string, mark: number): void => {
      const old = marks.get(sha) ?? 0;
      if ((old | mark) === old) return;
      marks.set(sha, old | mark);
      if (old !== 0) return; // already queued; its mark got stronger
      const g = gen(sha);
      let lo = 0;
      let hi = queue.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (gen(queue[mid]!) <= g) lo = mid + 1;
        else hi = mid;
      }
      queue.splice(lo, 0, sha);
    };
    if (!this.commit(head)) return [];
    push(head, HEAD);
    if (base && this.commit(base)) push(base, BASE);
    const out: CommitObject[] = [];
    while (queue.length) {
      if (queue.every((s) => (marks.get(s)! & BASE) !== 0)) break;
      const sha = queue.pop() as string;
      const mark = marks.get(sha)!;
      const c = this.commit(sha);
      if (!c) continue;
      if ((mark & BASE) === 0) out.push(c);
      for (const p of c.parents) push(p, mark & BASE ? BASE : HEAD);
    }
    // generation order is a topological order; reverse for oldest first
    return out.sort((a, b) => gen(a.sha) - gen(b.sha));
  }

  /** Resolve a ref name, "heads/x", "refs/heads/x", a tag or a full sha to a commit sha. */
  resolve(ref: string): string | undefined {
    if (/^[0-9a-f]{40}$/.test(ref)) return this.commit(ref) ? ref : undefined;
    for (const name of [ref, `refs/${ref}`, `refs/heads/${ref}`, `refs/tags/${ref}`]) {
      const sha = this.refs.get(name);
      if (sha) return sha;
    }
    return undefined;
  }
}
