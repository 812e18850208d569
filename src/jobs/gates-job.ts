/**
 * Queuing a gates run for a pull request. Gates only read issues and write check runs, so they
 * have their own per-repository lane: a pull request gets its check at once, not after a long
 * first sync of the same repository.
 */
import { guardedClient } from "../github/guarded-client.js";
import { defineJob, type JobEnv } from "./job-kind.js";
import type { RepoContext } from "../github/repo-context.js";
import { pullInfoOf, type PullInfo } from "../gates/read/pull-info.js";
import { runGates } from "../gates/run-gates.js";

export interface PayloadRepository {
  name: string;
  full_name: string;
  html_url: string;
  default_branch?: string;
  owner: { login: string } | null;
}

/** The queue key of a repository's gates work. */
export const gatesLane = (ctx: RepoContext): string => `${ctx.owner}/${ctx.repo}#gates`;

export function repoContextOf(repository: PayloadRepository): RepoContext {
  return {
    owner: repository.owner?.login ?? repository.full_name.split("/")[0] ?? "",
    repo: repository.name,
    htmlUrl: repository.html_url,
    defaultBranch: repository.default_branch ?? "main",
  };
}

interface GatesRun {
  ctx: RepoContext;
  /** The pull request's facts from a payload, or its number to read when the job starts. */
  pull: PullInfo | number;
}

export const gatesJob = defineJob<GatesRun>("gates", async ({ ctx, pull }, { octokit, log, runtime }) => {
  const gh = guardedClient(octokit, log);
  const number = typeof pull === "number" ? pull : pull.number;
  const jobLog = log.child({ pull: number });
  let info: PullInfo;
  if (typeof pull === "number") {
    const { data } = await gh.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", {
      owner: ctx.owner,
      repo: ctx.repo,
      pull_number: pull,
    });
    if (data.state !== "open") {
      jobLog.info("gates not run: the pull request is closed");
      return;
    }
    info = pullInfoOf(data);
  } else {
    info = pull;
  }
  await runGates({
    gh,
    ctx,
    pull: info,
    log: jobLog,
    ...(runtime.botLogin === undefined ? {} : { author: runtime.botLogin }),
  });
});

/**
 * Queues a gates run for a pull request: given as facts from a payload, or as a number to read
 * when the job starts. Resolves when the run (or the newer one that replaced it) is done.
 */
export function queueGates(env: JobEnv, ctx: RepoContext, pull: PullInfo | number): Promise<void> {
  const number = typeof pull === "number" ? pull : pull.number;
  return env.runtime.queue.push(gatesLane(ctx), gatesJob.job({ ctx, pull }, env, `gates:${number}`));
}
