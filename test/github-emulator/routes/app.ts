/** App authentication: the app itself, its installations and installation tokens. */
import { HttpError } from "../errors.js";
import { isoSeconds, nodeId } from "../ids.js";
import { installationJson } from "../payloads.js";
import type { Router } from "../router.js";
import { repoJson } from "../store/repos.js";
import type { RepoRecord } from "../store/records.js";
import type { State } from "../store/state.js";
import { userJson } from "../store/users.js";
import { created, num, ok, paged } from "./respond.js";

function appJson(state: State): Record<string, unknown> {
  return {
    id: state.app.id,
    slug: state.app.slug,
    client_id: `Iv1.${state.app.id.toString(16).padStart(16, "0")}`,
    node_id: nodeId("A", state.app.id),
    owner: userJson(state, state.defaultUser),
    name: state.app.name,
    description: "",
    external_url: state.webUrl,
    html_url: `${state.webUrl}/apps/${state.app.slug}`,
    created_at: "2025-01-01T00:00:00Z",
    updated_at: "2025-01-01T00:00:00Z",
    permissions: { metadata: "read", contents: "write", issues: "write", pull_requests: "write", checks: "write" },
    events: ["push", "issues", "pull_request", "check_run"],
    installations_count: state.installations.size,
  };
}

function installation(state: State, id: number) {
  const inst = state.installations.get(id);
  if (!inst) throw new HttpError(404, "Not Found");
  return inst;
}

export function appRoutes(r: Router): void {
  r.get("/app", { auth: "app" }, (ctx) => ok(appJson(ctx.state)));
  r.get("/app/installations", { auth: "app" }, (ctx) =>
    paged(ctx, [...ctx.state.installations.values()], (i) => installationJson(ctx.state, i)),
  );
  r.get("/app/installations/{installation_id}", { auth: "app" }, (ctx) =>
    ok(installationJson(ctx.state, installation(ctx.state, num(ctx.params["installation_id"])))),
  );
  r.post("/app/installations/{installation_id}/access_tokens", { auth: "app" }, (ctx) => {
    const inst = installation(ctx.state, num(ctx.params["installation_id"]));
    const { token, expiresAt } = ctx.state.issueToken(inst.id);
    return created({
      token,
      expires_at: isoSeconds(new Date(expiresAt)),
      permissions: inst.permissions,
      repository_selection: inst.repositorySelection,
    });
  });
  const byRepo = (ctx: Parameters<Parameters<Router["get"]>[2]>[0]) => {
    const repo = ctx.state.repo(ctx.params["owner"] ?? "", ctx.params["repo"] ?? "");
    const inst = repo && ctx.state.installationFor(repo);
    if (!inst) throw new HttpError(404, "Not Found");
    return ok(installationJson(ctx.state, inst));
  };
  r.get("/repos/{owner}/{repo}/installation", { auth: "app" }, byRepo);
  const byAccount = (key: string) => (ctx: Parameters<Parameters<Router["get"]>[2]>[0]) => {
    const inst = ctx.state.installationForAccount(ctx.params[key] ?? "");
    if (!inst) throw new HttpError(404, "Not Found");
    return ok(installationJson(ctx.state, inst));
  };
  r.get("/orgs/{org}/installation", { auth: "app" }, byAccount("org"));
  r.get("/users/{username}/installation", { auth: "app" }, byAccount("username"));
  r.get("/installation/repositories", { auth: "installation" }, (ctx) => {
    if (ctx.actor.kind !== "installation") throw new HttpError(403, "Resource not accessible by integration");
    const repos = [...ctx.actor.installation.repoIds]
      .map((id) => ctx.state.repoById(id))
      .filter((x): x is RepoRecord => x !== undefined);
    const res = paged(ctx, repos, (x) => repoJson(ctx.state, x));
    return {
      ...res,
      body: {
        total_count: repos.length,
        repository_selection: ctx.actor.installation.repositorySelection,
        repositories: res.body,
      },
    };
  });
}
