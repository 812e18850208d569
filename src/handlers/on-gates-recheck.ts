/**
 * Re-checks: when a blocker may have become done — a task or phase issue closed as completed, or
 * a task list reconciled after a push to the default branch (on-push.ts queues that one) — the
 * open pull requests whose gates failed are checked again, without a new push to them.
 */
import type { Probot } from "probot";
import type { Logger } from "pino";
import type { AppRuntime } from "../app/runtime.js";
import type { GitHubClient } from "../github/client.js";
import { guardedClient } from "../github/guarded-client.js";
import { pullsToRecheck } from "../gates/recheck.js";
import { parseMarker } from "../sync/marker.js";
import type { RepoContext } from "../sync/repo-context.js";
import { gatesLane, queueGates, repoContextOf } from "../gates/queue-gates.js";

/** Queues a job that picks the waiting pull requests and queues a gates run for each. */
export function queueRecheck(
  runtime: AppRuntime,
  client: GitHubClient,
  ctx: RepoContext,
  reason: "issue-closed" | "push",
  log: Logger,
): Promise<void> {
  const gh = guardedClient(client, log);
  const repo = { owner: ctx.owner, repo: ctx.repo };
  return runtime.queue.push(gatesLane(ctx), {
    name: "gates-recheck",
    coalesceKey: `gates-recheck:${reason}`,
    run: async () => {
      const pulls = await pullsToRecheck(gh, repo, log);
      log.info({ reason, pulls: pulls.map((p) => p.number) }, "re-checking pull requests waiting on their gates");
      for (const pull of pulls) {
        // Not awaited: the gates jobs run after this one on the same per-repository queue.
        queueGates(runtime, client, ctx, pull, log).catch((error: unknown) =>
          log.error({ err: error, pull: pull.number }, "gates re-check failed; it runs again on the next event"),
        );
      }
    },
  });
}

export function registerGatesRecheckHandlers(app: Probot, runtime: AppRuntime): void {
  app.on("issues.closed", async (context) => {
    const { issue, repository } = context.payload;
    const marker = parseMarker(issue.body);
    if (!marker || marker.kind === "tracking") return;
    if (issue.state_reason === "not_planned" || issue.state_reason === "duplicate") return;
    const log = context.log.child({ delivery: context.id, repo: repository.full_name, job: "gates", file: marker.path });
    queueRecheck(runtime, context.octokit, repoContextOf(repository), "issue-closed", log).catch((error: unknown) =>
      log.error({ err: error }, "gates re-check failed; it runs again on the next event"),
    );
  });

}
