/**
 * The only writer: carries out a plan's operations one at a time, in order, with a pause
 * between writes, spending the content budget before each (paced-writes.ts). A new issue whose
 * parent link follows in the plan is created under its parent in one request (place-issues.ts).
 * A create or comment that fails without an answer (5xx, timeout) is looked for before it is
 * sent again (ambiguous-write.ts); a `write-checkboxes` commits the file that follows the issues.
 * Known answers are handled by status (422 "already exists" is success, 404 on an unlink is
 * success); anything else propagates so the job fails loudly and runs again.
 */
import type { Logger } from "pino";
import type { GitHubClient, RepoRef } from "../../github/client.js";
import { messageOf, statusOf } from "../../github/client.js";
import { describeOperation, operationLogFields, type Operation } from "../operations.js";
import type { IssueRef, Plan } from "../plan/plan-list.js";
import { sleep } from "../../util/sleep.js";
import { capabilitiesFor, dropCapability, type HostCapabilities } from "../../github/host-capabilities.js";
import type { CreatedIssue } from "./issue-writes.js";
import { IssuePlacement, isAlreadyThere } from "./place-issues.js";
import { UNLIMITED_BUDGET, type ContentBudget } from "../../github/pacing-budget.js";
import { hasIssueTokens, resolveIssueTokens, withoutTokens } from "../render/issue-ref-tokens.js";
import { ProgressReporter, type ProgressLine } from "./apply-progress.js";
import { PacedWrites } from "./paced-writes.js";
import { trackingKey } from "../../identity/marker.js";
import { withSyncProgress } from "../render/render-tracking-body.js";
import { writeCheckboxes, type FileWrite } from "./file/write-checkboxes.js";
import { findComment, isAmbiguous, SEND_ONCE } from "./ambiguous-write.js";
import type { IssueTrust } from "../../identity/trust.js";
import { IssueFieldWrites } from "./apply-issue-fields.js";
import { checklistUnchanged } from "./checklist-unchanged.js";
import { DispatchWrites } from "./apply-dispatch.js";
import { adoptIssue } from "./adopt-issue.js";

export interface ApplyOptions {
  gh: GitHubClient;
  repo: RepoRef;
  log: Logger;
  /** Pause between two writes, in ms. */
  pauseMs: number;
  /** What the GitHub host offers (default: github.com's table). */
  host?: HostCapabilities;
  /** Node ids of the repository's labels by lower-cased name, as observed (createIssue takes ids). */
  labelIds?: Map<string, string>;
  /** The content-creation budget spent before every write (default: none). */
  budget?: ContentBudget;
  /** Whose budget: the installation's account (default: the repository owner). */
  budgetKey?: string;
  /** How often a long apply logs its progress, in ms (default one minute). */
  progressEveryMs?: number;
  /** First wait after a server error on an idempotent write, doubled each time, in ms (default 1000). */
  serverErrorDelayMs?: number;
  /** The default branch, where file edits are committed. */
  branch?: string;
  /** Which issues are tasksync's: to find, after a create that failed without an answer, the issue it opened after all. */
  trust?: IssueTrust;
  /** When the reconcile began (ms since the epoch); now by default. */
  startedAt?: number;
  /** A user's client for dispatch: copilot (GitHub assigns the agent only with a user token). */
  agentGh?: GitHubClient;
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
  /** Tasks handed to an agent (a `repository_dispatch` whose answer was lost counts: it is recorded). */
  handedOut?: number;
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

export async function applyPlan(plan: Plan, options: ApplyOptions): Promise<ApplyReport> {
  const { gh, repo, log } = options;
  const host = options.host ?? capabilitiesFor(null);
  const refs = new Map<string, IssueRef>(plan.refs);
  const labelIds = new Map(options.labelIds ?? []);
  const report = emptyReport();
  const progress = new ProgressReporter(plan, log, options.progressEveryMs);
  const ref = (key: string): IssueRef => {
    const found = refs.get(key);
    if (!found) throw new Error(`tasksync: no issue for ${key} (an earlier operation should have created it)`);
    return found;
  };
  const numberOf = (key: string): number | undefined => refs.get(key)?.number;
  const writes = new PacedWrites(
    options.budget ?? UNLIMITED_BUDGET,
    options.budgetKey ?? repo.owner,
    log,
    options.serverErrorDelayMs,
  );
  const write = <T>(send: () => Promise<T>): Promise<T> => writes.once(send);
  const writeAgainOnServerError = <T>(send: () => Promise<T>): Promise<T> => writes.idempotent(send);
  const startedAt = options.startedAt ?? Date.now();
  const fieldWrites = new IssueFieldWrites({
    gh,
    repo,
    log,
    writes,
    ...(options.trust?.author === undefined ? {} : { author: options.trust.author }),
  });
  const dispatches = new DispatchWrites({
    gh,
    repo,
    log,
    writes,
    bodyToSend: (key, body) => bodyToSend(key, body),
    ...(options.agentGh === undefined ? {} : { agentGh: options.agentGh }),
    ...(options.trust?.author === undefined ? {} : { author: options.trust.author }),
  });
  const placement = new IssuePlacement({
    gh,
    repo,
    log,
    host,
    refs,
    labelIds,
    writes,
    startedAt,
    ...(options.trust ? { trust: options.trust } : {}),
  });

  // A new issue whose parent link follows in the plan is created under its parent in one request.
  const created = new Set(plan.operations.flatMap((op) => (op.kind === "create-issue" ? [op.key] : [])));
  const parentOf = new Map<string, string>();
  for (const op of plan.operations) {
    if (op.kind === "add-sub-issue" && created.has(op.key) && !op.replaceParent) parentOf.set(op.key, op.parentKey);
  }
  const linkedOnCreate = new Set<string>();
  // The tracking issue shows "sync in progress: done/total tasks" while a long sync runs.
  const tracking = trackingKey(plan.path);
  let trackingBody: string | undefined; // as last written by this apply
  let progressShown = false;
  /** Bodies written with tokens of issues not created yet: rewritten once every issue exists. */
  const pending = new Map<string, string>();

  /** Keys of issues whose adoption was left for the next reconcile: nothing else is done to them now. */
  const skippedKeys = new Set<string>();
  let first = true;
  for (const op of plan.operations) {
    if ("key" in op && skippedKeys.has(op.key)) continue;
    if (op.kind === "add-blocked-by" && skippedKeys.has(op.blockerKey)) continue;
    if (op.kind === "add-sub-issue" && skippedKeys.has(op.parentKey)) continue;
    if (op.kind === "add-sub-issue" && linkedOnCreate.has(op.key)) {
      report.linked += 1;
      log.info(operationLogFields(op), `${describeOperation(op)} (with its creation)`);
      await showProgress(progress.done(op));
      continue;
    }
    if (!first && options.pauseMs > 0) await sleep(options.pauseMs);
    first = false;
    try {
      await applyOne(op);
      log.info(operationLogFields(op), describeOperation(op));
    } catch (error) {
      const status = statusOf(error);
      if (status === 422 && (op.kind === "add-sub-issue" || op.kind === "add-blocked-by")) {
        if (!isAlreadyThere(error)) {
          report.skipped.push({ op: describeOperation(op), why: messageOf(error) });
          log.warn({ ...operationLogFields(op), status, error: messageOf(error) }, "GitHub refused a link");
        }
      } else if (!(status === 404 && op.kind === "remove-blocked-by")) {
        throw error;
      }
    }
    await showProgress(progress.done(op));
  }
  if (progressShown && trackingBody !== undefined && refs.has(tracking)) {
    const body = withSyncProgress(trackingBody, null);
    await writeAgainOnServerError(() =>
      gh.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
        ...repo,
        issue_number: ref(tracking).number,
        body,
      }),
    );
  }
  for (const [key, body] of pending) {
    await writeAgainOnServerError(() =>
      gh.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
        ...repo,
        issue_number: ref(key).number,
        body: withoutTokens(resolveIssueTokens(body, numberOf)),
      }),
    );
    report.updated += 1;
  }
  progress.finish();
  report.writes = writes.sent;
  return report;

  /** Every period of a long apply: the tracking issue's body says how far the sync is. */
  async function showProgress(line: ProgressLine | null): Promise<void> {
    if (line === null || line.total === 0 || !refs.has(tracking)) return;
    if (trackingBody === undefined) {
      const { data } = await gh.request("GET /repos/{owner}/{repo}/issues/{issue_number}", {
        ...repo,
        issue_number: ref(tracking).number,
      });
      trackingBody = data.body ?? "";
    }
    trackingBody = withSyncProgress(trackingBody, line);
    const body = trackingBody;
    await writeAgainOnServerError(() =>
      gh.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
        ...repo,
        issue_number: ref(tracking).number,
        body,
      }),
    );
    progressShown = true;
  }

  /** The body to send now; remembered for a second write when it names issues not created yet. */
  function bodyToSend(key: string, body: string): string {
    const resolved = resolveIssueTokens(body, numberOf);
    if (hasIssueTokens(resolved)) pending.set(key, body);
    else pending.delete(key);
    return resolved;
  }

  async function createIssue(op: Extract<Operation, { kind: "create-issue" }>): Promise<CreatedIssue> {
    let body = bodyToSend(op.key, op.body);
    if (op.key === tracking && progress.line().total > 0) {
      // A first sync: the tracking issue says so from its creation until the last write.
      body = withSyncProgress(body, progress.line());
      trackingBody = body;
      progressShown = true;
    }
    const { made, linked } = await placement.create(
      op.key,
      { title: op.title, body, labels: op.labels },
      parentOf.get(op.key),
    );
    if (linked) linkedOnCreate.add(op.key);
    return made;
  }

  async function addSubIssue(op: Extract<Operation, { kind: "add-sub-issue" }>): Promise<void> {
    const outcome = await placement.link(op.key, op.parentKey, op.replaceParent);
    if (outcome === "linked") report.linked += 1;
    if (outcome === "none")
      log.info(operationLogFields(op), "the host has no sub-issues: the hierarchy lives in the parents' task lists");
  }

  async function applyOne(op: Operation): Promise<void> {
    switch (op.kind) {
      case "ensure-label": {
        try {
          if (op.exists) {
            await writeAgainOnServerError(() =>
              gh.request("PATCH /repos/{owner}/{repo}/labels/{name}", { ...repo, name: op.name, color: op.color }),
            );
          } else {
            const { data } = await writeAgainOnServerError(() =>
              gh.request("POST /repos/{owner}/{repo}/labels", { ...repo, name: op.name, color: op.color }),
            );
            if (typeof data?.node_id === "string") labelIds.set(op.name.toLowerCase(), data.node_id);
          }
          report.labels += 1;
        } catch (error) {
          if (!(statusOf(error) === 422 && isAlreadyThere(error))) throw error;
        }
        return;
      }
      case "create-issue": {
        const made = await createIssue(op);
        refs.set(op.key, { number: made.number, id: made.id, nodeId: made.nodeId });
        report.created += 1;
        return;
      }
      case "update-issue": {
        const number = op.number ?? ref(op.key).number;
        if (op.checklistSeen !== undefined && !(await checklistUnchanged(gh, repo, number, op.checklistSeen))) {
          report.skipped.push({
            op: describeOperation(op),
            why: "its checklist was edited on GitHub since it was read",
          });
          log.info(operationLogFields(op), "a phase checklist changed since it was read: left for the next reconcile");
          return;
        }
        const body = op.body === undefined ? undefined : bodyToSend(op.key, op.body);
        if (op.key === tracking && body !== undefined) {
          trackingBody = body;
          progressShown = false;
        }
        await writeAgainOnServerError(() =>
          gh.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
            ...repo,
            issue_number: number,
            ...(op.title !== undefined ? { title: op.title } : {}),
            ...(body !== undefined ? { body } : {}),
            ...(op.labels !== undefined ? { labels: op.labels } : {}),
            ...(op.state !== undefined ? { state: op.state } : {}),
            ...(op.stateReason !== undefined ? { state_reason: op.stateReason } : {}),
          }),
        );
        if (op.state === "closed") report.closed += 1;
        else if (op.state === "open") report.reopened += 1;
        else report.updated += 1;
        return;
      }
      case "adopt-issue": {
        const why = await adoptIssue({ gh, repo, log, writes }, op, bodyToSend(op.key, op.body));
        if (why === null) report.updated += 1;
        else {
          report.skipped.push({ op: describeOperation(op), why });
          log.info(
            operationLogFields(op),
            "an issue changed since it was read: not adopted, left for the next reconcile",
          );
          // its sub-issue place and links wait for the reconcile that adopts it
          skippedKeys.add(op.key);
        }
        return;
      }
      case "add-sub-issue":
        await addSubIssue(op);
        return;
      case "ensure-milestone":
      case "set-issue-fields": {
        const skipped =
          op.kind === "ensure-milestone"
            ? await fieldWrites.ensureMilestone(op)
            : await fieldWrites.setFields(op, op.number ?? ref(op.key).number);
        if (skipped !== null) report.skipped.push({ op: describeOperation(op), why: skipped });
        else report.updated += 1;
        return;
      }
      case "add-blocked-by":
        if (!host.dependencies) return; // the body names its blockers instead
        try {
          await writeAgainOnServerError(() =>
            gh.request("POST /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by", {
              ...repo,
              issue_number: ref(op.key).number,
              issue_id: ref(op.blockerKey).id,
            }),
          );
        } catch (error) {
          if (!(statusOf(error) === 404 && host.kind === "ghes")) throw error;
          dropCapability(host, "dependencies", log, messageOf(error));
          return;
        }
        report.linked += 1;
        return;
      case "remove-blocked-by":
        if (!host.dependencies) return;
        await writeAgainOnServerError(() =>
          gh.request("DELETE /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by/{issue_id}", {
            ...repo,
            issue_number: ref(op.key).number,
            issue_id: op.blockerId,
          }),
        );
        report.unlinked += 1;
        return;
      case "comment": {
        const issueNumber = ref(op.key).number;
        const send = () =>
          write(() =>
            gh.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
              ...repo,
              issue_number: issueNumber,
              body: op.body,
              ...SEND_ONCE,
            }),
          );
        try {
          await send();
        } catch (error) {
          if (!isAmbiguous(error)) throw error;
          const there = await findComment(gh, repo, issueNumber, op.body, options.trust?.author, startedAt);
          log.warn(
            { ...operationLogFields(op), status: statusOf(error), there },
            "commenting failed without an answer: looked for the comment",
          );
          if (!there) await send();
        }
        report.commented += 1;
        return;
      }
      case "write-checkboxes": {
        if (!options.branch) throw new Error("tasksync: a file edit needs the default branch");
        const branch = options.branch;
        report.file = await write(() => writeCheckboxes({ gh, repo, branch, path: op.path, changes: op.changes, log }));
        return;
      }
      case "dispatch-task": {
        const outcome = await dispatches.dispatch(op);
        report.handedOut = (report.handedOut ?? 0) + 1;
        if (outcome !== "sent") log.info({ ...operationLogFields(op), outcome }, "hand-off settled without a new send");
        return;
      }
      case "update-comment":
        await writeAgainOnServerError(() =>
          gh.request("PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", {
            ...repo,
            comment_id: op.commentId,
            body: op.body,
          }),
        );
        report.commented += 1;
        return;
    }
  }
}
