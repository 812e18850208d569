/**
 * Re-checks: when a blocker may have become done — a task or phase issue closed as completed, or
 * a task list reconciled after a push to the default branch (on-push.ts queues that one) — the
 * open pull requests whose gates failed are checked again, without a new push to them.
 */
import type { Probot } from "probot";
import type { AppRuntime } from "../app/runtime.js";
import { guardedClient } from "../github/guarded-client.js";
import { pullsToRecheck } from "../gates/read/recheck.js";
import { jobEnv } from "./job-env.js";
import { defineJob, type JobEnv } from "./job-kind.js";
import { parseMarker } from "../identity/marker.js";
import type { RepoContext } from "../github/repo-context.js";
import { gatesLane, queueGates, repoContextOf } from "./gates-job.js";

interface GatesRecheck {
  ctx: RepoContext;
  reason: "issue-closed" | "push";
}

/** Picks the open pull requests waiting on their gates and queues a gates run for each. */
export const gatesRecheckJob = defineJob<GatesRecheck>("gates-recheck", async ({ ctx, reason }, env) => {
  const { log } = env;
  const pulls = await pullsToRecheck(guardedClient(env.octokit, log), { owner: ctx.owner, repo: ctx.repo }, log);
  log.info({ reason, pulls: pulls.map((p) => p.number) }, "re-checking pull requests waiting on their gates");
  for (const pull of pulls) {
    // Not awaited: the gates jobs run after this one on the same per-repository queue.
    queueGates(env, ctx, pull).catch((error: unknown) =>
      log.error({ err: error, pull: pull.number }, "gates re-check failed; it runs again on the next event"),
    );
  }
});

/** Queues a job that picks the waiting pull requests and queues a gates run for each. */
export function queueRecheck(env: JobEnv, ctx: RepoContext, reason: GatesRecheck["reason"]): Promise<void> {
  return env.runtime.queue.push(gatesLane(ctx), gatesRecheckJob.job({ ctx, reason }, env, `gates-recheck:${reason}`));
}

export function registerGatesRecheckHandlers(app: Probot, runtime: AppRuntime): void {
  app.on("issues.closed", async (context) => {
    const { issue, repository } = context.payload;
    const marker = parseMarker(issue.body);
    if (!marker || marker.kind === "tracking") return;
    if (issue.state_reason === "not_planned" || issue.state_reason === "duplicate") return;
    const log = context.log.child({
      delivery: context.id,
      repo: repository.full_name,
      job: "gates",
      file: marker.path,
    });
    queueRecheck(jobEnv(context, runtime, log), repoContextOf(repository), "issue-closed").catch((error: unknown) =>
      log.error({ err: error }, "gates re-check failed; it runs again on the next event"),
    );
  });
}
