/**
 * issues.closed / issues.reopened on a task's issue → tick / untick the task in its task list.
 * Guards (a task marker; not tasksync's own close or reopen, which followed the file), then adds
 * the event to its task list's batch; the first event of a batch queues the one job that writes
 * it, on the repository's queue, so a write-back and a sync never interleave. Answers at once.
 */
import type { Probot } from "probot";
import { learnBotLogin } from "../app/bot-login.js";
import type { AppRuntime } from "../app/runtime.js";
import { guardedClient } from "../github/guarded-client.js";
import { parseMarker } from "../sync/marker.js";
import { TickBatcher } from "../writeback/tick-batcher.js";
import { issueChange } from "../writeback/tick-change.js";
import { runWriteBack, type WriteBackJob } from "../writeback/write-back-job.js";
import { writeBackData, writeBackJob } from "../writeback/write-back-kind.js";
import { jobEnv } from "../queue/job-env.js";

interface Sender {
  login: string;
  type: string;
}

/** tasksync's own bot: it closes and reopens issues itself when the file changes. */
export function isOwnBot(sender: Sender, botLogin: string | undefined): boolean {
  if (sender.type !== "Bot" || !sender.login.endsWith("[bot]")) return false;
  return botLogin === undefined || sender.login === botLogin;
}

export interface IssuesHandlerOptions {
  batcher?: TickBatcher;
  /** The reconcile run after a write-back commit (handler tests stub it). */
  reconcile?: WriteBackJob["reconcile"];
}

export function registerIssuesHandler(app: Probot, runtime: AppRuntime, options: IssuesHandlerOptions = {}): void {
  const batcher = options.batcher ?? new TickBatcher();
  app.on(["issues.closed", "issues.reopened"], async (context) => {
    const { action, issue, repository, sender } = context.payload;
    const marker = parseMarker(issue.body);
    if (marker?.kind !== "task") return; // not a task's issue (phase and tracking issues are no tasks)
    const log = context.log.child({ delivery: context.id, repo: repository.full_name, file: marker.path, task: marker.id, issue: issue.number });
    if (marker.removed) {
      log.debug("write-back ignored: the task left its list");
      return;
    }
    const botLogin = sender.type === "Bot" ? await learnBotLogin(app, runtime, log) : runtime.botLogin;
    if (isOwnBot(sender, botLogin)) {
      log.debug({ sender: sender.login }, "write-back ignored: tasksync's own change");
      return;
    }
    const change = issueChange(action, issue.state_reason);
    const repoKey = repository.full_name;
    const tick = { taskId: marker.id, issueNumber: issue.number, change, text: marker.text };
    // A shared queue carries the batch as data: each event is then a batch of its own.
    const { batch, opened } = (runtime.queue.shared ? new TickBatcher() : batcher).add(repoKey, marker.path, tick, context.id);
    log.info({ change, batchSize: batch.ticks.size }, opened ? "write-back batch opened" : "write-back batch joined");
    if (!opened) return;
    const ctx = {
      owner: repository.owner.login,
      repo: repository.name,
      htmlUrl: repository.html_url,
      defaultBranch: repository.default_branch,
    };
    const gh = guardedClient(context.octokit, log);
    const jobLog = context.log.child({ repo: repoKey });
    const job = writeBackJob.job(writeBackData(ctx, batch), jobEnv(context, runtime, jobLog));
    runtime.queue
      .push(repoKey, {
        ...job,
        run: () => runWriteBack({ gh, ctx, batch, batcher, runtime, log: jobLog, ...(options.reconcile ? { reconcile: options.reconcile } : {}) }),
      })
      .catch((error: unknown) => jobLog.error({ err: error, file: marker.path }, "write-back failed; close or reopen the issue again to retry"));
  });
}
