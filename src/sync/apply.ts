/**
 * The only writer: carries out a plan's operations one at a time, in order, with a pause
 * between writes. Known answers are handled by status (422 "already exists" is success, 404 on
 * an unlink is success); anything else propagates so the job fails loudly and runs again.
 */
import type { Logger } from "pino";
import type { GitHubClient, RepoRef } from "../github/client.js";
import { messageOf, statusOf } from "../github/client.js";
import { describeOperation, operationLogFields, type Operation } from "./operations.js";
import type { IssueRef, Plan } from "./plan.js";
import { sleep } from "../util/sleep.js";
import { writeCheckboxes, type FileWrite } from "../writeback/write-checkboxes.js";
import { findComment, findCreatedIssue, isAmbiguous, SEND_ONCE } from "./ambiguous-write.js";
import type { IssueTrust } from "./trust.js";

export interface ApplyOptions {
  gh: GitHubClient;
  repo: RepoRef;
  log: Logger;
  /** Pause between two writes, in ms. */
  pauseMs: number;
  /** The default branch, where file edits are committed. */
  branch?: string;
  /** Which issues are tasksync's: to find, after a create that failed without an answer, the issue it opened after all. */
  trust?: IssueTrust;
  /** When the reconcile began (ms since the epoch); now by default. */
  startedAt?: number;
}

export interface ApplyReport {
  created: number;
  updated: number;
  closed: number;
  reopened: number;
  linked: number;
  unlinked: number;
  commented: number;
  labels: number;
  /** Operations GitHub refused for a known, non-fatal reason (a limit), with the reason. */
  skipped: Array<{ op: string; why: string }>;
  /** Requests sent. */
  writes: number;
  /** What a `write-checkboxes` operation did to the file. */
  file?: FileWrite;
}

export const emptyReport = (): ApplyReport => ({
  created: 0,
  updated: 0,
  closed: 0,
  reopened: 0,
  linked: 0,
  unlinked: 0,
  commented: 0,
  labels: 0,
  skipped: [],
  writes: 0,
});


function isAlreadyThere(error: unknown): boolean {
  const message = messageOf(error).toLowerCase();
  const errors = (error as { response?: { data?: { errors?: Array<{ code?: string; message?: string }> } } }).response?.data?.errors ?? [];
  return (
    message.includes("already") ||
    errors.some((e) => e.code === "already_exists" || (e.message ?? "").toLowerCase().includes("already"))
  );
}

export async function applyPlan(plan: Plan, options: ApplyOptions): Promise<ApplyReport> {
  const { gh, repo, log } = options;
  const refs = new Map<string, IssueRef>(plan.refs);
  const report = emptyReport();
  const ref = (key: string): IssueRef => {
    const found = refs.get(key);
    if (!found) throw new Error(`tasksync: no issue for ${key} (an earlier operation should have created it)`);
    return found;
  };
  let first = true;
  const startedAt = options.startedAt ?? Date.now();

  for (const op of plan.operations) {
    if (!first && options.pauseMs > 0) await sleep(options.pauseMs);
    first = false;
    report.writes += 1;
    try {
      await applyOne(op);
      log.info(operationLogFields(op), describeOperation(op));
    } catch (error) {
      const status = statusOf(error);
      if (status === 422 && (op.kind === "add-sub-issue" || op.kind === "add-blocked-by")) {
        if (isAlreadyThere(error)) continue;
        report.skipped.push({ op: describeOperation(op), why: messageOf(error) });
        log.warn({ ...operationLogFields(op), status, error: messageOf(error) }, "GitHub refused a link");
        continue;
      }
      if (status === 404 && op.kind === "remove-blocked-by") continue;
      throw error;
    }
  }
  return report;

  async function applyOne(op: Operation): Promise<void> {
    switch (op.kind) {
      case "ensure-label": {
        try {
          if (op.exists) {
            await gh.request("PATCH /repos/{owner}/{repo}/labels/{name}", { ...repo, name: op.name, color: op.color });
          } else {
            await gh.request("POST /repos/{owner}/{repo}/labels", { ...repo, name: op.name, color: op.color });
          }
          report.labels += 1;
        } catch (error) {
          if (!(statusOf(error) === 422 && isAlreadyThere(error))) throw error;
        }
        return;
      }
      case "create-issue": {
        const send = () => gh.request("POST /repos/{owner}/{repo}/issues", { ...repo, title: op.title, body: op.body, labels: op.labels, ...SEND_ONCE });
        let created: IssueRef;
        try {
          const response = await send();
          created = { number: response.data.number, id: Number(response.data.id) };
        } catch (error) {
          if (!isAmbiguous(error) || !options.trust) throw error;
          // GitHub may have opened it: look before opening another.
          const found = await findCreatedIssue(gh, repo, op.key, options.trust, startedAt);
          log.warn({ ...operationLogFields(op), status: statusOf(error), found: found?.number ?? null }, "creating an issue failed without an answer: looked for it");
          const response = found ? null : await send();
          created = found ? { number: found.number, id: found.id } : { number: response!.data.number, id: Number(response!.data.id) };
        }
        refs.set(op.key, created);
        report.created += 1;
        return;
      }
      case "update-issue": {
        const number = op.number ?? ref(op.key).number;
        await gh.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
          ...repo,
          issue_number: number,
          ...(op.title !== undefined ? { title: op.title } : {}),
          ...(op.body !== undefined ? { body: op.body } : {}),
          ...(op.labels !== undefined ? { labels: op.labels } : {}),
          ...(op.state !== undefined ? { state: op.state } : {}),
          ...(op.stateReason !== undefined ? { state_reason: op.stateReason } : {}),
        });
        if (op.state === "closed") report.closed += 1;
        else if (op.state === "open") report.reopened += 1;
        else report.updated += 1;
        return;
      }
      case "add-sub-issue":
        await gh.request("POST /repos/{owner}/{repo}/issues/{issue_number}/sub_issues", {
          ...repo,
          issue_number: ref(op.parentKey).number,
          sub_issue_id: ref(op.key).id,
          ...(op.replaceParent ? { replace_parent: true } : {}),
        });
        report.linked += 1;
        return;
      case "add-blocked-by":
        await gh.request("POST /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by", {
          ...repo,
          issue_number: ref(op.key).number,
          issue_id: ref(op.blockerKey).id,
        });
        report.linked += 1;
        return;
      case "remove-blocked-by":
        await gh.request("DELETE /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by/{issue_id}", {
          ...repo,
          issue_number: ref(op.key).number,
          issue_id: op.blockerId,
        });
        report.unlinked += 1;
        return;
      case "comment": {
        const issueNumber = ref(op.key).number;
        const send = () => gh.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { ...repo, issue_number: issueNumber, body: op.body, ...SEND_ONCE });
        try {
          await send();
        } catch (error) {
          if (!isAmbiguous(error)) throw error;
          const there = await findComment(gh, repo, issueNumber, op.body, options.trust?.author, startedAt);
          log.warn({ ...operationLogFields(op), status: statusOf(error), there }, "commenting failed without an answer: looked for the comment");
          if (!there) await send();
        }
        report.commented += 1;
        return;
      }
      case "write-checkboxes": {
        if (!options.branch) throw new Error("tasksync: a file edit needs the default branch");
        report.file = await writeCheckboxes({ gh, repo, branch: options.branch, path: op.path, changes: op.changes, log });
        return;
      }
      case "update-comment":
        await gh.request("PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", {
          ...repo,
          comment_id: op.commentId,
          body: op.body,
        });
        report.commented += 1;
        return;
    }
  }
}
