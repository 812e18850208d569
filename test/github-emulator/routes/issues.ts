/** Issues: create, get, update, list (with pull requests, as GitHub lists them), issue labels. */
import type { Router } from "../router.js";
import {
  addLabels,
  createIssue,
  filterIssues,
  getIssue,
  issueJson,
  issueLabels,
  removeLabel,
  updateIssue,
} from "../store/issues.js";
import { labelJson } from "../store/labels.js";
import { HttpError } from "../errors.js";
import { created, noContent, num, obj, ok, paged } from "./respond.js";

export function issueRoutes(r: Router): void {
  const p = { permission: "issues" };
  r.get("/repos/{owner}/{repo}/issues", p, (ctx) =>
    paged(ctx, filterIssues(ctx.state, ctx.repo, ctx.query), (i) => issueJson(ctx.state, i)),
  );
  r.post("/repos/{owner}/{repo}/issues", p, (ctx) =>
    created(issueJson(ctx.state, createIssue(ctx.state, ctx.repo, ctx.sender, obj(ctx.body)))),
  );
  r.get("/repos/{owner}/{repo}/issues/{issue_number}", p, (ctx) =>
    ok(issueJson(ctx.state, getIssue(ctx.repo, num(ctx.params["issue_number"])))),
  );
  r.patch("/repos/{owner}/{repo}/issues/{issue_number}", p, (ctx) => {
    const issue = getIssue(ctx.repo, num(ctx.params["issue_number"]));
    return ok(issueJson(ctx.state, updateIssue(ctx.state, issue, ctx.sender, obj(ctx.body))));
  });

  const labelsOf = (ctx: Parameters<Parameters<Router["get"]>[2]>[0]) => {
    const issue = getIssue(ctx.repo, num(ctx.params["issue_number"]));
    return issueLabels(issue).map((l) => labelJson(ctx.state, ctx.repo, l!));
  };
  r.get("/repos/{owner}/{repo}/issues/{issue_number}/labels", p, (ctx) => paged(ctx, labelsOf(ctx), (x) => x));
  r.post("/repos/{owner}/{repo}/issues/{issue_number}/labels", p, (ctx) => {
    addLabels(ctx.state, getIssue(ctx.repo, num(ctx.params["issue_number"])), ctx.sender, ctx.body);
    return ok(labelsOf(ctx));
  });
  r.put("/repos/{owner}/{repo}/issues/{issue_number}/labels", p, (ctx) => {
    const issue = getIssue(ctx.repo, num(ctx.params["issue_number"]));
    const body = ctx.body;
    const labels = Array.isArray(body) ? body : (obj(body)["labels"] ?? []);
    updateIssue(ctx.state, issue, ctx.sender, { labels });
    return ok(labelsOf(ctx));
  });
  r.delete("/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}", p, (ctx) => {
    removeLabel(ctx.state, getIssue(ctx.repo, num(ctx.params["issue_number"])), ctx.sender, ctx.params["name"] ?? "");
    return ok(labelsOf(ctx));
  });
  r.delete("/repos/{owner}/{repo}/issues/{issue_number}/labels", p, (ctx) => {
    updateIssue(ctx.state, getIssue(ctx.repo, num(ctx.params["issue_number"])), ctx.sender, { labels: [] });
    return noContent();
  });
  r.put("/repos/{owner}/{repo}/issues/{issue_number}/lock", p, (ctx) => {
    getIssue(ctx.repo, num(ctx.params["issue_number"])).locked = true;
    return noContent();
  });
  r.delete("/repos/{owner}/{repo}/issues/{issue_number}/lock", p, (ctx) => {
    const issue = getIssue(ctx.repo, num(ctx.params["issue_number"]));
    if (!issue.locked) throw new HttpError(404, "Not Found");
    issue.locked = false;
    return noContent();
  });
}
