/**
 * Loads the repository's config and reconciles its task lists: what every trigger (push,
 * install, `/tasksync sync`, the CLI) runs. A bad config is reported on the commit, not thrown.
 */
import { loadConfig } from "../config/load-config.js";
import { reportConfigError } from "../config/report-config-error.js";
import type { TasksyncConfig } from "../config/schema.js";
import { reconcile, type ReconcileRequest, type ReconcileResult } from "./reconcile-repository.js";

export interface SyncRequest extends Omit<ReconcileRequest, "config"> {
  /** Post a bad config as a failed check run on the commit (default true; the CLI prints it instead). */
  reportConfigErrors?: boolean;
  /** Config already loaded by the caller (the CLI may pass one); loaded from the repo otherwise. */
  config?: TasksyncConfig;
}

export type SyncOutcome =
  { kind: "synced"; result: ReconcileResult; config: TasksyncConfig } | { kind: "bad-config"; errors: string[] };

export async function syncRepository(request: SyncRequest): Promise<SyncOutcome> {
  const { config: given, reportConfigErrors, ...rest } = request;
  const { gh, ctx, log } = rest;
  const repo = { owner: ctx.owner, repo: ctx.repo };
  let config = given;
  if (!config) {
    const loaded = await loadConfig(gh, repo);
    if (!loaded.ok) {
      log.warn({ errors: loaded.errors }, "configuration is not valid: nothing synced");
      if (!request.dryRun && reportConfigErrors !== false)
        await reportConfigError(gh, repo, request.commitSha, loaded.errors, log);
      return { kind: "bad-config", errors: loaded.errors };
    }
    config = loaded.config;
  }
  const result = await reconcile({ ...rest, config });
  return { kind: "synced", result, config };
}
