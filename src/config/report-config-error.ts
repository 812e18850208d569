/**
 * A bad `.github/tasksync.yml` must reach the user, not only the logs: it becomes a failed
 * check run on the commit that was pushed, naming each key at fault — once per commit, so a
 * redelivered push does not post it again.
 */
import type { Logger } from "pino";
import type { GitHubClient, RepoRef } from "../github/client.js";
import { messageOf, statusOf } from "../github/client.js";
import { CONFIG_PATH } from "./load-config.js";

export const CONFIG_CHECK_NAME = "tasksync / config";

export async function reportConfigError(
  gh: GitHubClient,
  repo: RepoRef,
  headSha: string,
  errors: string[],
  log: Logger,
): Promise<void> {
  try {
    const existing = await gh.request("GET /repos/{owner}/{repo}/commits/{ref}/check-runs", {
      ...repo,
      ref: headSha,
      check_name: CONFIG_CHECK_NAME,
    });
    if (existing.data.total_count > 0) return;
    await gh.request("POST /repos/{owner}/{repo}/check-runs", {
      ...repo,
      name: CONFIG_CHECK_NAME,
      head_sha: headSha,
      status: "completed",
      conclusion: "failure",
      output: {
        title: `${CONFIG_PATH} is not valid`,
        summary: [
          `tasksync did not sync this push because its configuration has ${errors.length === 1 ? "an error" : `${errors.length} errors`}:`,
          "",
          ...errors.map((e) => `- ${e}`),
          "",
          "Nothing that was already synced was changed. Fix the file and push again.",
        ].join("\n"),
      },
    });
  } catch (error) {
    const status = statusOf(error);
    if (status !== 403 && status !== 404) throw error;
    // No `checks: write` (e.g. a workflow token): the errors are still in the log.
    log.warn({ status, error: messageOf(error) }, "could not report the configuration errors as a check run");
  }
}
