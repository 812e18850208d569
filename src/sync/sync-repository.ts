/**
 * Loads the repository's config and reconciles its task lists: what every trigger (push,
 * install, `/tasksync sync`, the CLI) runs. A bad config is reported on the commit, not thrown.
 */
import type { Logger } from "pino";
import { loadConfig } from "../config/load-config.js";
import { reportConfigError } from "../config/report-config-error.js";
import type { TasksyncConfig } from "../config/schema.js";
import type { GitHubClient } from "../github/client.js";
import { reconcile, type ReconcileResult } from "./reconcile.js";
import type { RepoContext } from "./repo-context.js";

export interface SyncRequest {
  gh: GitHubClient;
  ctx: RepoContext;
  commitSha: string;
  only?: string[];
  force: boolean;
  dryRun?: boolean;
  log: Logger;
  pauseMs: number;
  /** Post a bad config as a failed check run on the commit (default true; the CLI prints it instead). */
  reportConfigErrors?: boolean;
  /** Config already loaded by the caller (the CLI may pass one); loaded from the repo otherwise. */
  config?: TasksyncConfig;
}

export type SyncOutcome =
  | { kind: "synced"; result: ReconcileResult; config: TasksyncConfig }
  | { kind: "bad-config"; errors: string[] };

export async function syncRepository(request: SyncRequest): Promise<SyncOutcome> {
  const { gh, ctx, log } = request;
  const repo = { owner: ctx.owner, repo: ctx.repo };
  let config = request.config;
  if (!config) {
    const loaded = await loadConfig(gh, repo);
    if (!loaded.ok) {
      log.warn({ errors: loaded.errors }, "configuration is not valid: nothing synced");
      if (!request.dryRun && request.reportConfigErrors !== false) await reportConfigError(gh, repo, request.commitSha, loaded.errors, log);
      return { kind: "bad-config", errors: loaded.errors };
    }
    config = loaded.config;
  }
  const result = await reconcile({
    gh,
    ctx,
    config,
    commitSha: request.commitSha,
    ...(request.only === undefined ? {} : { only: request.only }),
    force: request.force,
    ...(request.dryRun === undefined ? {} : { dryRun: request.dryRun }),
    log,
    pauseMs: request.pauseMs,
  });
  return { kind: "synced", result, config };
}
