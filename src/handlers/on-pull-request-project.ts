/**
 * A pull request whose body names an issue with a closing keyword ("Closes #12") was opened,
 * edited, reopened or closed → "reconcile this repository soon", so the GitHub Project's Status
 * of the task it closes follows (In Progress while it is open). The reconcile job goes further
 * only when the repository's config names a `project` (reconcile-soon.ts). Answers at once.
 */
import type { Probot } from "probot";
import { learnBotLogin } from "../app/bot-login.js";
import type { AppRuntime } from "../app/runtime.js";
import { repoContextOf } from "../jobs/gates-job.js";
import { installationOf, reconcileSoon } from "../jobs/reconcile-soon.js";

/** "Closes #12", "fixes owner/repo#3", "Resolved: #7": GitHub's closing keywords before an issue reference. */
const CLOSING_KEYWORD = /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s*:?\s+(?:[\w.-]+\/[\w.-]+)?#\d+\b/i;

export const PROJECT_PULL_REQUEST_ACTIONS = [
  "pull_request.opened",
  "pull_request.edited",
  "pull_request.reopened",
  "pull_request.closed",
] as const;

export function registerPullRequestProjectHandler(app: Probot, runtime: AppRuntime): void {
  app.on([...PROJECT_PULL_REQUEST_ACTIONS], async (context) => {
    const { pull_request: pr, repository, action } = context.payload;
    const before =
      action === "edited"
        ? (context.payload as { changes?: { body?: { from?: string } } }).changes?.body?.from
        : undefined;
    if (!CLOSING_KEYWORD.test(pr.body ?? "") && !CLOSING_KEYWORD.test(before ?? "")) return;
    const log = context.log.child({ delivery: context.id, repo: repository.full_name, pull: pr.number });
    const author = await learnBotLogin(app, runtime, log);
    reconcileSoon(
      runtime,
      context.octokit,
      repoContextOf(repository),
      { reason: "pull_request", debounce: true, ...(author ? { author } : {}), ...installationOf(context.payload) },
      log,
    ).catch((error: unknown) => log.error({ err: error }, "reconcile failed; it runs again on the next event"));
  });
}
