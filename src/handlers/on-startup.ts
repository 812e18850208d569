/**
 * The sweep at start-up: every repository of every installation gets a reconcile. Whatever a
 * killed or crashed process left undone — ticks waiting in their debounce, a sync cut off midway —
 * is found again by comparing both sides with the recorded base, not remembered.
 */
import type { Probot } from "probot";
import type { AppRuntime } from "../app/runtime.js";
import { learnBotLogin } from "../app/bot-login.js";
import { reconcileSoon } from "../jobs/reconcile-soon.js";

export async function sweepOnStart(app: Probot, runtime: AppRuntime): Promise<number> {
  const log = app.log.child({ job: "startup-sweep" });
  const appClient = await app.auth();
  const author = await learnBotLogin(app, runtime, log);
  const installations = await appClient.paginate("GET /app/installations", { per_page: 100 });
  let queued = 0;
  for (const installation of installations) {
    const gh = await app.auth(installation.id);
    const repos = await gh.paginate("GET /installation/repositories", { per_page: 100 });
    for (const r of repos) {
      const repoLog = log.child({ repo: r.full_name });
      const ctx = { owner: r.owner.login, repo: r.name, htmlUrl: r.html_url, defaultBranch: r.default_branch };
      queued += 1;
      reconcileSoon(
        runtime,
        gh,
        ctx,
        { reason: "startup", installationId: installation.id, ...(author ? { author } : {}) },
        repoLog,
      ).catch((error: unknown) =>
        repoLog.error({ err: error }, "start-up reconcile failed; it runs again on the next event"),
      );
    }
  }
  log.info({ installations: installations.length, repositories: queued }, "start-up sweep queued");
  return queued;
}
