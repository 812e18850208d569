/** Pull requests, their files and commits. */
import type { Router } from "../router.js";
import { commitJson, diffFilesJson } from "../store/commits.js";
import { baseSha, createPull, getPull, headSha, pullJson, updatePull } from "../store/pulls.js";
import type { IssueRecord, PullRecord } from "../store/records.js";
import { created, num, obj, ok, paged } from "./respond.js";

export function pullRoutes(r: Router): void {
  const p = { permission: "pull_requests" };
  r.get("/repos/{owner}/{repo}/pulls", p, (ctx) => {
    const state = ctx.query.get("state") ?? "open";
    const head = ctx.query.get("head");
    const base = ctx.query.get("base");
    const headBranch = head?.includes(":") ? head.slice(head.indexOf(":") + 1) : head;
    const headOwner = head?.includes(":") ? head.slice(0, head.indexOf(":")).toLowerCase() : undefined;
    const list = [...ctx.repo.issues.values()]
      .filter((i): i is IssueRecord & { pull: PullRecord } => i.pull !== null)
      .filter((i) => state === "all" || i.state === state)
      .filter(
        (i) =>
          !headBranch ||
          (i.pull.headRef === headBranch && (!headOwner || headOwner === ctx.repo.owner.login.toLowerCase())),
      )
      .filter((i) => !base || i.pull.baseRef === base)
      .sort((a, b) => ((ctx.query.get("direction") ?? "desc") === "asc" ? a.number - b.number : b.number - a.number));
    return paged(ctx, list, (i) => pullJson(ctx.state, i));
  });
  r.post("/repos/{owner}/{repo}/pulls", p, (ctx) =>
    created(pullJson(ctx.state, createPull(ctx.state, ctx.repo, ctx.sender, obj(ctx.body)))),
  );
  r.get("/repos/{owner}/{repo}/pulls/{pull_number}", p, (ctx) =>
    ok(pullJson(ctx.state, getPull(ctx.repo, num(ctx.params["pull_number"])))),
  );
  r.patch("/repos/{owner}/{repo}/pulls/{pull_number}", p, (ctx) => {
    const pr = getPull(ctx.repo, num(ctx.params["pull_number"]));
    updatePull(ctx.state, pr, ctx.sender, obj(ctx.body));
    return ok(pullJson(ctx.state, pr));
  });
  r.get("/repos/{owner}/{repo}/pulls/{pull_number}/files", p, (ctx) => {
    const pr = getPull(ctx.repo, num(ctx.params["pull_number"]));
    const head = headSha(pr);
    const mergeBase = ctx.repo.git.mergeBase(baseSha(pr), head);
    return paged(ctx, diffFilesJson(ctx.state, ctx.repo, mergeBase, head), (f) => f);
  });
  r.get("/repos/{owner}/{repo}/pulls/{pull_number}/commits", p, (ctx) => {
    const pr = getPull(ctx.repo, num(ctx.params["pull_number"]));
    return paged(ctx, ctx.repo.git.commitsBetween(baseSha(pr), headSha(pr)), (c) => commitJson(ctx.state, ctx.repo, c));
  });
}
