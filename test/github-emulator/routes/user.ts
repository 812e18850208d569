/**
 * `GET /user`: who a token acts as. A person's token (a PAT) gets its user; an installation
 * token (a workflow's GITHUB_TOKEN, an app's installation) gets 403, as on GitHub.
 */
import { HttpError } from "../errors.js";
import type { Router } from "../router.js";
import { userJson } from "../store/users.js";
import { ok } from "./respond.js";

export function userRoutes(r: Router): void {
  r.get("/user", { auth: "any" }, (ctx) => {
    if (ctx.actor.kind === "anonymous") throw new HttpError(401, "Requires authentication");
    if (ctx.actor.kind !== "user") throw new HttpError(403, "Resource not accessible by integration");
    const created = new Date(0).toISOString();
    return ok({
      ...userJson(ctx.state, ctx.actor.user),
      name: null,
      company: null,
      blog: "",
      location: null,
      email: null,
      hireable: null,
      bio: null,
      public_repos: 0,
      public_gists: 0,
      followers: 0,
      following: 0,
      created_at: created,
      updated_at: created,
    });
  });
}
