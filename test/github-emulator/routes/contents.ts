/** The Contents API: read files and directories; create, update and delete a file with one commit. */
import { HttpError, validationFailed } from "../errors.js";
import type { RequestContext, Router } from "../router.js";
import { commitToBranch, gitCommitJson, person, resolveRef } from "../store/commits.js";
import type { CommitObject, GitPerson } from "../store/git.js";
import { repoApi, repoHtml } from "../store/repos.js";
import { base64Lines } from "./git.js";
import { assertWritable, obj, ok } from "./respond.js";

function entryJson(
  ctx: RequestContext,
  path: string,
  sha: string,
  type: "file" | "dir",
  size: number,
  ref: string,
): Record<string, unknown> {
  const api = repoApi(ctx.state, ctx.repo);
  const html = repoHtml(ctx.state, ctx.repo);
  const self = `${api}/contents/${path}?ref=${ref}`;
  const git = `${api}/git/${type === "file" ? "blobs" : "trees"}/${sha}`;
  const htmlUrl = `${html}/${type === "file" ? "blob" : "tree"}/${ref}/${path}`;
  return {
    name: path.split("/").pop() ?? path,
    path,
    sha,
    size,
    url: self,
    html_url: htmlUrl,
    git_url: git,
    download_url:
      type === "file" ? `${ctx.state.webUrl}/raw/${ctx.repo.owner.login}/${ctx.repo.name}/${ref}/${path}` : null,
    type,
    _links: { self, git, html: htmlUrl },
  };
}

function wantsRaw(ctx: RequestContext): boolean {
  const accept = String(ctx.headers["accept"] ?? "");
  return /application\/vnd\.github(\.v3)?\.raw/.test(accept);
}

function readContents(ctx: RequestContext, path: string): ReturnType<typeof ok> {
  const refParam = ctx.query.get("ref");
  const ref = refParam ?? ctx.repo.defaultBranch;
  const sha = ctx.repo.git.resolve(ref);
  if (!sha) {
    if (!refParam && ctx.repo.git.refs.size === 0) throw new HttpError(404, "This repository is empty.");
    throw new HttpError(404, `No commit found for the ref ${ref}`);
  }
  const found = ctx.repo.git.lookup(sha, path);
  if (!found) throw new HttpError(404, "Not Found");
  const git = ctx.repo.git;
  if (found.kind === "dir") {
    return ok(
      found.entries.map((e) => {
        const p = path ? `${path.replace(/\/$/, "")}/${e.name}` : e.name;
        return entryJson(
          ctx,
          p,
          e.sha,
          e.type === "tree" ? "dir" : "file",
          e.type === "blob" ? (git.blob(e.sha)?.content.length ?? 0) : 0,
          ref,
        );
      }),
    );
  }
  const blob = git.blob(found.sha);
  if (!blob) throw new HttpError(404, "Not Found");
  if (wantsRaw(ctx))
    return { status: 200, raw: blob.content, headers: { "content-type": "text/plain; charset=utf-8" } };
  return ok({
    type: "file",
    encoding: "base64",
    size: blob.content.length,
    ...withoutType(entryJson(ctx, path, blob.sha, "file", blob.content.length, ref)),
    content: base64Lines(blob.content),
  });
}

function withoutType(e: Record<string, unknown>): Record<string, unknown> {
  const { type: _t, ...rest } = e;
  return rest;
}

function identity(
  ctx: RequestContext,
  body: Record<string, unknown>,
): { author: GitPerson; committer: GitPerson; verified: boolean } {
  const now = ctx.state.timestamp();
  const me = person(ctx.sender, now);
  const parse = (v: unknown): GitPerson | undefined => {
    if (!v || typeof v !== "object") return undefined;
    const p = v as Record<string, unknown>;
    if (typeof p["name"] !== "string" || typeof p["email"] !== "string") {
      throw validationFailed([{ resource: "Commit", code: "invalid", field: "author" }]);
    }
    return { name: p["name"], email: p["email"], date: typeof p["date"] === "string" ? p["date"] : now };
  };
  const author = parse(body["author"]);
  const committer = parse(body["committer"]);
  return {
    author: author ?? committer ?? me,
    committer: committer ?? me,
    verified: author === undefined && committer === undefined && ctx.actor.kind === "installation",
  };
}

function writeResult(
  ctx: RequestContext,
  path: string,
  branch: string,
  sha: string,
  blobSha: string | null,
  status: number,
) {
  const c = ctx.repo.git.commit(sha) as CommitObject;
  const size = blobSha ? (ctx.repo.git.blob(blobSha)?.content.length ?? 0) : 0;
  const commit = gitCommitJson(ctx.state, ctx.repo, c);
  return {
    status,
    body: { content: blobSha ? entryJson(ctx, path, blobSha, "file", size, branch) : null, commit },
  };
}

export function contentRoutes(r: Router): void {
  r.get("/repos/{owner}/{repo}/contents", { permission: "contents" }, (ctx) => readContents(ctx, ""));
  r.get("/repos/{owner}/{repo}/contents/{path+}", { permission: "contents" }, (ctx) =>
    readContents(ctx, (ctx.params["path"] ?? "").replace(/\/$/, "")),
  );

  r.put("/repos/{owner}/{repo}/contents/{path+}", { permission: "contents" }, (ctx) => {
    const path = (ctx.params["path"] ?? "").replace(/\/$/, "");
    const body = obj(ctx.body);
    if (typeof body["message"] !== "string")
      throw validationFailed(
        [{ resource: "Commit", code: "missing_field", field: "message" }],
        'Invalid request.\n\n"message" wasn\'t supplied.',
      );
    if (typeof body["content"] !== "string")
      throw validationFailed(
        [{ resource: "Commit", code: "missing_field", field: "content" }],
        'Invalid request.\n\n"content" wasn\'t supplied.',
      );
    const branch =
      typeof body["branch"] === "string" ? body["branch"].replace(/^refs\/heads\//, "") : ctx.repo.defaultBranch;
    const head = ctx.repo.git.refs.get(`refs/heads/${branch}`);
    if (!head && (ctx.repo.git.refs.size > 0 || branch !== ctx.repo.defaultBranch))
      throw new HttpError(404, `Branch ${branch} not found`);
    assertWritable(ctx, branch);
    const existing = head ? ctx.repo.git.lookup(head, path) : undefined;
    if (existing?.kind === "dir") throw new HttpError(422, `Invalid request.\n\n"${path}" is a directory.`);
    if (existing && body["sha"] === undefined)
      throw validationFailed(
        [{ resource: "Commit", code: "missing_field", field: "sha" }],
        'Invalid request.\n\n"sha" wasn\'t supplied.',
      );
    if (existing && body["sha"] !== existing.sha)
      throw new HttpError(409, `${path} does not match ${String(body["sha"])}`);
    const content = Buffer.from(body["content"], "base64");
    const who = identity(ctx, body);
    const { sha } = commitToBranch(
      ctx.state,
      ctx.repo,
      { branch, files: { [path]: content }, message: body["message"], ...who },
      ctx.sender,
    );
    const blobSha = ctx.repo.git.writeBlob(content);
    return writeResult(ctx, path, branch, sha, blobSha, existing ? 200 : 201);
  });

  r.delete("/repos/{owner}/{repo}/contents/{path+}", { permission: "contents" }, (ctx) => {
    const path = ctx.params["path"] ?? "";
    const body = obj(ctx.body);
    if (typeof body["message"] !== "string")
      throw validationFailed([{ resource: "Commit", code: "missing_field", field: "message" }]);
    if (typeof body["sha"] !== "string")
      throw validationFailed(
        [{ resource: "Commit", code: "missing_field", field: "sha" }],
        'Invalid request.\n\n"sha" wasn\'t supplied.',
      );
    const branch = typeof body["branch"] === "string" ? body["branch"] : ctx.repo.defaultBranch;
    const head = ctx.repo.git.refs.get(`refs/heads/${branch}`);
    if (!head) throw new HttpError(404, `Branch ${branch} not found`);
    assertWritable(ctx, branch);
    const existing = ctx.repo.git.lookup(head, path);
    if (!existing || existing.kind !== "file") throw new HttpError(404, "Not Found");
    if (existing.sha !== body["sha"]) throw new HttpError(409, `${path} does not match ${body["sha"]}`);
    const who = identity(ctx, body);
    const { sha } = commitToBranch(
      ctx.state,
      ctx.repo,
      { branch, files: { [path]: null }, message: body["message"], ...who },
      ctx.sender,
    );
    return writeResult(ctx, path, branch, sha, null, 200);
  });
}

export { resolveRef };
