/**
 * The GitHub Action's entry (bundled into dist/action/index.js, which action.yml runs): reads
 * the inputs and the workflow's event, runs it through the app's pipeline, and writes the
 * outputs, the job summary and the step's verdict.
 */
import { readFileSync } from "node:fs";
import * as core from "@actions/core";
import { actionLog } from "./action-log.js";
import type { EventPayload } from "./event-trigger.js";
import { renderSummary, verdictOf } from "./job-summary.js";
import { runAction } from "./run-action.js";
import { WRITE_KINDS } from "./write-kinds.js";

async function main(env: NodeJS.ProcessEnv): Promise<void> {
  const token = core.getInput("github-token") || env.GITHUB_TOKEN || "";
  if (!token) throw new Error("no token: set the `github-token` input (it defaults to the workflow's `github.token`)");
  const repository = env.GITHUB_REPOSITORY ?? "";
  if (!/^[^/\s]+\/[^/\s]+$/.test(repository))
    throw new Error("GITHUB_REPOSITORY is not set: run tasksync as a step of a GitHub Actions workflow");
  const eventName = env.GITHUB_EVENT_NAME ?? "";
  const payload = (
    env.GITHUB_EVENT_PATH ? JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, "utf8")) : {}
  ) as EventPayload;
  const { log, problems } = actionLog(env.LOG_LEVEL ?? (core.isDebug() ? "debug" : "info"));
  const configPath = core.getInput("config");
  const outcome = await runAction({
    token,
    apiUrl: env.GITHUB_API_URL ?? "https://api.github.com",
    repository,
    eventName,
    payload,
    runId: `${env.GITHUB_RUN_ID ?? "local"}-${env.GITHUB_RUN_ATTEMPT ?? "1"}`,
    ...(configPath ? { configPath } : {}),
    writePauseMs: Number(env.TASKSYNC_WRITE_PAUSE_MS ?? 1000),
    throttle: env.TASKSYNC_THROTTLE !== "off",
    log,
  });
  const { counts } = outcome.recorder;
  for (const kind of WRITE_KINDS) core.setOutput(kind, counts[kind]);
  core.setOutput(
    "changed",
    WRITE_KINDS.filter((k) => k !== "checks").reduce((n, k) => n + counts[k], 0),
  );
  const verdict = verdictOf(outcome);
  const summary = renderSummary(outcome, verdict, problems);
  if (env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(summary).write();
  else process.stdout.write(summary);
  if (verdict.failure) core.setFailed(verdict.failure);
}

main(process.env).catch((error: unknown) =>
  core.setFailed(`tasksync: ${error instanceof Error ? error.message : String(error)}`),
);
