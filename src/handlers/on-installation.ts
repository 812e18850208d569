/**
 * installation.created / installation_repositories.added → sync every task list already in
 * each repository, at the head of its default branch.
 */
import type { Probot } from "probot";
import type { Logger } from "pino";
import type { AppRuntime } from "../app/runtime.js";
import type { GitHubClient } from "../github/client.js";
import { guardedClient } from "../github/guarded-client.js";
import { syncRepository } from "../sync/sync-repository.js";

/** Queues a full sync of one repository at its default branch head. */
export function queueFullSync(runtime: AppRuntime, client: GitHubClient, fullName: string, log: Logger, only?: string[]): Promise<void> {
  const gh = guardedClient(client, log);
  const [owner = "", repo = ""] = fullName.split("/");
  return runtime.queue.push(fullName, {
    name: "full-sync",
    ...(only === undefined ? { coalesceKey: "full-sync" } : {}),
    run: async () => {
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
        ...(runtime.budget ? { budget: runtime.budget } : {}),
      });
    },
  });
}

export function registerInstallationHandlers(app: Probot, runtime: AppRuntime): void {
  const syncAll = (gh: GitHubClient, repos: Array<{ full_name: string }>, log: Logger): void => {
    for (const { full_name } of repos) {
      const repoLog = log.child({ repo: full_name });
      repoLog.info("installed: syncing the task lists already there");
      queueFullSync(runtime, gh, full_name, repoLog).catch((error: unknown) =>
        repoLog.error({ err: error }, "initial sync failed; it runs again on the next event"),
      );
    }
  };
  app.on("installation.created", async (context) => {
    syncAll(context.octokit, context.payload.repositories ?? [], context.log.child({ delivery: context.id }));
  });
  app.on("installation_repositories.added", async (context) => {
    syncAll(context.octokit, context.payload.repositories_added, context.log.child({ delivery: context.id }));
  });
}
