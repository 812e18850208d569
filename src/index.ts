/** The Probot app: wiring only. Each handler guards, then hands plain values to the pipeline. */
import { budgetWindowsFromEnv, MemoryContentBudget } from "./github/pacing-budget.js";
import type { ApplicationFunction } from "probot";
import { drainOnStop } from "./app/drain-on-stop.js";
import { healthHandler } from "./app/health.js";
import { durableJobRunner } from "./jobs/job-kinds.js";
import { engineSettingsFromEnv, settingsFromEnv, type AppRuntime } from "./app/runtime.js";
import { registerCommentHandler } from "./handlers/on-issue-comment.js";
import { registerInstallationHandlers } from "./handlers/on-installation.js";
import { registerIssuesHandler } from "./handlers/on-issues.js";
import { registerIssueEditedHandler } from "./handlers/on-issue-edited.js";
import { registerPullRequestHandlers } from "./handlers/on-pull-request.js";
import { registerPullRequestProjectHandler } from "./handlers/on-pull-request-project.js";
import { registerPushHandler } from "./handlers/on-push.js";
import { createQueue } from "./queue/create-queue.js";
import { sweepOnStart } from "./handlers/on-startup.js";

/** The runtime the environment asks for: an in-memory queue, or Redis when REDIS_URL is set. */
export function createRuntime(env: NodeJS.ProcessEnv = process.env): AppRuntime {
  const windows = budgetWindowsFromEnv(env);
  const { queue, shared, budget } = createQueue(engineSettingsFromEnv(env), undefined, windows);
  return {
    queue,
    settings: settingsFromEnv(env),
    ownCommits: new Set(),
    budget: budget ?? new MemoryContentBudget(windows),
    ...(shared ? { shared } : {}),
  };
}

export interface AppOptions {
  /** On SIGTERM, let queued work finish (up to TASKSYNC_DRAIN_MS, default 9 s) before exiting. */
  drainOnStop?: boolean;
  /** At start, reconcile every repository of every installation (repairs what a killed process left undone). */
  sweepOnStart?: boolean;
}

/** Builds the app around a runtime (tests pass their own to wait on its queue). */
export function tasksyncApp(runtime: AppRuntime = createRuntime(), appOptions: AppOptions = {}): ApplicationFunction {
  return (app, options) => {
    registerPushHandler(app, runtime);
    registerInstallationHandlers(app, runtime);
    registerCommentHandler(app, runtime);
    registerIssuesHandler(app, runtime);
    registerIssueEditedHandler(app, runtime);
    registerPullRequestHandlers(app, runtime);
    registerPullRequestProjectHandler(app, runtime);
    try {
      options.addHandler(healthHandler(runtime.queue));
    } catch {
      app.log.debug("no HTTP server (Probot loaded without one): /healthz not served");
    }
    runtime.queue.start(durableJobRunner(app, runtime), app.log);
    if (appOptions.drainOnStop) drainOnStop(runtime.queue, app.log, runtime.settings.drainMs);
    if (appOptions.sweepOnStart) {
      sweepOnStart(app, runtime).catch((error: unknown) =>
        app.log.error({ err: error }, "start-up sweep failed; each repository reconciles on its next event"),
      );
    }
    app.log.info("tasksync loaded");
  };
}

/** What `probot run` loads (npm start, the Docker image). */
export default tasksyncApp(createRuntime(), { drainOnStop: true, sweepOnStart: true });
