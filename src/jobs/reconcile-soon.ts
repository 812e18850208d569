/**
 * Every trigger — a push, an issue closed or reopened, an installation, `/tasksync sync`, the sweep
 * at start-up — only says "reconcile this repository soon". Nothing it carries can be lost or
 * applied out of order: the reconcile reads both sides as they are when it runs. Issue events wait
 * out a short debounce (the write-back batch window) so that issues closed together become one
 * commit; waiting reconciles of a repository coalesce into one.
 *
 * The reconcile is a job kind of plain data, so that with REDIS_URL any replica can run it: the
 * debounce is then the stored job's delay (events of the repository that come meanwhile join it
 * through BullMQ's deduplication) and GitHub's failures are retried by the engine's backoff.
 * In memory the debounce and the retries run in this process, as below.
 */
import type { Logger } from "pino";
import type { AppRuntime } from "../app/runtime.js";
import { loadConfig } from "../config/load-config.js";
import { statusOf, type GitHubClient } from "../github/client.js";
import { guardedClient } from "../github/guarded-client.js";
import { rateLimitWait } from "../github/rate-limit.js";
import type { Plan } from "../reconcile/plan/plan-list.js";
import type { RepoContext } from "../github/repo-context.js";
import { syncRepository } from "../reconcile/sync-repository.js";
import { defineJob, type JobEnv } from "./job-kind.js";
import { sleep } from "../util/sleep.js";
import { queueRecheck } from "./gates-recheck-job.js";

/** The debounce of issue events when neither the runtime nor the repository's config says otherwise. */
export const DEFAULT_DEBOUNCE_MS = 3_000;

export interface ReconcileTrigger {
  /** What asked, for logs: "push", "issues", "installation", "command", "startup". */
  reason: string;
  /** Reconcile even the lists whose recorded version is current (installation, `/tasksync sync`). */
  force?: boolean;
  /** Only these task lists. */
  only?: string[];
  /** Wait the debounce first (issue events). */
  debounce?: boolean;
  /** tasksync's bot login, for trusting only its own issues. */
  author?: string;
  /** The installation whose client runs the reconcile (another replica authenticates as it). */
  installationId?: number;
}

/** A reconcile as data: what any replica needs to run it (the client is rebuilt from the installation). */
export interface ReconcileData {
  ctx: RepoContext;
  reason: string;
  force?: boolean;
  only?: string[];
  author?: string;
  /** Issue events: the repository's own batch window (config) is waited out, counted from `firstAt`. */
  debounce?: boolean;
  /** When the first trigger of this reconcile came, in ms since the epoch. */
  firstAt: number;
}

/** The installation a webhook came from, for a trigger (another replica authenticates as it). */
export function installationOf(payload: { installation?: { id: number } | undefined }): { installationId?: number } {
  const id = payload.installation?.id;
  return id === undefined ? {} : { installationId: id };
}

/** A reconcile that failed on GitHub's side (5xx, no answer, rate limit beyond waiting) runs again, this many times at most. */
export const MAX_RECONCILE_ATTEMPTS = 10;
const DEFAULT_RETRY_BASE_MS = 1_000;
const MAX_RETRY_WAIT_MS = 60_000;

/** GitHub's side: a 5xx (Octokit reports a dropped connection as 500 too) or a rate limit. A bug of ours is not retried. */
export function isTransient(error: unknown): boolean {
  const status = statusOf(error);
  return (status !== undefined && status >= 500) || rateLimitWait(error) !== null;
}

/** A push that reconciled a list, or a reconcile that ticked a box or closed, reopened or opened an issue. */
function mayUnblock(reason: string, plans: readonly Plan[]): boolean {
  if (reason === "push") return plans.length > 0;
  return plans.some((plan) =>
    plan.operations.some(
      (op) =>
        op.kind === "write-checkboxes" ||
        op.kind === "create-issue" ||
        (op.kind === "update-issue" && op.state !== undefined),
    ),
  );
}

/** Repositories with a debounce running, per runtime: the first event starts it, the others join. */
const debouncing = new WeakMap<AppRuntime, Set<string>>();

export function reconcileSoon(
  runtime: AppRuntime,
  client: GitHubClient,
  ctx: RepoContext,
  trigger: ReconcileTrigger,
  log: Logger,
): Promise<void> {
  if (runtime.queue.shared) return storeReconcile(runtime, client, ctx, trigger, log);
  return debounced(runtime, client, ctx, trigger, log).catch((error: unknown) =>
    retryLater(runtime, client, ctx, trigger, log, error, 1),
  );
}

/** GitHub failed the reconcile on its side: look again after a growing pause (level-triggered, so repeating is safe). */
async function retryLater(
  runtime: AppRuntime,
  client: GitHubClient,
  ctx: RepoContext,
  trigger: ReconcileTrigger,
  log: Logger,
  error: unknown,
  attempt: number,
): Promise<void> {
  if (!isTransient(error) || attempt >= MAX_RECONCILE_ATTEMPTS) throw error;
  const waitMs = Math.min(
    MAX_RETRY_WAIT_MS,
    (runtime.settings.retryBaseMs ?? DEFAULT_RETRY_BASE_MS) * 2 ** (attempt - 1),
  );
  log.warn({ err: error, attempt, waitMs }, "reconcile failed on GitHub's side: looking again later");
  await sleep(waitMs);
  const again = { ...trigger, debounce: false };
  return queueReconcile(runtime, client, ctx, again, log, Date.now()).catch((next: unknown) =>
    retryLater(runtime, client, ctx, again, log, next, attempt + 1),
  );
}

function debounced(
  runtime: AppRuntime,
  client: GitHubClient,
  ctx: RepoContext,
  trigger: ReconcileTrigger,
  log: Logger,
): Promise<void> {
  const key = `${ctx.owner}/${ctx.repo}`;
  const debounceMs = runtime.settings.batchWindowMs ?? DEFAULT_DEBOUNCE_MS;
  if (!trigger.debounce || debounceMs === 0) return queueReconcile(runtime, client, ctx, trigger, log, Date.now());
  const waiting = debouncing.get(runtime) ?? new Set<string>();
  debouncing.set(runtime, waiting);
  if (waiting.has(key)) {
    log.debug("reconcile already due: joined it");
    return Promise.resolve();
  }
  waiting.add(key);
  const firstAt = Date.now();
  return sleep(debounceMs).then(() => {
    waiting.delete(key);
    return queueReconcile(runtime, client, ctx, trigger, log, firstAt);
  });
}

/** Waiting reconciles of a repository with one key coalesce: one key for a plain, a forced and a debounced one. */
function coalesceKeyOf(trigger: ReconcileTrigger, delayed: boolean): string | undefined {
  if (trigger.only !== undefined) return undefined;
  if (delayed) return "reconcile:debounced";
  return trigger.force ? "reconcile:force" : "reconcile";
}

function dataOf(ctx: RepoContext, trigger: ReconcileTrigger, firstAt: number): ReconcileData {
  return {
    ctx,
    reason: trigger.reason,
    firstAt,
    ...(trigger.force ? { force: true } : {}),
    ...(trigger.only === undefined ? {} : { only: trigger.only }),
    ...(trigger.author === undefined ? {} : { author: trigger.author }),
    ...(trigger.debounce ? { debounce: true } : {}),
  };
}

function envOf(runtime: AppRuntime, client: GitHubClient, trigger: ReconcileTrigger, log: Logger): JobEnv {
  return {
    octokit: client,
    runtime,
    log,
    ...(trigger.installationId === undefined ? {} : { installationId: trigger.installationId }),
  };
}

/** Redis: the job is stored (delayed by the debounce) and runs on whichever replica takes it. */
function storeReconcile(
  runtime: AppRuntime,
  client: GitHubClient,
  ctx: RepoContext,
  trigger: ReconcileTrigger,
  log: Logger,
): Promise<void> {
  const debounceMs = trigger.debounce ? (runtime.settings.batchWindowMs ?? DEFAULT_DEBOUNCE_MS) : 0;
  const job = reconcileJob.job(
    dataOf(ctx, trigger, Date.now()),
    envOf(runtime, client, trigger, log),
    coalesceKeyOf(trigger, debounceMs > 0),
  );
  return runtime.queue.push(`${ctx.owner}/${ctx.repo}`, { ...job, ...(debounceMs > 0 ? { delayMs: debounceMs } : {}) });
}

/** In memory: queued on this process's per-repository queue (the debounce, if any, is over). */
function queueReconcile(
  runtime: AppRuntime,
  client: GitHubClient,
  ctx: RepoContext,
  trigger: ReconcileTrigger,
  log: Logger,
  firstAt: number,
): Promise<void> {
  const job = reconcileJob.job(
    dataOf(ctx, trigger, firstAt),
    envOf(runtime, client, trigger, log),
    coalesceKeyOf(trigger, false),
  );
  return runtime.queue.push(`${ctx.owner}/${ctx.repo}`, job);
}

/** One reconcile of a repository: both sides read as they are now, then made to agree. */
export const reconcileJob = defineJob<ReconcileData>(
  "reconcile",
  async (data, env) => {
    const { runtime, octokit } = env;
    const { ctx } = data;
    const log = env.log.child({ job: "reconcile", trigger: data.reason });
    const gh = guardedClient(octokit, log);
    const repo = { owner: ctx.owner, repo: ctx.repo };
    const waitForConfig = data.debounce === true && runtime.settings.batchWindowMs === undefined;
    const loaded = waitForConfig || data.reason === "pull_request" ? await loadConfig(gh, repo) : undefined;
    if (data.reason === "pull_request" && !(loaded?.ok && loaded.config.project !== "")) {
      log.debug("no GitHub Project to update for a pull request");
      return;
    }
    if (loaded?.ok && waitForConfig) {
      // The repository may ask for a longer batch window than the default debounce.
      await sleep(Math.max(0, loaded.config.writeBack.batchWindowSeconds * 1000 - (Date.now() - data.firstAt)));
    }
    // Reconcile the branch as it is now, not as an event left it.
    const head = await gh.request("GET /repos/{owner}/{repo}/git/ref/{ref}", {
      ...repo,
      ref: `heads/${ctx.defaultBranch}`,
    });
    const outcome = await syncRepository({
      gh,
      ctx,
      commitSha: head.data.object.sha,
      force: data.force === true,
      ...(data.only === undefined ? {} : { only: data.only }),
      ...(loaded?.ok ? { config: loaded.config } : {}),
      ...(data.author === undefined ? {} : { author: data.author }),
      onCommit: async (sha) => {
        runtime.ownCommits.add(sha);
        await runtime.shared?.addOwnCommit(sha);
      },
      log,
      pauseMs: runtime.settings.writePauseMs,
      ...(runtime.budget ? { budget: runtime.budget } : {}),
    });
    // Tasks may have become done: pull requests waiting on them may pass now.
    if (outcome.kind === "synced" && outcome.config.gates.enabled && mayUnblock(data.reason, outcome.result.plans)) {
      queueRecheck({ ...env, log }, ctx, "push").catch((error: unknown) =>
        log.error({ err: error }, "gates re-check failed; it runs again on the next event"),
      );
    }
  },
  isTransient,
);
