/**
 * One task list's reconcile: observe what the plan needs, plan, apply. When the plan's first step
 * is a file edit (issues a person closed or reopened), apply commits it and the list is planned
 * again at that commit, so the issues and the recorded base follow the file that is now there.
 */
import type { Logger } from "pino";
import type { TasksyncConfig } from "../config/schema.js";
import type { GitHubClient, RepoRef } from "../github/client.js";
import type { TrackedIssue } from "./observe/tracked-issues.js";
import { hasErrors, type TaskDocument } from "../tasks/model.js";
import { parseTaskListOffThread } from "../tasks/parse-off-thread.js";
import { applyPlan, emptyReport, type ApplyReport } from "./apply/apply-plan.js";
import { trackingKey, type TrackingMarker } from "../identity/marker.js";
import { describeOperation, operationLogFields } from "./operations.js";
import { observeBlockedBy, observeDiagnosticsComment } from "./observe/observe.js";
import type { LinkedIssue, ObservedLabel } from "./observe/observed.js";
import { linkReadsNeeded, planFile, prepareFile, type Plan } from "./plan/plan-list.js";
import type { RepoContext } from "../github/repo-context.js";
import type { IssueTrust } from "../identity/trust.js";
import { hasSubIssues, type HostCapabilities } from "../github/host-capabilities.js";
import type { ContentBudget } from "../github/pacing-budget.js";
import { mayWarn, type IssueFieldsObserver } from "./observe/observe-issue-fields.js";
import { distrustedChecklists } from "./observe/checklist-editors.js";
import { pendingChecklists } from "./three-way/plan-phase-checklists.js";
import { observeFeatureFolder, observeHandoffComments } from "./observe/observe-handoffs.js";
import type { DispatchObservation } from "./dispatch/plan-dispatch.js";
import type { ListAdoptions } from "./observe/adoption-candidates.js";

export interface FileReconcile {
  gh: GitHubClient;
  ctx: RepoContext;
  config: TasksyncConfig;
  path: string;
  /** The list now (null: deleted), its blob sha and the commit it was read at. */
  doc: TaskDocument | null;
  blobSha: string;
  commitSha: string;
  /** The list as last reconciled. */
  baseline: TaskDocument | null;
  issues: TrackedIssue[];
  labels: Map<string, ObservedLabel>;
  /** What the GitHub host offers (learned once per reconcile). */
  host: HostCapabilities;
  /** The installation's content-creation budget, spent before every write (none: unpaced). */
  budget?: ContentBudget;
  trust: IssueTrust;
  startedAt: number;
  dryRun: boolean;
  pauseMs: number;
  log: Logger;
  /** Called with each commit tasksync writes (so its push is known as tasksync's own). */
  onCommit?: (commitSha: string) => void | Promise<void>;
  /** Observes milestones, assignability and issue types (none observed when absent). */
  fields?: IssueFieldsObserver;
  /** A user's client for dispatch: copilot (none: the agent cannot be assigned, and the plan says so). */
  agentGh?: GitHubClient;
  /** Task ids a person asked to hand to an agent with `/tasksync dispatch` (first pass only). */
  redispatch?: ReadonlySet<string>;
  /** Issues people opened that this list adopts, and why others were not (`adopt: true`). */
  adoptions?: ListAdoptions;
}

export interface FileOutcome {
  plans: Plan[];
  report: ApplyReport;
}

async function planOnce(request: FileReconcile): Promise<Plan> {
  const { gh, ctx, config, path, doc, labels } = request;
  const adopting = request.adoptions?.issues ?? [];
  const issues = adopting.length === 0 ? request.issues : [...request.issues, ...adopting];
  const repo: RepoRef = { owner: ctx.owner, repo: ctx.repo };
  const tracking = issues.find((i) => i.key === trackingKey(path));
  const recorded: TrackingMarker | undefined = tracking?.marker.kind === "tracking" ? tracking.marker : undefined;
  const host = { subIssues: hasSubIssues(request.host), dependencies: request.host.dependencies };
  const base = {
    path,
    doc,
    baseline: request.baseline,
    blobSha: request.blobSha,
    commitSha: request.commitSha,
    config,
    ctx,
    host,
  };
  const observed = { issues, labels };
  const prepared = prepareFile({ ...base, observed });
  const blockedBy = new Map<string, LinkedIssue[]>();
  for (const read of linkReadsNeeded(doc, prepared))
    blockedBy.set(read.key, await observeBlockedBy(gh, repo, read.number));
  const fields = request.fields && doc && !hasErrors(doc) ? await request.fields.observe(doc, config) : undefined;
  const noAgentToken = config.agents.dispatch === "copilot" && request.agentGh === undefined;
  const needsComment =
    tracking &&
    doc &&
    (hasErrors(doc) || recorded?.diag !== undefined || noAgentToken || (fields !== undefined && mayWarn(doc, fields)));
  const diagnosticsComment = needsComment ? await observeDiagnosticsComment(gh, repo, tracking.number) : undefined;
  const distrusted = await distrustedChecklists({
    gh,
    repo,
    pending: pendingChecklists(doc, request.baseline, prepared),
    trust: request.trust,
    log: request.log,
  });
  const dispatch: DispatchObservation = {
    agentToken: request.agentGh !== undefined,
    ...(request.trust.author === undefined ? {} : { botLogin: request.trust.author }),
  };
  const planWith = (seen: DispatchObservation): Plan =>
    planFile(
      {
        ...base,
        distrustedChecklists: distrusted,
        ...(request.redispatch ? { redispatch: request.redispatch } : {}),
        ...(request.adoptions
          ? {
              adopting: new Set(adopting.map((i) => i.number)),
              adoptionDiagnostics: request.adoptions.diagnostics,
            }
          : {}),
        observed: {
          ...observed,
          blockedBy,
          ...(diagnosticsComment === undefined ? {} : { diagnosticsComment }),
          ...(fields ? { fields } : {}),
          dispatch: seen,
        },
      },
      prepared,
    );
  if (config.agents.dispatch === "none") return planWith(dispatch);
  // The hand-offs read what they need, then plan again: the comments the plan names, then the folder.
  let plan = planWith(dispatch);
  const comments = new Map<string, number | null>();
  for (let round = 0; round < 2 && (plan.dispatchReads ?? []).length > 0; round += 1) {
    for (const [key, id] of await observeHandoffComments(
      gh,
      repo,
      plan.dispatchReads ?? [],
      issues,
      request.trust.author,
    ))
      comments.set(key, id);
    plan = planWith({ ...dispatch, comments });
  }
  if (plan.handsOut) {
    const folder = await observeFeatureFolder(gh, repo, path, request.commitSha);
    plan = planWith({ ...dispatch, comments, folder });
  }
  return plan;
}

export async function reconcileFile(request: FileReconcile): Promise<FileOutcome> {
  const { log } = request;
  const repo: RepoRef = { owner: request.ctx.owner, repo: request.ctx.repo };
  const plans: Plan[] = [];
  let report = emptyReport();
  let current = request;
  // At most one file edit per reconcile: the second pass plans the issues at the new commit.
  for (let pass = 1; pass <= 2; pass += 1) {
    const plan = await planOnce(current);
    plans.push(plan);
    log.info({ operations: plan.operations.length, unchanged: plan.unchanged, pass }, "planned");
    if (plan.blockedByErrors) log.warn("task list has errors: only its diagnostics are posted");
    else if (plan.held !== undefined && plan.held.length > 0)
      log.warn({ held: plan.held }, "task list has errors: the tasks they concern are held back");
    for (const note of plan.notes ?? []) log.info(note);
    for (const warning of plan.warnings ?? [])
      log.warn({ line: warning.line ?? null, warning: warning.message }, "part of the task list could not be applied");
    if (request.dryRun) {
      for (const op of plan.operations) log.info(operationLogFields(op), `would ${describeOperation(op)}`);
      return { plans, report };
    }
    const applied = await applyPlan(plan, {
      gh: request.gh,
      repo,
      log,
      pauseMs: request.pauseMs,
      branch: request.ctx.defaultBranch,
      trust: request.trust,
      startedAt: request.startedAt,
      host: request.host,
      labelIds: new Map(
        [...request.labels].flatMap(([name, l]) => (l.nodeId === undefined ? [] : [[name, l.nodeId] as const])),
      ),
      ...(request.budget === undefined ? {} : { budget: request.budget }),
      ...(request.agentGh === undefined ? {} : { agentGh: request.agentGh }),
    });
    if (current.redispatch !== undefined && !plan.operations.some((op) => op.kind === "write-checkboxes")) {
      current = { ...current }; // asked once: the second pass must not hand the task out again
      delete current.redispatch;
    }
    report = { ...applied, writes: report.writes + applied.writes };
    for (const op of plan.operations) {
      if (op.kind === "ensure-label")
        request.labels.set(op.name.toLowerCase(), {
          ...request.labels.get(op.name.toLowerCase()),
          name: op.name,
          color: op.color,
        });
    }
    const file = applied.file;
    if (file === undefined || pass === 2) return { plans, report };
    if (file.kind === "unchanged") {
      // The branch moved on since the commit read (it already says what the issues say): its push reconciles it.
      log.info("the task list changed meanwhile: its push reconciles it");
      return { plans, report };
    }
    if (file.kind === "held") {
      // A pull request carries the edit, or it cannot be written: the rest of the list still
      // follows the file; the edit is offered again whenever the list is next planned.
      log.info({ why: file.why }, "the task list was not written: planning its issues without the edit");
      current = {
        ...current,
        config: { ...current.config, writeBack: { ...current.config.writeBack, enabled: false } },
      };
      continue;
    }
    await request.onCommit?.(file.commitSha);
    current = {
      ...current,
      doc: await parseTaskListOffThread(request.path, file.text),
      blobSha: file.blobSha,
      commitSha: file.commitSha,
    };
  }
  return { plans, report };
}
