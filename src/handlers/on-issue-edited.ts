/**
 * issues.edited on a phase issue's body (one issue per phase) → "reconcile this repository soon",
 * like a close of a task's issue. The event carries no state: the reconcile reads the checklist as
 * it is then. Guards: a phase marker in an issue tasksync itself opened; a body edit that changed
 * the checklist's boxes (text elsewhere in the body is not a trigger); not tasksync's own edit;
 * an editor with write access to the repository (GitHub lets only such people edit an issue
 * someone else opened — the same rule that lets them close a task's issue; an edit by anyone
 * else is logged and changes nothing). Answers at once.
 */
import type { Probot } from "probot";
import type { AppRuntime } from "../app/runtime.js";
import { requireFields } from "./payload-guard.js";
import { hasWriteAccess } from "../github/write-access.js";
import { parseMarker } from "../identity/marker.js";
import { checklistDigestEntry, readChecklist } from "../reconcile/render/phase-checklist.js";
import { ownIssueChangedByOthers, reconcileAfter } from "./on-issues.js";

/** Whether a body edit changed the boxes of a checklist (from `changes.body.from` to the body now). */
export function checklistChanged(before: string | undefined, after: string | null | undefined): boolean {
  if (before === undefined) return false; // not a body edit
  const a = readChecklist(before);
  const b = readChecklist(after ?? "");
  if (a === null && b === null) return false;
  return a === null || b === null || checklistDigestEntry(a) !== checklistDigestEntry(b);
}

export function registerIssueEditedHandler(app: Probot, runtime: AppRuntime): void {
  app.on("issues.edited", async (context) => {
    requireFields("issues", context.payload, [
      "issue.number",
      "issue.user.login",
      "repository.name",
      "repository.full_name",
      "repository.owner.login",
      "repository.html_url",
      "sender.login",
    ]);
    const { issue, repository, sender, changes } = context.payload;
    const marker = parseMarker(issue.body);
    if (marker?.kind !== "phase" || !checklistChanged(changes.body?.from, issue.body)) return;
    const log = context.log.child({
      delivery: context.id,
      repo: repository.full_name,
      file: marker.path,
      phase: marker.phase,
      issue: issue.number,
    });
    const own = await ownIssueChangedByOthers(app, runtime, context.payload, log);
    if (!own) return;
    if (
      !(await hasWriteAccess(context.octokit, { owner: repository.owner.login, repo: repository.name }, sender.login))
    ) {
      log.warn({ sender: sender.login }, "ignored a phase checklist edit: the editor has no write access");
      return;
    }
    log.info({ sender: sender.login }, "phase checklist edited: reconciling soon");
    reconcileAfter(runtime, context.octokit, context.payload, own.botLogin, log);
  });
}
