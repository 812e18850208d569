/** Repository labels. */
import { HttpError } from "../errors.js";
import type { Router } from "../router.js";
import { createLabel, deleteLabel, findLabel, labelJson, updateLabel } from "../store/labels.js";
import { created, noContent, obj, ok, paged } from "./respond.js";

export function labelRoutes(r: Router): void {
  const p = { permission: "issues" };
  r.get("/repos/{owner}/{repo}/labels", p, (ctx) =>
    paged(
      ctx,
      [...ctx.repo.labels.values()].sort((a, b) => a.id - b.id),
      (l) => labelJson(ctx.state, ctx.repo, l),
    ),
  );
  r.post("/repos/{owner}/{repo}/labels", p, (ctx) => {
    const body = obj(ctx.body);
    return created(
      labelJson(
        ctx.state,
        ctx.repo,
        createLabel(ctx.state, ctx.repo, {
          name: body["name"],
          color: body["color"],
          description: body["description"],
        }),
      ),
    );
  });
  r.get("/repos/{owner}/{repo}/labels/{name}", p, (ctx) => {
    const l = findLabel(ctx.repo, ctx.params["name"] ?? "");
    if (!l) throw new HttpError(404, "Not Found");
    return ok(labelJson(ctx.state, ctx.repo, l));
  });
  r.patch("/repos/{owner}/{repo}/labels/{name}", p, (ctx) =>
    ok(labelJson(ctx.state, ctx.repo, updateLabel(ctx.repo, ctx.params["name"] ?? "", obj(ctx.body)))),
  );
  r.delete("/repos/{owner}/{repo}/labels/{name}", p, (ctx) => {
    deleteLabel(ctx.repo, ctx.params["name"] ?? "");
    return noContent();
  });
}
