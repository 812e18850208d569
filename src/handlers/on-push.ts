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
import { syncRepository } from "../sync/sync-repository.js";
import { queueRecheck } from "./on-gates-recheck.js";

interface PendingPush {
  after: string;
  deliveries: string[];
}

export function registerPushHandler(app: Probot, runtime: AppRuntime): void {
  const pending = new Map<string, PendingPush>();

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
    if (runtime.ownCommits.has(payload.after)) {
      log.info({ after: payload.after }, "push ignored: tasksync's own commit");
      return;
    }
    const key = repository.full_name;
    const entry = pending.get(key);
    if (entry) {
      entry.after = payload.after;
      entry.deliveries.push(context.id);
    } else {
      pending.set(key, { after: payload.after, deliveries: [context.id] });
    }
    const gh = guardedClient(context.octokit, log);
    const ctx = {
      owner: repository.owner?.login ?? repository.owner?.name ?? "",
      repo: repository.name,
      htmlUrl: repository.html_url,
      defaultBranch,
    };
    runtime.queue
      .push(key, {
        name: "sync",
        coalesceKey: "push",
        run: async () => {
          const push = pending.get(key);
          pending.delete(key);
          if (!push) return;
          const jobLog = log.child({ deliveries: push.deliveries });
          // Reconcile the branch as it is now, not as this push left it: a push delivered late
          // (or out of order) must not take the issues back to an older version of a list.
          const head = await gh.request("GET /repos/{owner}/{repo}/git/ref/{ref}", { owner: ctx.owner, repo: ctx.repo, ref: `heads/${defaultBranch}` });
          const commitSha = head.data.object.sha;
          if (commitSha !== push.after) jobLog.info({ after: push.after, head: commitSha }, "the branch moved on since this push: syncing its head");
          const outcome = await syncRepository({
            gh,
            ctx,
            commitSha,
            force: false,
            log: jobLog,
            pauseMs: runtime.settings.writePauseMs,
            ...(runtime.budget ? { budget: runtime.budget } : {}),
          });
          // A task list was reconciled: pull requests waiting on its tasks may pass now.
          if (outcome.kind === "synced" && outcome.result.plans.length > 0 && outcome.config.gates.enabled) {
            queueRecheck(runtime, context.octokit, ctx, "push", jobLog).catch((error: unknown) =>
              jobLog.error({ err: error }, "gates re-check failed; it runs again on the next event"),
            );
          }
        },
      })
      .catch((error: unknown) => log.error({ err: error }, "sync failed; it runs again on the next event"));
  });
}
