/** Milestones (CRUD), assignees (list and the assignability check) and organisation issue types. */
import { HttpError } from "../errors.js";
import type { Router } from "../router.js";
import {
  assignableUsers,
  createMilestone,
  deleteMilestone,
  filterMilestones,
  getMilestone,
  isAssignable,
  issueTypeJson,
  issueTypesOf,
  milestoneJson,
  updateMilestone,
} from "../store/issue-fields.js";
import { userJson } from "../store/users.js";
import { created, noContent, num, obj, ok, paged } from "./respond.js";

export function issueFieldRoutes(r: Router): void {
  const p = { permission: "issues" };
  r.get("/repos/{owner}/{repo}/milestones", p, (ctx) =>
    paged(ctx, filterMilestones(ctx.repo, ctx.query), (m) => milestoneJson(ctx.state, ctx.repo, m)),
  );
  r.post("/repos/{owner}/{repo}/milestones", p, (ctx) =>
    created(milestoneJson(ctx.state, ctx.repo, createMilestone(ctx.state, ctx.repo, ctx.sender, obj(ctx.body)))),
  );
  r.get("/repos/{owner}/{repo}/milestones/{milestone_number}", p, (ctx) =>
    ok(milestoneJson(ctx.state, ctx.repo, getMilestone(ctx.repo, num(ctx.params["milestone_number"])))),
  );
  r.patch("/repos/{owner}/{repo}/milestones/{milestone_number}", p, (ctx) => {
    const m = getMilestone(ctx.repo, num(ctx.params["milestone_number"]));
    return ok(milestoneJson(ctx.state, ctx.repo, updateMilestone(ctx.state, ctx.repo, m, obj(ctx.body))));
  });
  r.delete("/repos/{owner}/{repo}/milestones/{milestone_number}", p, (ctx) => {
    deleteMilestone(ctx.repo, getMilestone(ctx.repo, num(ctx.params["milestone_number"])));
    return noContent();
  });

  r.get("/repos/{owner}/{repo}/assignees", p, (ctx) =>
    paged(ctx, assignableUsers(ctx.state, ctx.repo), (u) => userJson(ctx.state, u)),
  );
  r.get("/repos/{owner}/{repo}/assignees/{assignee}", p, (ctx) => {
    if (!isAssignable(ctx.repo, ctx.params["assignee"] ?? "")) throw new HttpError(404, "Not Found");
    return noContent();
  });

  r.get("/orgs/{org}/issue-types", {}, (ctx) => {
    const owner = ctx.state.users.get((ctx.params["org"] ?? "").toLowerCase());
    const types = owner ? issueTypesOf(ctx.state, owner) : null;
    if (types === null) throw new HttpError(404, "Not Found");
    return ok(types.map(issueTypeJson));
  });
}
