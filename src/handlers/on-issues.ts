/**
 * issues.closed / issues.reopened on a task's issue → "reconcile this repository soon". The event
 * carries no state: the reconcile reads the issue and the file as they are then, so a reordered,
 * repeated or lost event changes nothing. Guards: a task marker; an issue tasksync itself opened
 * (a marker copied into someone else's issue is ignored, and logged); not tasksync's own close or
 * reopen (which followed the file). An issue whose marker says a person opened it and tasksync
 * adopted it triggers the reconcile too: the reconcile trusts it only when its list's record names
 * it ({@link isAdoptedIssue}), so a pasted marker gets no further than a look. Answers at once.
 */
import type { Logger } from "pino";
import type { Probot } from "probot";
import type { GitHubClient } from "../github/client.js";
import { learnBotLogin } from "../app/bot-login.js";
import type { AppRuntime } from "../app/runtime.js";
import { requireFields } from "./payload-guard.js";
import { repoContextOf } from "../jobs/gates-job.js";
import { parseMarker } from "../identity/marker.js";
import { reportUntrusted } from "../identity/trust.js";
import { installationOf, reconcileSoon } from "../jobs/reconcile-soon.js";

interface User {
  login: string;
  type?: string;
}

/** tasksync's own bot (when its login is not known, any app's bot — never a person). */
export function isOwnBot(user: User | null | undefined, botLogin: string | undefined): boolean {
  if (!user || user.type !== "Bot" || !user.login.endsWith("[bot]")) return false;
  return botLogin === undefined || user.login === botLogin;
}

/**
 * The author tasksync's own issues carry: its bot, or — for the Action run with a person's token —
 * that person. Without a known login, any app's bot (never a person).
 */
export function isOwnAuthor(user: User | null | undefined, botLogin: string | undefined): boolean {
  if (!user) return false;
  if (botLogin === undefined) return isOwnBot(user, undefined);
  return user.login.toLowerCase() === botLogin.toLowerCase();
}

export function registerIssuesHandler(app: Probot, runtime: AppRuntime): void {
  app.on(["issues.closed", "issues.reopened"], async (context) => {
    requireFields("issues", context.payload, [
      "issue.number",
      "issue.user.login",
      "repository.name",
      "repository.full_name",
      "repository.owner.login",
      "repository.html_url",
      "sender.login",
    ]);
    const { action, issue, repository, sender } = context.payload;
    const marker = parseMarker(issue.body);
    if (marker?.kind !== "task") return; // not a task's issue (phase and tracking issues are no tasks)
    const log = context.log.child({
      delivery: context.id,
      repo: repository.full_name,
      file: marker.path,
      task: marker.id,
      issue: issue.number,
    });
    const own = await ownIssueChangedByOthers(app, runtime, context.payload, log, marker.adopted === true);
    if (!own) return;
    log.info(
      { action, stateReason: issue.state_reason ?? null, sender: sender.login },
      "task issue changed: reconciling soon",
    );
    reconcileAfter(runtime, context.octokit, context.payload, own.botLogin, log);
  });
}

interface IssueEvent {
  issue: { number: number; user: User | null };
  repository: Parameters<typeof repoContextOf>[0] & { full_name: string };
  sender: User;
  installation?: { id: number } | undefined;
}

/** The guards every issue trigger shares: an issue tasksync opened (else logged once), changed by someone else. Null: stop. */
export async function ownIssueChangedByOthers(
  app: Probot,
  runtime: AppRuntime,
  payload: IssueEvent,
  log: Logger,
  /** The issue's marker says tasksync adopted it: any author (the reconcile checks its list's record). */
  claimsAdoption = false,
): Promise<{ botLogin: string | undefined } | null> {
  const { issue, repository, sender } = payload;
  const botLogin = await learnBotLogin(app, runtime, log);
  if (!claimsAdoption && !isOwnAuthor(issue.user, botLogin)) {
    reportUntrusted(log, repository.full_name, { number: issue.number, author: issue.user?.login ?? null });
    return null;
  }
  // Only a bot's own changes are skipped: with a person's token, that person's own changes count.
  if (isOwnBot(sender, botLogin)) {
    log.debug({ sender: sender.login }, "ignored: tasksync's own change");
    return null;
  }
  return { botLogin };
}

/** "Reconcile this repository soon", after the issue events' debounce. */
export function reconcileAfter(
  runtime: AppRuntime,
  octokit: GitHubClient,
  payload: IssueEvent,
  botLogin: string | undefined,
  log: Logger,
): void {
  reconcileSoon(
    runtime,
    octokit,
    repoContextOf(payload.repository),
    { reason: "issues", debounce: true, ...(botLogin ? { author: botLogin } : {}), ...installationOf(payload) },
    log,
  ).catch((error: unknown) => log.error({ err: error }, "reconcile failed; it runs again on the next event"));
}
