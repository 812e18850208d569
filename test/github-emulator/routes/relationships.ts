/** Sub-issues and issue dependencies: the number in the path, database ids in bodies. */
import { HttpError } from "../errors.js";
import type { Router } from "../router.js";
import { getIssue, issueJson } from "../store/issues.js";
import {
  addBlockedBy,
  addSubIssue,
  blockedByOf,
  removeBlockedBy,
  removeSubIssue,
  reprioritizeSubIssue,
  subIssuesOf,
} from "../store/relationships.js";
import { blockingIssues } from "../store/issues.js";
import { created, num, obj, ok, paged } from "./respond.js";

export function relationshipRoutes(r: Router): void {
  const p = { permission: "issues" };
  const issueOf = (ctx: Parameters<Parameters<Router["get"]>[2]>[0]) =>
    getIssue(ctx.repo, num(ctx.params["issue_number"]));

  r.get("/repos/{owner}/{repo}/issues/{issue_number}/sub_issues", p, (ctx) =>
    paged(ctx, subIssuesOf(ctx.state, issueOf(ctx)), (i) => issueJson(ctx.state, i)),
  );
  r.post("/repos/{owner}/{repo}/issues/{issue_number}/sub_issues", p, (ctx) =>
    created(issueJson(ctx.state, addSubIssue(ctx.state, issueOf(ctx), obj(ctx.body)))),
  );
  r.delete("/repos/{owner}/{repo}/issues/{issue_number}/sub_issue", p, (ctx) =>
    ok(issueJson(ctx.state, removeSubIssue(ctx.state, issueOf(ctx), obj(ctx.body)))),
  );
  r.patch("/repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority", p, (ctx) => {
    const parent = issueOf(ctx);
    reprioritizeSubIssue(parent, obj(ctx.body));
    return ok(issueJson(ctx.state, parent));
  });
  r.get("/repos/{owner}/{repo}/issues/{issue_number}/parent", p, (ctx) => {
    const issue = issueOf(ctx);
    const parent = issue.parentId === null ? undefined : ctx.state.issuesById.get(issue.parentId);
    if (!parent) throw new HttpError(404, "Not Found");
    return ok(issueJson(ctx.state, parent));
  });

  r.get("/repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by", p, (ctx) =>
    paged(ctx, blockedByOf(ctx.state, issueOf(ctx)), (i) => issueJson(ctx.state, i)),
  );
  r.get("/repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocking", p, (ctx) =>
    paged(ctx, blockingIssues(ctx.state, issueOf(ctx)), (i) => issueJson(ctx.state, i)),
  );
  r.post("/repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by", p, (ctx) =>
    created(issueJson(ctx.state, addBlockedBy(ctx.state, issueOf(ctx), obj(ctx.body)))),
  );
  r.delete("/repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by/{issue_id}", p, (ctx) =>
    ok(issueJson(ctx.state, removeBlockedBy(ctx.state, issueOf(ctx), ctx.params["issue_id"] ?? ""))),
  );
}
