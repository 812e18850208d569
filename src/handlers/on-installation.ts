/**
 * installation.created / installation_repositories.added → sync every task list already in
 * each repository, at the head of its default branch.
 */
import type { Probot } from "probot";
import type { Logger } from "pino";
import type { AppRuntime } from "../app/runtime.js";
import { guardedClient } from "../github/guarded-client.js";
import { jobEnv } from "../queue/job-env.js";
import { defineJob, type JobEnv } from "../queue/job-kind.js";
import { syncRepository } from "../sync/sync-repository.js";

interface FullSync {
  fullName: string;
  /** Only these task lists (a `/tasksync sync` on one feature); all of them when absent. */
  only?: string[];
}

/** A full sync of one repository at its default branch head. */
export const fullSyncJob = defineJob<FullSync>("full-sync", async ({ fullName, only }, { octokit, runtime, log }) => {
  const gh = guardedClient(octokit, log);
  const [owner = "", repo = ""] = fullName.split("/");
  const { data } = await gh.request("GET /repos/{owner}/{repo}", { owner, repo });
  const branch = await gh.request("GET /repos/{owner}/{repo}/branches/{branch}", { owner, repo, branch: data.default_branch });
  await syncRepository({
    gh,
    ctx: { owner, repo, htmlUrl: data.html_url, defaultBranch: data.default_branch },
    commitSha: branch.data.commit.sha,
    force: true,
    ...(only === undefined ? {} : { only }),
    log,
    pauseMs: runtime.settings.writePauseMs,
  });
});

/** Queues a full sync of one repository at its default branch head. */
export function queueFullSync(env: JobEnv, fullName: string, only?: string[]): Promise<void> {
  const data = { fullName, ...(only === undefined ? {} : { only }) };
  return env.runtime.queue.push(fullName, fullSyncJob.job(data, env, only === undefined ? "full-sync" : undefined));
}

export function registerInstallationHandlers(app: Probot, runtime: AppRuntime): void {
  const syncAll = (context: Parameters<typeof jobEnv>[0], repos: Array<{ full_name: string }>, log: Logger): void => {
    for (const { full_name } of repos) {
      const repoLog = log.child({ repo: full_name });
      repoLog.info("installed: syncing the task lists already there");
      queueFullSync(jobEnv(context, runtime, repoLog), full_name).catch((error: unknown) =>
        repoLog.error({ err: error }, "initial sync failed; it runs again on the next event"),
      );
    }
  };
  app.on("installation.created", async (context) => {
    syncAll(context, context.payload.repositories ?? [], context.log.child({ delivery: context.id }));
  });
  app.on("installation_repositories.added", async (context) => {
    syncAll(context, context.payload.repositories_added, context.log.child({ delivery: context.id }));
  });
}
