/** Collaborator permissions and comment reactions: what `/tasksync sync` needs. */
import type { Router } from "../router.js";
import { getComment } from "../store/comments.js";
import { userJson } from "../store/users.js";
import { HttpError } from "../errors.js";
import { created, num, obj, ok } from "./respond.js";

const REACTIONS = new Set(["+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes"]);

export function collaboratorRoutes(r: Router): void {
  r.get("/repos/{owner}/{repo}/collaborators/{username}/permission", { permission: "metadata" }, (ctx) => {
    const login = ctx.params["username"] ?? "";
    const user = ctx.state.user(login);
    const role =
      login.toLowerCase() === ctx.repo.owner.login.toLowerCase()
        ? "admin"
        : (ctx.repo.collaborators.get(login) ?? "read");
    const permission = role === "maintain" ? "write" : role === "triage" ? "read" : role;
    return ok({
      permission,
      role_name: role,
      user: {
        ...userJson(ctx.state, user),
        permissions: {
          admin: role === "admin",
          maintain: ["admin", "maintain"].includes(role),
          push: permission !== "read",
          triage: true,
          pull: true,
        },
        role_name: role,
      },
    });
  });
  r.post("/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", { permission: "issues" }, (ctx) => {
    const comment = getComment(ctx.state, ctx.repo, num(ctx.params["comment_id"]));
    const content = String(obj(ctx.body)["content"] ?? "");
    if (!REACTIONS.has(content))
      throw new HttpError(422, "Validation Failed", [{ resource: "Reaction", code: "invalid", field: "content" }]);
    const list = ctx.repo.reactions.get(comment.id) ?? [];
    const reaction = { id: list.length + 1, content, user: ctx.sender.login };
    list.push(reaction);
    ctx.repo.reactions.set(comment.id, list);
    return created({
      id: reaction.id,
      node_id: `REA_${reaction.id}`,
      content,
      user: userJson(ctx.state, ctx.sender),
      created_at: ctx.state.now().toISOString(),
    });
  });
}
