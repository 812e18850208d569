/**
 * installation.created / installation_repositories.added → reconcile every task list already in
 * each repository, at the head of its default branch.
 */
import type { Probot } from "probot";
import type { Logger } from "pino";
import { learnBotLogin } from "../app/bot-login.js";
import type { AppRuntime } from "../app/runtime.js";
import { requireFields } from "./payload-guard.js";
import type { GitHubClient } from "../github/client.js";
import { reconcileSoon } from "../jobs/reconcile-soon.js";

interface InstalledRepo {
  full_name: string;
}

/** Queues a full reconcile of one repository (its default branch read first). */
export async function queueFullSync(
  app: Probot,
  runtime: AppRuntime,
  client: GitHubClient,
  fullName: string,
  log: Logger,
  only?: string[],
  installationId?: number,
): Promise<void> {
  const [owner = "", repo = ""] = fullName.split("/");
  const { data } = await client.request("GET /repos/{owner}/{repo}", { owner, repo });
  const author = await learnBotLogin(app, runtime, log);
  const ctx = { owner, repo, htmlUrl: data.html_url, defaultBranch: data.default_branch };
  await reconcileSoon(
    runtime,
    client,
    ctx,
    {
      reason: only ? "command" : "installation",
      force: true,
      ...(only ? { only } : {}),
      ...(author ? { author } : {}),
      ...(installationId === undefined ? {} : { installationId }),
    },
    log,
  );
}

export function registerInstallationHandlers(app: Probot, runtime: AppRuntime): void {
  const syncAll = (gh: GitHubClient, installationId: number | undefined, repos: InstalledRepo[], log: Logger): void => {
    for (const { full_name } of repos) {
      const repoLog = log.child({ repo: full_name });
      repoLog.info("installed: syncing the task lists already there");
      queueFullSync(app, runtime, gh, full_name, repoLog, undefined, installationId).catch((error: unknown) =>
        repoLog.error({ err: error }, "initial sync failed; it runs again on the next event"),
      );
    }
  };
  app.on("installation.created", async (context) => {
    syncAll(
      context.octokit,
      context.payload.installation.id,
      context.payload.repositories ?? [],
      context.log.child({ delivery: context.id }),
    );
  });
  app.on("installation_repositories.added", async (context) => {
    requireFields("installation_repositories", context.payload, ["repositories_added"]);
    syncAll(
      context.octokit,
      context.payload.installation.id,
      context.payload.repositories_added,
      context.log.child({ delivery: context.id }),
    );
  });
}
