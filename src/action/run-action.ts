/**
 * The Action's front door: the workflow's event goes to the app's own handlers (Probot's
 * `receive`, with a client that uses the workflow's token), or, for a manual or scheduled run,
 * to the app's full sync. Nothing here decides what to sync: the handlers and the pipeline do,
 * exactly as in the hosted app. This file waits for the queued work to end and collects what
 * happened.
 */
import type { Logger } from "pino";
import { Probot, ProbotOctokit } from "probot";
import type { AppRuntime } from "../app/runtime.js";
import { budgetWindowsFromEnv, MemoryContentBudget } from "../github/pacing-budget.js";
import { queueFullSync } from "../handlers/on-installation.js";
import { tasksyncApp } from "../index.js";
import { sleep } from "../util/sleep.js";
import { describeTrigger, fromFork, type EventPayload } from "./event-trigger.js";
import { RecordingQueue } from "./recording-queue.js";
import { RequestRecorder } from "./request-recorder.js";
import { ACTIONS_BOT, tokenLogin } from "./token-login.js";

/** Events that go to the app's webhook handlers, by the name the handlers listen to. */
const WEBHOOK_EVENTS: Record<string, string> = {
  push: "push",
  issues: "issues",
  issue_comment: "issue_comment",
  pull_request: "pull_request",
  // Runs with a token that may write even for pull requests from forks (the base branch's code runs).
  pull_request_target: "pull_request",
};

/** Events that reconcile every task list of the repository. */
const FULL_SYNC_EVENTS = new Set(["workflow_dispatch", "schedule", "repository_dispatch"]);

export interface ActionRequest {
  token: string;
  apiUrl: string;
  /** owner/name (GITHUB_REPOSITORY). */
  repository: string;
  eventName: string;
  payload: EventPayload;
  /** A delivery id for the logs (the run id). */
  runId: string;
  configPath?: string;
  /** Pause between writes in ms (TASKSYNC_WRITE_PAUSE_MS). */
  writePauseMs: number;
  /** Probot's request throttling (on unless TASKSYNC_THROTTLE=off; tests against the emulator turn it off). */
  throttle: boolean;
  log: Logger;
}

export interface ActionOutcome {
  trigger: string;
  /** false when tasksync does nothing on this event. */
  acted: boolean;
  fork: boolean;
  recorder: RequestRecorder;
  failures: string[];
}

async function settled(queue: RecordingQueue, recorder: RequestRecorder): Promise<void> {
  // Jobs can queue jobs, and a handler may send a last request after its job (a reaction).
  while (queue.size() > 0 || recorder.pending() > 0) {
    await Promise.race([queue.onIdle(), sleep(50)]);
    await sleep(10);
  }
}

function messageOfError(error: unknown): string {
  if (error instanceof AggregateError) return error.errors.map(messageOfError).join("; ");
  return error instanceof Error ? error.message : String(error);
}

export async function runAction(request: ActionRequest): Promise<ActionOutcome> {
  const { log } = request;
  const recorder = new RequestRecorder(request.configPath);
  const queue = new RecordingQueue();
  const runtime: AppRuntime = {
    queue,
    // One event per run: a write-back has no other closes to wait for.
    settings: { writePauseMs: request.writePauseMs, drainMs: 0, batchWindowMs: 0 },
    ownCommits: new Set(),
    botLogin: ACTIONS_BOT,
    // The workflow token's content-creation limits are GitHub's too (TASKSYNC_CONTENT_PER_MINUTE/_PER_HOUR).
    budget: new MemoryContentBudget(budgetWindowsFromEnv(process.env)),
  };
  const octokitLog = {
    debug: (message: string) => log.debug(message),
    info: (message: string) => log.debug(message),
    warn: (message: string) => log.warn(message),
    // A failed request is reported by whatever the pipeline does with its error, not here too.
    error: (message: string) => log.debug(message),
  };
  const Octokit = ProbotOctokit.plugin(recorder.plugin).defaults((options: Record<string, unknown>) => ({
    ...options,
    log: octokitLog,
    ...(request.throttle ? {} : { throttle: { enabled: false } }),
  }));
  const probot = new Probot({ githubToken: request.token, baseUrl: request.apiUrl, log, Octokit });
  await probot.load(tasksyncApp(runtime));
  // Trust follows the token: github-actions[bot] for the workflow's token, the person for a PAT.
  runtime.botLogin = await tokenLogin(await probot.auth(), log);

  const trigger = describeTrigger(request.eventName, request.payload);
  const failures: string[] = [];
  const name = WEBHOOK_EVENTS[request.eventName];
  let acted = true;
  try {
    if (name !== undefined) {
      // The workflow's token is the client: no installation to authenticate as.
      const { installation: _installation, ...payload } = request.payload;
      await probot.receive({ id: request.runId, name, payload } as unknown as Parameters<Probot["receive"]>[0]);
    } else if (FULL_SYNC_EVENTS.has(request.eventName)) {
      const gh = await probot.auth();
      await queueFullSync(probot, runtime, gh, request.repository, log.child({ repo: request.repository }));
    } else {
      acted = false;
      log.info({ event: request.eventName }, "tasksync does nothing on this event");
    }
  } catch (error) {
    // A queued job's failure is in queue.failures already; anything else is recorded here.
    if (queue.failures.every((f) => f.error !== error)) failures.push(messageOfError(error));
  }
  await settled(queue, recorder);
  failures.push(...queue.failures.map((f) => `${f.job}: ${messageOfError(f.error)}`));
  return { trigger, acted, fork: fromFork(request.payload), recorder, failures };
}
