/**
 * pull_request (opened, synchronize, reopened, edited, ready_for_review) and check_run
 * rerequested → the `tasksync / gates` check. Answers the webhook at once; the gates run as a
 * queued job, one per pull request at a time (a newer waiting run replaces an older one).
 * Also registers the re-checks (on-gates-recheck.ts).
 */
import type { Probot } from "probot";
import { learnBotLogin } from "../app/bot-login.js";
import type { AppRuntime } from "../app/runtime.js";
import { GATES_CHECK_NAME } from "../gates/gate-model.js";
import { pullInfoOf } from "../gates/read/pull-info.js";
import { queueGates, repoContextOf } from "../jobs/gates-job.js";
import { jobEnv } from "../jobs/job-env.js";
import { registerGatesRecheckHandlers } from "../jobs/gates-recheck-job.js";

export const PULL_REQUEST_ACTIONS = [
  "pull_request.opened",
  "pull_request.synchronize",
  "pull_request.reopened",
  "pull_request.edited",
  "pull_request.ready_for_review",
] as const;

export function registerPullRequestHandlers(app: Probot, runtime: AppRuntime): void {
  registerGatesRecheckHandlers(app, runtime);
  app.on([...PULL_REQUEST_ACTIONS], async (context) => {
    const { pull_request: pr, repository } = context.payload;
    const log = context.log.child({ delivery: context.id, repo: repository.full_name, job: "gates" });
    if (pr.state !== "open") {
      log.debug({ pull: pr.number }, "gates not run: the pull request is closed");
      return;
    }
    await learnBotLogin(app, runtime, log); // whose issues the gates trust
    queueGates(jobEnv(context, runtime, log), repoContextOf(repository), pullInfoOf(pr)).catch((error: unknown) =>
      log.error({ err: error, pull: pr.number }, "gates check failed; it runs again on the next push or re-run"),
    );
  });

  app.on("check_run.rerequested", async (context) => {
    const { check_run: run, repository } = context.payload;
    if (run.name !== GATES_CHECK_NAME) return;
    const log = context.log.child({ delivery: context.id, repo: repository.full_name, job: "gates" });
    const numbers = run.pull_requests.map((p) => p.number);
    if (numbers.length === 0 && run.external_id !== null && /^\d+$/.test(run.external_id))
      numbers.push(Number(run.external_id));
    if (numbers.length === 0) {
      log.info({ checkRun: run.id }, "gates re-run ignored: the check run names no pull request");
      return;
    }
    for (const number of numbers) {
      log.info({ pull: number }, "gates re-run requested");
      await learnBotLogin(app, runtime, log);
      queueGates(jobEnv(context, runtime, log), repoContextOf(repository), number).catch((error: unknown) =>
        log.error({ err: error, pull: number }, "gates check failed; it runs again on the next push or re-run"),
      );
    }
  });
}
