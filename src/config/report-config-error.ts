/**
 * A bad `.github/tasksync.yml` must reach the user, not only the logs: it becomes a failed
 * check run on the commit that was pushed, naming each key at fault.
 */
import type { GitHubClient, RepoRef } from "../github/client.js";
import { CONFIG_PATH } from "./load-config.js";

export const CONFIG_CHECK_NAME = "tasksync / config";

export async function reportConfigError(gh: GitHubClient, repo: RepoRef, headSha: string, errors: string[]): Promise<void> {
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
}
