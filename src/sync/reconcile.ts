/**
 * One reconcile of a repository's task lists: parse → observe → plan → apply. The only place
 * where the pipeline's steps meet I/O. Returns the plans and what applying them did.
 */
import type { Logger } from "pino";
import type { TasksyncConfig } from "../config/schema.js";
import type { GitHubClient, RepoRef } from "../github/client.js";
import { statusOf } from "../github/client.js";
import { countRequests } from "../github/request-counter.js";
import { readBlob, type TreeFile } from "../github/repo-files.js";
import { listTaskLists } from "../github/task-list-files.js";
import { hasErrors, type TaskDocument } from "../tasks/model.js";
import { parseTaskList } from "../tasks/parse-tasks.js";
import { applyPlan, emptyReport, type ApplyReport } from "./apply.js";
import { trackingKey } from "./marker.js";
import { describeOperation, operationLogFields } from "./operations.js";
import { observeBlockedBy, observeDiagnosticsComment, observeIssues, observeLabels } from "./observe.js";
import type { ObservedLabel } from "./plan-labels.js";
import { linkReadsNeeded, planFile, prepareFile, type Plan } from "./plan.js";
import type { LinkedIssue } from "./plan-links.js";
import type { RepoContext } from "./repo-context.js";
import { hasSubIssues, hostCapabilities, type HostCapabilities } from "../github/host-capabilities.js";
import type { ContentBudget } from "../github/pacing-budget.js";

export interface ReconcileRequest {
  gh: GitHubClient;
  ctx: RepoContext;
  config: TasksyncConfig;
  /** The commit to read the task lists at. */
  commitSha: string;
  /** Only these task lists (paths); all when omitted. */
  only?: string[];
  /** Reconcile a list even when its recorded version is the current one. */
  force: boolean;
  /** Plan only: log what would be done, write nothing. */
  dryRun?: boolean;
  log: Logger;
  /** Pause between writes, in ms. */
  pauseMs: number;
  /** The installation's content-creation budget, spent before every write (none: unpaced). */
  budget?: ContentBudget;
}

export interface ReconcileResult {
  plans: Plan[];
  report: ApplyReport;
  /** Task lists left alone because their recorded version is current. */
  upToDate: string[];
  reads: number;
  writes: number;
}

async function readDoc(gh: GitHubClient, repo: RepoRef, path: string, sha: string): Promise<TaskDocument | null> {
  try {
    return parseTaskList(path, await readBlob(gh, repo, sha));
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}

function addReports(a: ApplyReport, b: ApplyReport): ApplyReport {
  return {
    created: a.created + b.created,
    updated: a.updated + b.updated,
    closed: a.closed + b.closed,
    reopened: a.reopened + b.reopened,
    linked: a.linked + b.linked,
    unlinked: a.unlinked + b.unlinked,
    commented: a.commented + b.commented,
    labels: a.labels + b.labels,
    skipped: [...a.skipped, ...b.skipped],
    writes: a.writes + b.writes,
  };
}

export async function reconcile(request: ReconcileRequest): Promise<ReconcileResult> {
  const { ctx, config, log } = request;
  const { client: gh, counts } = countRequests(request.gh);
  const repo: RepoRef = { owner: ctx.owner, repo: ctx.repo };
  const wanted = (path: string): boolean => request.only === undefined || request.only.includes(path);

  const files = (await listTaskLists(gh, repo, request.commitSha, config.paths)).filter((f) => wanted(f.path));
  const issues = await observeIssues(gh, repo, config.labels.tasksync.name);
  let labels: Map<string, ObservedLabel> | undefined; // read once, when a list needs planning
  let host: HostCapabilities | undefined; // learned once per host, when a list needs planning
  const present = new Set(files.map((f) => f.path));
  const gone: TreeFile[] = issues
    .filter((i) => i.marker.kind === "tracking" && i.state === "open" && !present.has(i.marker.path) && wanted(i.marker.path))
    .map((i) => ({ path: i.marker.path, sha: "" }));

  const plans: Plan[] = [];
  const upToDate: string[] = [];
  let report = emptyReport();
  for (const file of [...files, ...gone]) {
    let flog = log.child({ file: file.path });
    const tracking = issues.find((i) => i.key === trackingKey(file.path));
    const recorded = tracking?.marker.kind === "tracking" ? tracking.marker : undefined;
    if (!request.force && file.sha !== "" && recorded?.sha === file.sha && recorded.diag === undefined) {
      upToDate.push(file.path);
      continue;
    }
    const doc = file.sha === "" ? null : await readDoc(gh, repo, file.path, file.sha);
    if (doc) flog = flog.child({ feature: doc.feature.id });
    const baseline = !recorded?.sha ? null : recorded.sha === file.sha ? doc : await readDoc(gh, repo, file.path, recorded.sha);
    labels ??= await observeLabels(gh, repo);
    host ??= await hostCapabilities(gh, log);
    const observed = { issues, labels };
    const planHost = { subIssues: hasSubIssues(host), dependencies: host.dependencies };
    const base = { path: file.path, doc, baseline, blobSha: file.sha, commitSha: request.commitSha, config, ctx, host: planHost };
    const blockedBy = new Map<string, LinkedIssue[]>();
    const prepared = prepareFile({ ...base, observed });
    for (const read of linkReadsNeeded(doc, prepared)) {
      blockedBy.set(read.key, await observeBlockedBy(gh, repo, read.number));
    }
    const needsComment = tracking && doc && (hasErrors(doc) || recorded?.diag !== undefined);
    const diagnosticsComment = needsComment ? await observeDiagnosticsComment(gh, repo, tracking.number) : undefined;
    const plan = planFile({
      ...base,
      observed: { ...observed, blockedBy, ...(diagnosticsComment === undefined ? {} : { diagnosticsComment }) },
    }, prepared);
    plans.push(plan);
    flog.info({ operations: plan.operations.length, unchanged: plan.unchanged }, "planned");
    if (plan.blockedByErrors) flog.warn("task list has errors: only its diagnostics are posted");
    if (request.dryRun) {
      for (const op of plan.operations) flog.info(operationLogFields(op), `would ${describeOperation(op)}`);
      continue;
    }
    report = addReports(report, await applyPlan(plan, {
      gh,
      repo,
      log: flog,
      pauseMs: request.pauseMs,
      host,
      labelIds: new Map([...labels].flatMap(([name, l]) => (l.nodeId === undefined ? [] : [[name, l.nodeId] as const]))),
      ...(request.budget === undefined ? {} : { budget: request.budget }),
    }));
    for (const op of plan.operations) {
      if (op.kind === "ensure-label") labels.set(op.name.toLowerCase(), { ...labels.get(op.name.toLowerCase()), name: op.name, color: op.color });
    }
  }
  log.info(
    {
      created: report.created,
      updated: report.updated,
      closed: report.closed,
      reopened: report.reopened,
      linked: report.linked,
      unlinked: report.unlinked,
      commented: report.commented,
      labels: report.labels,
      unchanged: plans.reduce((n, p) => n + p.unchanged, 0),
      upToDate: upToDate.length,
      reads: counts.reads,
      writes: counts.writes,
    },
    request.dryRun ? "dry run done" : "reconcile done",
  );
  return { plans, report, upToDate, reads: counts.reads, writes: counts.writes };
}
