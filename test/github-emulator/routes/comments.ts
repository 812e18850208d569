/** Issue comments. */
import type { Router } from "../router.js";
import { commentJson, commentsOf, createComment, deleteComment, getComment, updateComment } from "../store/comments.js";
import { getIssue } from "../store/issues.js";
import { created, noContent, num, obj, ok, paged } from "./respond.js";

export function commentRoutes(r: Router): void {
  const p = { permission: "issues" };
  r.get("/repos/{owner}/{repo}/issues/comments", p, (ctx) => {
    const all = [...ctx.state.comments.values()].filter((c) => c.issue.repo === ctx.repo);
    return paged(ctx, all, (c) => commentJson(ctx.state, c));
  });
  r.get("/repos/{owner}/{repo}/issues/comments/{comment_id}", p, (ctx) =>
    ok(commentJson(ctx.state, getComment(ctx.state, ctx.repo, num(ctx.params["comment_id"])))),
  );
  r.patch("/repos/{owner}/{repo}/issues/comments/{comment_id}", p, (ctx) => {
    const c = getComment(ctx.state, ctx.repo, num(ctx.params["comment_id"]));
    updateComment(ctx.state, c, ctx.sender, obj(ctx.body)["body"]);
    return ok(commentJson(ctx.state, c));
  });
  r.delete("/repos/{owner}/{repo}/issues/comments/{comment_id}", p, (ctx) => {
    deleteComment(ctx.state, getComment(ctx.state, ctx.repo, num(ctx.params["comment_id"])), ctx.sender);
    return noContent();
  });
  r.get("/repos/{owner}/{repo}/issues/{issue_number}/comments", p, (ctx) => {
    const issue = getIssue(ctx.repo, num(ctx.params["issue_number"]));
    const since = ctx.query.get("since");
    const list = commentsOf(ctx.state, issue).filter((c) => !since || Date.parse(c.updatedAt) >= Date.parse(since));
    return paged(ctx, list, (c) => commentJson(ctx.state, c));
  });
  r.post("/repos/{owner}/{repo}/issues/{issue_number}/comments", p, (ctx) => {
    const issue = getIssue(ctx.repo, num(ctx.params["issue_number"]));
    return created(commentJson(ctx.state, createComment(ctx.state, issue, ctx.sender, obj(ctx.body)["body"])));
  });
}
