/** The Git database: refs, trees, blobs and commits. */
import { HttpError, validationFailed } from "../errors.js";
import { nodeId } from "../ids.js";
import type { RequestContext, Router } from "../router.js";
import { gitCommitJson, moveRef } from "../store/commits.js";
import type { CommitObject, FlatEntry, GitPerson, TreeEntry } from "../store/git.js";
import { repoApi } from "../store/repos.js";
import { assertWritable, created, noContent, obj, ok } from "./respond.js";

export function base64Lines(buf: Buffer): string {
  return (buf.toString("base64").match(/.{1,60}/g) ?? []).join("\n") + "\n";
}

function refJson(ctx: RequestContext, ref: string, sha: string): Record<string, unknown> {
  const api = repoApi(ctx.state, ctx.repo);
  return {
    ref,
    node_id: nodeId("REF", parseInt(sha.slice(0, 8), 16)),
    url: `${api}/git/${ref}`,
    object: { sha, type: "commit", url: `${api}/git/commits/${sha}` },
  };
}

function treeJson(ctx: RequestContext, sha: string, recursive: boolean): Record<string, unknown> {
  const api = repoApi(ctx.state, ctx.repo);
  const git = ctx.repo.git;
  const entries: Record<string, unknown>[] = [];
  const walk = (treeSha: string, prefix: string): void => {
    for (const e of git.tree(treeSha)?.entries ?? []) {
      const path = prefix ? `${prefix}/${e.name}` : e.name;
      const item: Record<string, unknown> = { path, mode: e.mode, type: e.type, sha: e.sha };
      if (e.type === "blob") item["size"] = git.blob(e.sha)?.content.length ?? 0;
      item["url"] = `${api}/git/${e.type === "blob" ? "blobs" : "trees"}/${e.sha}`;
      entries.push(item);
      if (recursive && e.type === "tree") walk(e.sha, path);
    }
  };
  walk(sha, "");
  const truncated = entries.length > ctx.state.treeEntryLimit;
  return {
    sha,
    url: `${api}/git/trees/${sha}`,
    tree: truncated ? entries.slice(0, ctx.state.treeEntryLimit) : entries,
    truncated,
  };
}

function gitPerson(v: unknown, fallback: GitPerson): GitPerson {
  if (!v || typeof v !== "object") return fallback;
  const p = v as Record<string, unknown>;
  return {
    name: String(p["name"] ?? fallback.name),
    email: String(p["email"] ?? fallback.email),
    date: typeof p["date"] === "string" ? p["date"] : fallback.date,
  };
}

export function gitRoutes(r: Router): void {
  const refsList = (ctx: RequestContext, prefix: string) =>
    ok(
      [...ctx.repo.git.refs]
        .filter(([ref]) => ref.startsWith(prefix))
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([ref, sha]) => refJson(ctx, ref, sha)),
    );
  r.get("/repos/{owner}/{repo}/git/refs", { permission: "contents" }, (ctx) => refsList(ctx, "refs/"));
  r.get("/repos/{owner}/{repo}/git/matching-refs/{ref+}", { permission: "contents" }, (ctx) =>
    refsList(ctx, `refs/${ctx.params["ref"]}`),
  );
  r.get("/repos/{owner}/{repo}/git/ref/{ref+}", { permission: "contents" }, (ctx) => {
    const ref = `refs/${ctx.params["ref"]}`;
    const sha = ctx.repo.git.refs.get(ref);
    if (!sha) throw new HttpError(404, "Not Found");
    return ok(refJson(ctx, ref, sha));
  });
  // the older form GET /git/refs/heads/x answers an exact ref (or a list of matches)
  r.get("/repos/{owner}/{repo}/git/refs/{ref+}", { permission: "contents" }, (ctx) => {
    const ref = `refs/${ctx.params["ref"]}`;
    const sha = ctx.repo.git.refs.get(ref);
    if (sha) return ok(refJson(ctx, ref, sha));
    const matches = [...ctx.repo.git.refs].filter(([x]) => x.startsWith(ref));
    if (!matches.length) throw new HttpError(404, "Not Found");
    return ok(matches.map(([x, s]) => refJson(ctx, x, s)));
  });
  r.post("/repos/{owner}/{repo}/git/refs", { permission: "contents" }, (ctx) => {
    const body = obj(ctx.body);
    const ref = body["ref"];
    const sha = body["sha"];
    if (typeof ref !== "string" || !/^refs\/.+/.test(ref) || ref.split("/").length < 3) {
      throw new HttpError(422, "Reference name must start with 'refs/' and have at least two slashes.");
    }
    if (typeof sha !== "string" || !ctx.repo.git.commit(sha)) throw new HttpError(422, "Object does not exist");
    if (ctx.repo.git.refs.has(ref)) throw new HttpError(422, "Reference already exists");
    moveRef(ctx.state, ctx.repo, ref, sha, ctx.sender);
    return created(refJson(ctx, ref, sha));
  });
  r.patch("/repos/{owner}/{repo}/git/refs/{ref+}", { permission: "contents" }, (ctx) => {
    const ref = `refs/${ctx.params["ref"]}`;
    const body = obj(ctx.body);
    const current = ctx.repo.git.refs.get(ref);
    if (!current) throw new HttpError(422, "Reference does not exist");
    if (ref.startsWith("refs/heads/")) assertWritable(ctx, ref.slice("refs/heads/".length));
    const sha = body["sha"];
    if (typeof sha !== "string" || !ctx.repo.git.commit(sha)) throw new HttpError(422, "Object does not exist");
    const fastForward = ctx.repo.git.ancestors(sha).has(current);
    if (!fastForward && body["force"] !== true) throw new HttpError(422, "Update is not a fast forward");
    if (sha !== current) moveRef(ctx.state, ctx.repo, ref, sha, ctx.sender, !fastForward);
    return ok(refJson(ctx, ref, sha));
  });
  r.delete("/repos/{owner}/{repo}/git/refs/{ref+}", { permission: "contents" }, (ctx) => {
    const ref = `refs/${ctx.params["ref"]}`;
    if (!ctx.repo.git.refs.has(ref)) throw new HttpError(422, "Reference does not exist");
    if (ref.startsWith("refs/heads/")) assertWritable(ctx, ref.slice("refs/heads/".length));
    moveRef(ctx.state, ctx.repo, ref, null, ctx.sender);
    return noContent();
  });

  r.get("/repos/{owner}/{repo}/git/trees/{tree_sha+}", { permission: "contents" }, (ctx) => {
    const git = ctx.repo.git;
    const key = ctx.params["tree_sha"] ?? "";
    let sha = git.tree(key) ? key : undefined;
    if (!sha) {
      const commitSha = git.resolve(key);
      sha = commitSha ? git.commit(commitSha)?.tree : undefined;
    }
    if (!sha) throw new HttpError(404, "Not Found");
    const recursive = ctx.query.has("recursive") && !["0", "false", ""].includes(ctx.query.get("recursive") ?? "");
    return ok(treeJson(ctx, sha, recursive));
  });
  r.post("/repos/{owner}/{repo}/git/trees", { permission: "contents" }, (ctx) => {
    const body = obj(ctx.body);
    const git = ctx.repo.git;
    if (!Array.isArray(body["tree"]))
      throw validationFailed([{ resource: "Tree", code: "missing_field", field: "tree" }]);
    let flat = new Map<string, FlatEntry>();
    if (typeof body["base_tree"] === "string") {
      if (!git.tree(body["base_tree"])) throw new HttpError(422, "Invalid tree info");
      flat = git.flatten(body["base_tree"]);
    }
    for (const item of body["tree"] as Record<string, unknown>[]) {
      const path = String(item["path"] ?? "");
      if (item["type"] === "tree") throw new HttpError(422, "Subtrees by sha are not supported by the emulator");
      if (item["sha"] === null) {
        flat.delete(path);
        for (const p of [...flat.keys()]) if (p.startsWith(`${path}/`)) flat.delete(p);
        continue;
      }
      const mode = String(item["mode"] ?? "100644");
      if (typeof item["content"] === "string") flat.set(path, { sha: git.writeBlob(item["content"]), mode });
      else if (typeof item["sha"] === "string" && git.blob(item["sha"])) flat.set(path, { sha: item["sha"], mode });
      else throw new HttpError(422, "Invalid tree info");
    }
    const sha = git.treeFromFlat(flat);
    return created(treeJson(ctx, sha, false));
  });

  r.get("/repos/{owner}/{repo}/git/blobs/{file_sha}", { permission: "contents" }, (ctx) => {
    const blob = ctx.repo.git.blob(ctx.params["file_sha"] ?? "");
    if (!blob) throw new HttpError(404, "Not Found");
    return ok({
      sha: blob.sha,
      node_id: nodeId("B", parseInt(blob.sha.slice(0, 8), 16)),
      size: blob.content.length,
      url: `${repoApi(ctx.state, ctx.repo)}/git/blobs/${blob.sha}`,
      content: base64Lines(blob.content),
      encoding: "base64",
    });
  });
  r.post("/repos/{owner}/{repo}/git/blobs", { permission: "contents" }, (ctx) => {
    const body = obj(ctx.body);
    if (typeof body["content"] !== "string")
      throw validationFailed([{ resource: "Blob", code: "missing_field", field: "content" }]);
    const encoding = body["encoding"] ?? "utf-8";
    if (encoding !== "utf-8" && encoding !== "base64")
      throw validationFailed([{ resource: "Blob", code: "invalid", field: "encoding" }]);
    const sha = ctx.repo.git.writeBlob(Buffer.from(body["content"], encoding === "base64" ? "base64" : "utf8"));
    return created({ url: `${repoApi(ctx.state, ctx.repo)}/git/blobs/${sha}`, sha });
  });

  r.get("/repos/{owner}/{repo}/git/commits/{commit_sha}", { permission: "contents" }, (ctx) => {
    const c = ctx.repo.git.commit(ctx.params["commit_sha"] ?? "");
    if (!c) throw new HttpError(404, "Not Found");
    return ok(gitCommitJson(ctx.state, ctx.repo, c));
  });
  r.post("/repos/{owner}/{repo}/git/commits", { permission: "contents" }, (ctx) => {
    const body = obj(ctx.body);
    const git = ctx.repo.git;
    if (typeof body["message"] !== "string")
      throw validationFailed([{ resource: "Commit", code: "missing_field", field: "message" }]);
    if (typeof body["tree"] !== "string" || !git.tree(body["tree"]))
      throw new HttpError(422, "Tree SHA does not exist");
    const parents = Array.isArray(body["parents"]) ? body["parents"].map(String) : [];
    for (const p of parents)
      if (!git.commit(p)) throw new HttpError(422, "Parent SHA does not exist or is not a commit object");
    const now = ctx.state.timestamp();
    const me: GitPerson = { name: ctx.sender.login, email: ctx.sender.email, date: now };
    const author = gitPerson(body["author"], me);
    const committer = gitPerson(body["committer"], body["author"] ? author : me);
    const sha = git.writeCommit({ tree: body["tree"], parents, message: body["message"], author, committer });
    if (ctx.actor.kind === "installation" && body["author"] === undefined && body["committer"] === undefined)
      git.verified.add(sha);
    return created(gitCommitJson(ctx.state, ctx.repo, git.commit(sha) as CommitObject));
  });
}

export type { TreeEntry };
