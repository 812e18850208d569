/** Repositories, branches, commits and compare. */
import { HttpError } from "../errors.js";
import type { RequestContext, Router } from "../router.js";
import { commitJson, compareJson, resolveRef } from "../store/commits.js";
import type { CommitObject } from "../store/git.js";
import { fullRepoJson, repoApi, repoHtml } from "../store/repos.js";
import { paginate } from "../pagination.js";
import { ok, paged } from "./respond.js";

function branchJson(ctx: RequestContext, name: string, sha: string): Record<string, unknown> {
  const c = ctx.repo.git.commit(sha) as CommitObject;
  const isProtected = ctx.repo.protectedBranches.has(name);
  const api = `${repoApi(ctx.state, ctx.repo)}/branches/${name}`;
  return {
    name,
    commit: commitJson(ctx.state, ctx.repo, c),
    _links: { self: api, html: `${repoHtml(ctx.state, ctx.repo)}/tree/${name}` },
    protected: isProtected,
    protection: {
      enabled: isProtected,
      required_status_checks: { enforcement_level: "off", contexts: [], checks: [] },
    },
    protection_url: `${api}/protection`,
  };
}

export function repoRoutes(r: Router): void {
  r.get("/repos/{owner}/{repo}", { permission: "metadata" }, (ctx) => ok(fullRepoJson(ctx.state, ctx.repo)));

  r.get("/repos/{owner}/{repo}/branches", { permission: "contents" }, (ctx) => {
    const branches = [...ctx.repo.git.refs].filter(([ref]) => ref.startsWith("refs/heads/")).sort();
    return paged(ctx, branches, ([ref, sha]) => ({
      name: ref.slice("refs/heads/".length),
      commit: { sha, url: `${repoApi(ctx.state, ctx.repo)}/commits/${sha}` },
      protected: ctx.repo.protectedBranches.has(ref.slice("refs/heads/".length)),
    }));
  });

  r.get("/repos/{owner}/{repo}/branches/{branch+}", { permission: "contents" }, (ctx) => {
    const name = ctx.params["branch"] ?? "";
    const sha = ctx.repo.git.refs.get(`refs/heads/${name}`);
    if (!sha) throw new HttpError(404, "Branch not found");
    return ok(branchJson(ctx, name, sha));
  });

  r.get("/repos/{owner}/{repo}/commits", { permission: "contents" }, (ctx) => {
    const head = resolveRef(ctx.repo, ctx.query.get("sha") ?? ctx.repo.defaultBranch);
    const path = ctx.query.get("path");
    let commits = ctx.repo.git.commitsBetween(undefined, head).reverse();
    if (path) {
      commits = commits.filter((c) =>
        ctx.repo.git.diff(c.parents[0], c.sha).some((f) => f.path === path || f.path.startsWith(`${path}/`)),
      );
    }
    return paged(ctx, commits, (c) => commitJson(ctx.state, ctx.repo, c));
  });

  r.get("/repos/{owner}/{repo}/commits/{ref+}", { permission: "contents" }, (ctx) => {
    const sha = resolveRef(ctx.repo, ctx.params["ref"]);
    return ok(commitJson(ctx.state, ctx.repo, ctx.repo.git.commit(sha) as CommitObject, true));
  });

  r.get("/repos/{owner}/{repo}/compare/{basehead+}", { permission: "contents" }, (ctx) => {
    const m = /^(.+?)\.\.\.?(.+)$/.exec(ctx.params["basehead"] ?? "");
    if (!m) throw new HttpError(404, "Not Found");
    const json = compareJson(ctx.state, ctx.repo, m[1]!, m[2]!);
    // GitHub lists at most 250 commits unless paginated, and at most 300 files
    const commits = json["commits"] as unknown[];
    const files = json["files"] as unknown[];
    json["files"] = files.slice(0, 300);
    if (ctx.query.has("page") || ctx.query.has("per_page")) {
      const page = paginate(commits, ctx.query, ctx.url);
      json["commits"] = page.items;
      return page.link ? ok(json, { link: page.link }) : ok(json);
    }
    json["commits"] = commits.slice(0, 250);
    return ok(json);
  });
}
