/**
 * The write-back job for one batch (one task list of one repository), run on the repository's
 * queue so it never interleaves with a sync: load the config, wait for the batch window to end,
 * write the checkboxes in one commit (or a pull request when the branch refuses it), tell the
 * issues what could not be written, then reconcile the list at the new commit so phase and
 * tracking issues follow and the recorded baseline is the new file (its push is then a no-op).
 * When the list changed since its last sync (someone committed during the batch window, or
 * while tasksync wrote), the commit is not reconciled here: the pushes of both commits do it,
 * in order, so the older one is never reconciled after the newer one.
 */
import type { Logger } from "pino";
import type { AppRuntime } from "../app/runtime.js";
import { loadConfig } from "../config/load-config.js";
import { matchesAny } from "../config/path-match.js";
import type { TasksyncConfig } from "../config/schema.js";
import type { GitHubClient, RepoRef } from "../github/client.js";
import { statusOf } from "../github/client.js";
import { reconcile } from "../sync/reconcile.js";
import type { RepoContext } from "../sync/repo-context.js";
import type { AppliedTicks } from "./apply-ticks.js";
import { commentOnce } from "./comment-once.js";
import { recordedBlobSha } from "./recorded-sha.js";
import { missingTaskComment, permissionComment, pullRequestComment } from "./write-back-comments.js";
import type { TickBatch, TickBatcher } from "./tick-batcher.js";
import { checkboxChanges, type CheckboxChange } from "./tick-change.js";
import { writeTicksPullRequest } from "./ticks-pull-request.js";
import { writeTicks } from "./write-ticks.js";
import { NEEDED_PERMISSION } from "./write-refusal.js";
import { sleep } from "../util/sleep.js";

export interface WriteBackJob {
  gh: GitHubClient;
  ctx: RepoContext;
  batch: TickBatch;
  batcher: TickBatcher;
  runtime: AppRuntime;
  log: Logger;
  /** Overrides the first pause after a stale write (tests). */
  retryBaseMs?: number;
  /** The reconcile to run after a commit (handler tests stub it; the real one by default). */
  reconcile?: typeof reconcile;
}


/** The batch window: the runtime's override (tests, demo) or the repository's config. */
export function batchWindowMs(runtime: AppRuntime, config: TasksyncConfig): number {
  return runtime.settings.batchWindowMs ?? config.writeBack.batchWindowSeconds * 1000;
}

/** Comments on an issue without failing the job when the installation may not comment. */
async function tellIssue(gh: GitHubClient, repo: RepoRef, issueNumber: number, comment: { name: string; body: string }, log: Logger): Promise<void> {
  try {
    await commentOnce(gh, repo, issueNumber, comment.name, comment.body);
  } catch (error) {
    if (statusOf(error) !== 403 && statusOf(error) !== 404) throw error;
    log.warn({ issue: issueNumber, status: statusOf(error) }, "could not comment on the issue");
  }
}

async function reportMissing(gh: GitHubClient, repo: RepoRef, path: string, applied: AppliedTicks, log: Logger): Promise<void> {
  for (const missing of applied.missing) {
    log.info({ task: missing.taskId, issue: missing.issueNumber, reason: missing.reason }, "task not found in its task list: nothing written for it");
    await tellIssue(gh, repo, missing.issueNumber, missingTaskComment(path, missing, missing.reason), log);
  }
}

async function reportNoPermission(gh: GitHubClient, repo: RepoRef, path: string, changes: readonly CheckboxChange[], permission: string, message: string, log: Logger): Promise<void> {
  log.error({ permission, message, tasks: changes.map((c) => c.taskId) }, "cannot write back: the app lacks a permission");
  for (const change of changes) await tellIssue(gh, repo, change.issueNumber, permissionComment(path, change, permission), log);
}

export async function runWriteBack(job: WriteBackJob): Promise<void> {
  const { gh, ctx, batch, batcher, runtime } = job;
  const { path } = batch;
  const repo: RepoRef = { owner: ctx.owner, repo: ctx.repo };
  const log = job.log.child({ file: path, job: "write-back", deliveries: batch.deliveries });
  let config: TasksyncConfig;
  try {
    const loaded = await loadConfig(gh, repo);
    if (!loaded.ok) {
      log.warn({ errors: loaded.errors }, "configuration is not valid: nothing written back");
      return;
    }
    config = loaded.config;
    if (!config.writeBack.enabled) {
      log.info("write-back is disabled in the configuration: nothing written");
      return;
    }
    await sleep(batcher.remainingMs(batch, batchWindowMs(runtime, config)));
  } finally {
    batcher.take(batch); // from here on, new events open the next batch
  }
  if (!matchesAny(path, config.paths)) {
    log.debug("write-back ignored: the file is not a task list in the configuration");
    return;
  }
  const changes = checkboxChanges(batch.ticks.values(), config.writeBack.onNotPlanned);
  if (changes.length === 0) {
    log.info("nothing to write back: the issues were closed as not planned");
    return;
  }
  const retry = job.retryBaseMs === undefined ? {} : { retryBaseMs: job.retryBaseMs };
  const result = await writeTicks({ gh, repo, path, branch: ctx.defaultBranch, changes, log, ...retry });
  switch (result.kind) {
    case "gone":
      log.debug("write-back ignored: the task list no longer exists");
      return;
    case "unchanged":
      log.info({ tasks: changes.map((c) => c.taskId) }, "task list already says what the issues say: nothing written");
      await reportMissing(gh, repo, path, result.applied, log);
      return;
    case "committed": {
      const { commitSha, baseSha, applied, raced } = result;
      log.info({ commit: commitSha, ticked: applied.ticked, unticked: applied.unticked, raced }, "wrote checkboxes back to the task list");
      await reportMissing(gh, repo, path, applied, log);
      const recorded = await recordedBlobSha(gh, repo, config.labels.tasksync.name, path);
      if (recorded !== baseSha) {
        // The list changed since its last sync (someone committed meanwhile): that commit's push
        // waits behind this job and would reconcile its (older) commit after ours. Leave both
        // commits to their pushes, which reconcile them in order.
        log.info({ commit: commitSha, recorded, base: baseSha }, "task list changed since its last sync: its pushes reconcile it in order");
        return;
      }
      runtime.ownCommits.add(commitSha);
      await runtime.shared?.addOwnCommit(commitSha);
      await (job.reconcile ?? reconcile)({ gh, ctx, config, commitSha, only: [path], force: false, log, pauseMs: runtime.settings.writePauseMs });
      return;
    }
    case "refused":
      await reportMissing(gh, repo, path, result.applied, log);
      if (result.refusal === "no-permission") {
        await reportNoPermission(gh, repo, path, result.applied.changed, NEEDED_PERMISSION.contents, result.message, log);
        return;
      }
      log.info({ branch: ctx.defaultBranch, message: result.message }, "default branch refused the commit: carrying the ticks in a pull request");
      await fallBackToPullRequest(job, repo, result.applied.changed, log);
  }
}

async function fallBackToPullRequest(job: WriteBackJob, repo: RepoRef, changes: readonly CheckboxChange[], log: Logger): Promise<void> {
  const { gh, ctx, batch } = job;
  const retry = job.retryBaseMs === undefined ? {} : { retryBaseMs: job.retryBaseMs };
  const pr = await writeTicksPullRequest({ gh, repo, defaultBranch: ctx.defaultBranch, path: batch.path, changes, log, ...retry });
  switch (pr.kind) {
    case "gone":
    case "unchanged":
      log.info({ outcome: pr.kind }, "nothing to carry in the ticks pull request");
      return;
    case "refused":
      if (pr.refusal === "no-permission") {
        await reportNoPermission(gh, repo, batch.path, changes, pr.permission, pr.message, log);
      } else {
        log.error({ message: pr.message }, "the ticks branch refused the commit too: nothing written back");
      }
      return;
    case "pull-request":
      log.info({ pull: pr.pull.number, opened: pr.opened, tasks: changes.map((c) => c.taskId) }, "ticks carried in the pull request");
      for (const change of changes) {
        await tellIssue(gh, repo, change.issueNumber, pullRequestComment(batch.path, change, ctx.defaultBranch, pr.pull), log);
      }
  }
}
