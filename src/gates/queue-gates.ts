/**
 * Queuing a gates run for a pull request. Gates only read issues and write check runs, so they
 * have their own per-repository lane: a pull request gets its check at once, not after a long
 * first sync of the same repository.
 */
import type { Logger } from "pino";
import type { AppRuntime } from "../app/runtime.js";
import type { GitHubClient } from "../github/client.js";
import { guardedClient } from "../github/guarded-client.js";
import type { RepoContext } from "../sync/repo-context.js";
import { pullInfoOf, type PullInfo } from "./pull-info.js";
import { runGates } from "./run-gates.js";

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

/**
 * Queues a gates run for a pull request: given as facts from a payload, or as a number to read
 * when the job starts. Resolves when the run (or the newer one that replaced it) is done.
 */
export function queueGates(
  runtime: AppRuntime,
  client: GitHubClient,
  ctx: RepoContext,
  pull: PullInfo | number,
  log: Logger,
): Promise<void> {
  const gh = guardedClient(client, log);
  const number = typeof pull === "number" ? pull : pull.number;
  const jobLog = log.child({ pull: number });
  return runtime.queue.push(gatesLane(ctx), {
    name: "gates",
    coalesceKey: `gates:${number}`,
    run: async () => {
      let info: PullInfo;
      if (typeof pull === "number") {
        const { data } = await gh.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", { owner: ctx.owner, repo: ctx.repo, pull_number: pull });
        if (data.state !== "open") {
          jobLog.info("gates not run: the pull request is closed");
          return;
        }
        info = pullInfoOf(data);
      } else {
        info = pull;
      }
      await runGates({ gh, ctx, pull: info, log: jobLog });
    },
  });
}

