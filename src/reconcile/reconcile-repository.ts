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
import { listTaskLists } from "./observe/task-list-files.js";
import type { TaskDocument } from "../tasks/model.js";
import { parseTaskListOffThread } from "../tasks/parse-off-thread.js";
import { emptyReport, type ApplyReport } from "./apply/apply-plan.js";
import { observedStatesDigest } from "./three-way/issue-states.js";
import { trackingKey } from "../identity/marker.js";
import { observeIssues, observeLabels } from "./observe/observe.js";
import type { ObservedLabel } from "./observe/observed.js";
import type { Plan } from "./plan/plan-list.js";
import { reconcileFile } from "./reconcile-list.js";
import type { RepoContext } from "../github/repo-context.js";
import { hostCapabilities, type HostCapabilities } from "../github/host-capabilities.js";
import type { ContentBudget } from "../github/pacing-budget.js";
import { issueTrust, trustedIssues } from "../identity/trust.js";
import { syncProject, type ProjectSyncResult } from "./projects/project-sync.js";
import { IssueFieldsObserver } from "./observe/observe-issue-fields.js";
import { observeAdoptions, type ListAdoptions } from "./observe/adoption-candidates.js";

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
  /** The login tasksync's issues are opened as (`<app-slug>[bot]`): issues by anyone else are ignored. */
  author?: string;
  /** Called with each commit tasksync writes (file edits that follow the issues). */
  onCommit?: (commitSha: string) => void | Promise<void>;
  /** A user's client for `agents.dispatch: copilot` (GitHub assigns the agent only with a user token). */
  agentGh?: GitHubClient;
  /** Tasks a person asked to hand to an agent (`/tasksync dispatch T012`), by task list path. */
  redispatch?: { path: string; ids: string[] };
}

export interface ReconcileResult {
  plans: Plan[];
  report: ApplyReport;
  /** Task lists left alone because their recorded version is current. */
  upToDate: string[];
  reads: number;
  writes: number;
  /** What the GitHub Projects step did (only with config `project`). */
  project?: ProjectSyncResult;
}

async function readDoc(gh: GitHubClient, repo: RepoRef, path: string, sha: string): Promise<TaskDocument | null> {
  try {
    return await parseTaskListOffThread(path, await readBlob(gh, repo, sha));
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
    ...(a.handedOut !== undefined || b.handedOut !== undefined
      ? { handedOut: (a.handedOut ?? 0) + (b.handedOut ?? 0) }
      : {}),
  };
}

export async function reconcile(request: ReconcileRequest): Promise<ReconcileResult> {
  const { ctx, config, log } = request;
  const startedAt = Date.now();
  const { client: gh, counts } = countRequests(request.gh);
  const repo: RepoRef = { owner: ctx.owner, repo: ctx.repo };
  const wanted = (path: string): boolean => request.only === undefined || request.only.includes(path);

  const files = (await listTaskLists(gh, repo, request.commitSha, config.paths)).filter((f) => wanted(f.path));
  const trust = issueTrust(config.labels.tasksync.name, request.author);
  const issues = trustedIssues(await observeIssues(gh, repo, trust.label), trust, log, `${ctx.owner}/${ctx.repo}`);
  let labels: Map<string, ObservedLabel> | undefined; // read once, when a list needs planning
  let host: HostCapabilities | undefined; // learned once per host, when a list needs planning
  let fields: IssueFieldsObserver | undefined; // milestones, assignability, issue types
  const present = new Set(files.map((f) => f.path));
  const gone: TreeFile[] = issues
    .filter(
      (i) => i.marker.kind === "tracking" && i.state === "open" && !present.has(i.marker.path) && wanted(i.marker.path),
    )
    .map((i) => ({ path: i.marker.path, sha: "" }));

  const plans: Plan[] = [];
  const upToDate: string[] = [];
  let report = emptyReport();
  const lists: Array<{ path: string; doc: TaskDocument | null | undefined }> = []; // undefined: up to date, not read
  const recordOf = (path: string) => {
    const tracking = issues.find((i) => i.key === trackingKey(path));
    return tracking?.marker.kind === "tracking" ? tracking.marker : undefined;
  };
  // Up to date: the file is the one last reconciled and no task issue changed state since.
  const isUpToDate = (file: TreeFile): boolean => {
    const recorded = recordOf(file.path);
    const issuesAsLeft = recorded?.states !== undefined && recorded.states === observedStatesDigest(issues, file.path);
    const sameGranularity = (recorded?.granularity ?? "task") === config.issues.granularity; // a switch resyncs the list
    return (
      !request.force &&
      file.sha !== "" &&
      recorded?.sha === file.sha &&
      recorded.diag === undefined &&
      issuesAsLeft &&
      sameGranularity
    );
  };
  const docs = new Map<string, TaskDocument | null>();
  const docOf = async (file: TreeFile): Promise<TaskDocument | null> => {
    if (!docs.has(file.path))
      docs.set(file.path, file.sha === "" ? null : await readDoc(gh, repo, file.path, file.sha));
    return docs.get(file.path) ?? null;
  };
  // adopt: every list's tasks without an issue are matched at once (an id may repeat across features)
  let adoptions = new Map<string, ListAdoptions>();
  if (config.adopt && config.issues.granularity === "task") {
    const pending: TaskDocument[] = [];
    for (const file of files) {
      const doc = isUpToDate(file) ? null : await docOf(file);
      if (doc) pending.push(doc);
    }
    adoptions = await observeAdoptions({ gh, repo, trusted: issues, docs: pending, log });
  }
  for (const file of [...files, ...gone]) {
    let flog = log.child({ file: file.path });
    const recorded = recordOf(file.path);
    if (isUpToDate(file)) {
      upToDate.push(file.path);
      lists.push({ path: file.path, doc: undefined });
      continue;
    }
    const doc = await docOf(file);
    lists.push({ path: file.path, doc });
    if (doc) flog = flog.child({ feature: doc.feature.id });
    const baseline = !recorded?.sha
      ? null
      : recorded.sha === file.sha
        ? doc
        : await readDoc(gh, repo, file.path, recorded.sha);
    labels ??= await observeLabels(gh, repo);
    host ??= await hostCapabilities(gh, log);
    fields ??= new IssueFieldsObserver(gh, repo, host, log, trust.author);
    const outcome = await reconcileFile({
      gh,
      ctx,
      config,
      path: file.path,
      doc,
      blobSha: file.sha,
      commitSha: request.commitSha,
      baseline,
      issues,
      labels,
      host,
      ...(request.budget === undefined ? {} : { budget: request.budget }),
      trust,
      startedAt,
      dryRun: request.dryRun === true,
      pauseMs: request.pauseMs,
      log: flog,
      ...(request.onCommit ? { onCommit: request.onCommit } : {}),
      fields,
      ...(request.agentGh ? { agentGh: request.agentGh } : {}),
      ...(request.redispatch?.path === file.path ? { redispatch: new Set(request.redispatch.ids) } : {}),
      ...(config.adopt ? { adoptions: adoptions.get(file.path) ?? { issues: [], diagnostics: [] } } : {}),
    });
    plans.push(...outcome.plans);
    report = addReports(report, outcome.report);
  }
  const project = config.project === "" ? undefined : await projectStep(config.project);
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
  return { plans, report, upToDate, reads: counts.reads, writes: counts.writes, ...(project ? { project } : {}) };

  /** The project follows the issues as they now are (re-listed when this reconcile wrote). */
  async function projectStep(ref: string): Promise<ProjectSyncResult> {
    const docs = [];
    for (const list of lists) {
      const sha = files.find((f) => f.path === list.path)?.sha ?? "";
      docs.push({
        path: list.path,
        doc: list.doc !== undefined ? list.doc : sha === "" ? null : await readDoc(gh, repo, list.path, sha),
      });
    }
    const now =
      report.writes > 0
        ? trustedIssues(await observeIssues(gh, repo, trust.label), trust, log, `${ctx.owner}/${ctx.repo}`)
        : issues;
    return syncProject({
      gh,
      repo,
      project: ref,
      lists: docs,
      issues: now,
      dryRun: request.dryRun === true,
      pauseMs: request.pauseMs,
      ...(request.budget === undefined ? {} : { budget: request.budget }),
      log: log.child({ project: ref }),
    });
  }
}
