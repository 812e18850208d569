/**
 * Which open pull requests to check again when a blocker may have become done (its issue closed,
 * or a task ticked on the default branch): those whose latest gates run failed or was neutral.
 * Bounded per event; the bound is logged when reached.
 */
import type { Logger } from "pino";
import type { GitHubClient, RepoRef } from "../../github/client.js";
import { GITHUB_LIMITS } from "../../github/limits.js";
import { pages } from "../../github/paginate.js";
import { GATES_CHECK_NAME } from "../gate-model.js";
import { pullInfoOf, type PullInfo } from "../read/pull-info.js";

/** Pull requests re-checked per event at most. */
export const MAX_RECHECKED_PULLS = 30;
/** Open pull requests looked at per event at most (one check-run read each). */
export const MAX_EXAMINED_PULLS = 100;

type RestPull = Parameters<typeof pullInfoOf>[0];

export async function pullsToRecheck(gh: GitHubClient, repo: RepoRef, log: Logger): Promise<PullInfo[]> {
  const chosen: PullInfo[] = [];
  let examined = 0;
  const open = pages((page) =>
    gh.request("GET /repos/{owner}/{repo}/pulls", {
      ...repo,
      state: "open",
      sort: "updated",
      direction: "desc",
      per_page: GITHUB_LIMITS.perPage,
      page,
    }),
  );
  for await (const page of open) {
    for (const pull of page as RestPull[]) {
      if (chosen.length >= MAX_RECHECKED_PULLS || examined >= MAX_EXAMINED_PULLS) {
        log.warn(
          { rechecked: chosen.length, examined, limit: MAX_RECHECKED_PULLS },
          "gates re-check capped: older pull requests are checked on their next push",
        );
        return chosen;
      }
      examined += 1;
      if (await waitsOnGates(gh, repo, pull.head.sha)) chosen.push(pullInfoOf(pull));
    }
  }
  return chosen;
}

/** The latest gates run on the commit failed or was neutral. */
async function waitsOnGates(gh: GitHubClient, repo: RepoRef, sha: string): Promise<boolean> {
  const { data } = await gh.request("GET /repos/{owner}/{repo}/commits/{ref}/check-runs", {
    ...repo,
    ref: sha,
    check_name: GATES_CHECK_NAME,
    filter: "latest",
  });
  const latest = data.check_runs[0];
  return (
    latest !== undefined &&
    latest.status === "completed" &&
    (latest.conclusion === "failure" || latest.conclusion === "neutral")
  );
}
