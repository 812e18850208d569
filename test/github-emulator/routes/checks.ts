/** Check runs: create, update (annotations append), get, list for a ref, annotations. */
import type { Router } from "../router.js";
import {
  annotationJson,
  checkRunJson,
  checkRunsFor,
  createCheckRun,
  getCheckRun,
  updateCheckRun,
} from "../store/checks.js";
import { resolveRef } from "../store/commits.js";
import type { CheckRunRecord } from "../store/records.js";
import { created, num, obj, ok, paged } from "./respond.js";
import { paginate } from "../pagination.js";

export function checkRoutes(r: Router): void {
  const p = { permission: "checks" };
  r.post("/repos/{owner}/{repo}/check-runs", p, (ctx) =>
    created(
      checkRunJson(ctx.state, createCheckRun(ctx.state, ctx.repo, ctx.state.app.slug, ctx.sender, obj(ctx.body))),
    ),
  );
  r.get("/repos/{owner}/{repo}/check-runs/{check_run_id}", p, (ctx) =>
    ok(checkRunJson(ctx.state, getCheckRun(ctx.state, ctx.repo, num(ctx.params["check_run_id"])))),
  );
  r.patch("/repos/{owner}/{repo}/check-runs/{check_run_id}", p, (ctx) => {
    const run = getCheckRun(ctx.state, ctx.repo, num(ctx.params["check_run_id"]));
    updateCheckRun(ctx.state, run, ctx.sender, obj(ctx.body));
    return ok(checkRunJson(ctx.state, run));
  });
  r.get("/repos/{owner}/{repo}/check-runs/{check_run_id}/annotations", p, (ctx) =>
    paged(ctx, getCheckRun(ctx.state, ctx.repo, num(ctx.params["check_run_id"])).annotations, annotationJson),
  );
  r.get("/repos/{owner}/{repo}/commits/{ref+}/check-runs", p, (ctx) => {
    const sha = resolveRef(ctx.repo, ctx.params["ref"]);
    const name = ctx.query.get("check_name");
    const status = ctx.query.get("status");
    let runs: CheckRunRecord[] = checkRunsFor(ctx.state, ctx.repo, sha)
      .filter((x) => !name || x.name === name)
      .filter((x) => !status || x.status === status);
    if ((ctx.query.get("filter") ?? "latest") === "latest") {
      const seen = new Set<string>();
      runs = runs.filter((x) => (seen.has(x.name) ? false : (seen.add(x.name), true)));
    }
    const page = paginate(runs, ctx.query, ctx.url);
    const body = { total_count: runs.length, check_runs: page.items.map((x) => checkRunJson(ctx.state, x)) };
    return page.link ? ok(body, { link: page.link }) : ok(body);
  });
}
