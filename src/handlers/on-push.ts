/**
 * push → sync. Guards (default branch only; no tags, no branch deletes; not tasksync's own
 * commit), then queues one reconcile per repository; pushes that wait coalesce into one
 * reconcile of the branch's head. The reconcile compares every task list with the version its
 * tracking issue recorded, so a sync that failed midway is picked up by the next push, whatever
 * that push changed. Answers the webhook at once.
 */
import type { Probot } from "probot";
import type { AppRuntime } from "../app/runtime.js";
import { guardedClient } from "../github/guarded-client.js";
import { jobEnv } from "../queue/job-env.js";
import { defineJob } from "../queue/job-kind.js";
import type { RepoContext } from "../sync/repo-context.js";
import { syncRepository } from "../sync/sync-repository.js";
import { queueRecheck } from "./on-gates-recheck.js";

interface PushSync {
  ctx: RepoContext;
  /** The newest push's head (the job reconciles the branch's head as it is when it runs). */
  after: string;
  delivery: string;
}

/** The reconcile a push queues (one per repository: waiting ones coalesce into the newest). */
export const pushSyncJob = defineJob<PushSync>("sync", async ({ ctx, after, delivery }, { octokit, installationId, runtime, log: baseLog }) => {
  const log = baseLog.child({ delivery, repo: `${ctx.owner}/${ctx.repo}` });
  const gh = guardedClient(octokit, log);
  // Reconcile the branch as it is now, not as this push left it: a push delivered late
  // (or out of order) must not take the issues back to an older version of a list.
  const head = await gh.request("GET /repos/{owner}/{repo}/git/ref/{ref}", { owner: ctx.owner, repo: ctx.repo, ref: `heads/${ctx.defaultBranch}` });
  const commitSha = head.data.object.sha;
  if (commitSha !== after) log.info({ after, head: commitSha }, "the branch moved on since this push: syncing its head");
  const outcome = await syncRepository({ gh, ctx, commitSha, force: false, log, pauseMs: runtime.settings.writePauseMs });
  // A task list was reconciled: pull requests waiting on its tasks may pass now.
  if (outcome.kind === "synced" && outcome.result.plans.length > 0 && outcome.config.gates.enabled) {
    queueRecheck({ octokit, runtime, log, ...(installationId === undefined ? {} : { installationId }) }, ctx, "push").catch((error: unknown) =>
      log.error({ err: error }, "gates re-check failed; it runs again on the next event"),
    );
  }
});

export function registerPushHandler(app: Probot, runtime: AppRuntime): void {
  app.on("push", async (context) => {
    const payload = context.payload;
    const repository = payload.repository;
    const log = context.log.child({ delivery: context.id, repo: repository.full_name });
    const defaultBranch = repository.default_branch ?? "main";
    if (payload.ref !== `refs/heads/${defaultBranch}`) {
      log.debug({ ref: payload.ref }, "push ignored: not the default branch");
      return;
    }
    if (payload.deleted || /^0+$/.test(payload.after)) {
      log.debug("push ignored: branch deleted");
      return;
    }
    if (runtime.ownCommits.has(payload.after) || (await runtime.shared?.isOwnCommit(payload.after))) {
      log.info({ after: payload.after }, "push ignored: tasksync's own commit");
      return;
    }
    const ctx: RepoContext = {
      owner: repository.owner?.login ?? repository.owner?.name ?? "",
      repo: repository.name,
      htmlUrl: repository.html_url,
      defaultBranch,
    };
    runtime.queue
      .push(repository.full_name, pushSyncJob.job({ ctx, after: payload.after, delivery: context.id }, jobEnv(context, runtime, context.log), "push"))
      .catch((error: unknown) => log.error({ err: error }, "sync failed; it runs again on the next event"));
  });
}
