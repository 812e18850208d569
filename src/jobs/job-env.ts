/** The job environment of a webhook: its installation's client and id, and a logger. */
import type { Logger } from "pino";
import type { AppRuntime } from "../app/runtime.js";
import type { GitHubClient } from "../github/client.js";
import type { JobEnv } from "./job-kind.js";

interface WebhookContext {
  octokit: GitHubClient;
  payload: { installation?: { id: number } | undefined };
}

export function jobEnv(context: WebhookContext, runtime: AppRuntime, log: Logger): JobEnv {
  const installationId = context.payload.installation?.id;
  return { octokit: context.octokit, runtime, log, ...(installationId === undefined ? {} : { installationId }) };
}
