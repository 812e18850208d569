/**
 * push → "reconcile this repository soon". Guards (default branch only; no tags, no branch
 * deletes; not tasksync's own commit), then queues one reconcile per repository; pushes that wait
 * coalesce into one reconcile of the branch's head. The reconcile compares every task list with
 * the version its tracking issue recorded, so a sync that failed midway is picked up by the next
 * push, whatever that push changed. Answers the webhook at once.
 */
import type { Probot } from "probot";
import { learnBotLogin } from "../app/bot-login.js";
import type { AppRuntime } from "../app/runtime.js";
import { requireFields } from "./payload-guard.js";
import { installationOf, reconcileSoon } from "../jobs/reconcile-soon.js";

export function registerPushHandler(app: Probot, runtime: AppRuntime): void {
  app.on("push", async (context) => {
    requireFields("push", context.payload, [
      "ref",
      "after",
      "repository.name",
      "repository.full_name",
      "repository.owner",
      "repository.html_url",
    ]);
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
    const ctx = {
      owner: repository.owner?.login ?? repository.owner?.name ?? "",
      repo: repository.name,
      htmlUrl: repository.html_url,
      defaultBranch,
    };
    const author = await learnBotLogin(app, runtime, log);
    reconcileSoon(
      runtime,
      context.octokit,
      ctx,
      { reason: "push", ...(author ? { author } : {}), ...installationOf(context.payload) },
      log,
    ).catch((error: unknown) => log.error({ err: error }, "sync failed; it runs again on the next event"));
  });
}
