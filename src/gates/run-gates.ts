/**
 * One evaluation of the gates for a pull request (I/O orchestration): config → check run in
 * progress → the PR's changed files → the task lists it concerns at base and head → tracked
 * issues (states and links) → closing references → the pure gates → the completed check run.
 */
import type { Logger } from "pino";
import { loadConfig } from "../config/load-config.js";
import { matchesAny } from "../config/path-match.js";
import type { TasksyncConfig } from "../config/schema.js";
import type { GitHubClient, RepoRef } from "../github/client.js";
import { messageOf } from "../github/client.js";
import { listTaskLists } from "../reconcile/observe/task-list-files.js";
import { issueTrust, trustedIssues } from "../identity/trust.js";
import { listTrackedIssues, type TrackedIssue } from "../reconcile/observe/tracked-issues.js";
import type { Marker } from "../identity/marker.js";
import type { RepoContext } from "../github/repo-context.js";
import { annotationsOf } from "./report/annotations.js";
import { completeCheckRun, reportCheck, startCheckRun } from "./report/check-run.js";
import { closingIssues } from "./read/closing-issues.js";
import { verdictOf, type GateConclusion } from "./conclusion.js";
import { DoneTasks } from "./rules/done-tasks.js";
import { evaluateGates, touchesTasks } from "./evaluate-gates.js";
import type { GateResult } from "./gate-model.js";
import { featureIdOfPath, loadFeatures, type ListToLoad } from "./read/load-features.js";
import { listPullFiles } from "./read/pull-files.js";
import type { PullInfo } from "./read/pull-info.js";
import { prWork } from "./rules/pr-work.js";
import { renderOutput } from "./report/render-summary.js";
import { blobLineUrl } from "./report/task-links.js";
import { featuresNamedBy, taskRefsOf, type RangedTaskRef } from "./rules/task-refs.js";

export interface GatesRequest {
  gh: GitHubClient;
  ctx: RepoContext;
  pull: PullInfo;
  log: Logger;
  /** The login tasksync's issues are opened as: issues by anyone else are not task issues (see sync/trust.ts). */
  author?: string;
}

export type GatesOutcome =
  | { kind: "disabled" }
  | { kind: "bad-config"; errors: string[] }
  | { kind: "checked"; conclusion: GateConclusion; results: GateResult[]; worked: string[] };

export async function runGates(request: GatesRequest): Promise<GatesOutcome> {
  const { gh, ctx, pull, log } = request;
  const repo: RepoRef = { owner: ctx.owner, repo: ctx.repo };
  const loaded = await loadConfig(gh, repo, pull.baseRef);
  if (!loaded.ok) {
    log.warn({ errors: loaded.errors, pull: pull.number }, "configuration is not valid: gates check failed");
    await reportCheck(gh, repo, pull.headSha, String(pull.number), "failure", {
      title: "Configuration is not valid",
      summary: [
        `tasksync could not check this pull request: its configuration has ${loaded.errors.length === 1 ? "an error" : `${loaded.errors.length} errors`}:`,
        "",
        ...loaded.errors.map((e) => `- ${e}`),
        "",
        `Fix the file on \`${pull.baseRef}\`, then re-run this check.`,
      ].join("\n"),
    });
    return { kind: "bad-config", errors: loaded.errors };
  }
  const config = loaded.config;
  if (!config.gates.enabled) {
    log.debug({ pull: pull.number }, "gates disabled in the configuration");
    return { kind: "disabled" };
  }
  const checkRunId = await startCheckRun(gh, repo, pull.headSha, String(pull.number));
  try {
    return await evaluate(request, config, checkRunId);
  } catch (error) {
    try {
      await completeCheckRun(gh, repo, checkRunId, "failure", {
        title: "tasksync could not evaluate the gates",
        summary: `tasksync failed while checking this pull request: ${messageOf(error)}\n\nRe-run the check to try again.`,
      });
    } catch (reportError) {
      log.error({ err: reportError, pull: pull.number }, "could not mark the gates check as failed");
    }
    throw error;
  }
}

async function evaluate(request: GatesRequest, config: TasksyncConfig, checkRunId: number): Promise<GatesOutcome> {
  const { gh, ctx, pull, log } = request;
  const repo: RepoRef = { owner: ctx.owner, repo: ctx.repo };
  const changed = (await listPullFiles(gh, repo, pull.number)).filter((f) => matchesAny(f.path, config.paths));
  const refs = taskRefsOf(pull.title, pull.headRef);
  const trust = issueTrust(config.labels.tasksync.name, request.author);
  const tracked = trustedIssues(
    await listTrackedIssues(gh, repo, config.labels.tasksync.name),
    trust,
    log,
    `${ctx.owner}/${ctx.repo}`,
  );
  const closingNumbers =
    pull.baseRef === ctx.defaultBranch ? await closingIssues(gh, repo, pull.number, pull.body, log) : [];
  const closing = closingMarkers(tracked, closingNumbers);

  const lists: ListToLoad[] = changed.map((f) => ({ path: f.path, basePath: f.basePath, changed: true }));
  const want = (path: string): void => {
    if (!lists.some((l) => l.path === path)) lists.push({ path, basePath: path, changed: false });
  };
  for (const marker of closing) want(marker.path);
  let branchFeatures: string[] = [];
  if (refs.length > 0) {
    const all = (await listTaskLists(gh, repo, pull.headSha, config.paths)).map((f) => f.path);
    branchFeatures = featuresNamedBy(pull.headRef, [...new Set(all.map(featureIdOfPath))]);
    for (const path of listsForRefs(refs, all, branchFeatures, changed.length > 0)) want(path);
  }

  const features = await loadFeatures(gh, repo, lists, pull.baseRef, pull.headSha);
  const { worked, unresolved } = prWork({ features, refs, closing, branchFeatures });
  const doneIssues = new Set(tracked.filter(closedAsCompleted).map((i) => i.key));
  const results = evaluateGates({ features, worked, doneIssues, config: config.gates, body: pull.body });
  const touched = touchesTasks(features, worked);
  const verdict = verdictOf(results, config.gates.mode, touched);
  const links = {
    issueUrls: new Map(tracked.filter((i) => i.marker.kind === "task").map((i) => [i.key, i.htmlUrl])),
    fileUrl: (path: string, line: number) => blobLineUrl(ctx.htmlUrl, pull.headSha, path, line),
  };
  const output = renderOutput({
    results,
    features,
    worked,
    unresolved,
    done: new DoneTasks(features, doneIssues),
    links,
    mode: config.gates.mode,
    touched,
  });
  await completeCheckRun(gh, repo, checkRunId, verdict.conclusion, {
    title: verdict.title,
    summary: output.summary,
    ...(output.text === null ? {} : { text: output.text }),
    annotations: touched ? annotationsOf(results, config.gates.mode) : [],
  });
  const failed = results.filter((r) => !r.passed).map((r) => r.gate);
  log.info({ pull: pull.number, conclusion: verdict.conclusion, failed, worked: worked.length }, "gates evaluated");
  return { kind: "checked", conclusion: verdict.conclusion, results, worked: worked.map((w) => `${w.path}#${w.id}`) };
}

function closedAsCompleted(issue: TrackedIssue): boolean {
  return (
    issue.marker.kind === "task" &&
    issue.state === "closed" &&
    (issue.stateReason === null || issue.stateReason === "completed")
  );
}

function closingMarkers(tracked: readonly TrackedIssue[], numbers: readonly number[]): Marker[] {
  return tracked.filter((i) => numbers.includes(i.number) && i.marker.kind !== "tracking").map((i) => i.marker);
}

/**
 * The task lists title/branch ids may point into: lists of the features named ("001-x/T012"),
 * and for bare ids when the PR changes no list, the branch's feature or the repository's only list.
 */
function listsForRefs(
  refs: readonly RangedTaskRef[],
  all: readonly string[],
  branchFeatures: readonly string[],
  changesLists: boolean,
): string[] {
  const out = new Set<string>();
  const ofFeature = (id: string): string[] => all.filter((p) => featureIdOfPath(p).toLowerCase() === id.toLowerCase());
  let bare = false;
  for (const ref of refs) {
    const named = ref.feature === null ? [] : ofFeature(ref.feature);
    if (named.length > 0) named.forEach((p) => out.add(p));
    else bare = true;
  }
  if (bare && !changesLists) {
    const fromBranch = branchFeatures.flatMap(ofFeature);
    for (const p of fromBranch.length > 0 ? fromBranch : all.length === 1 ? all : []) out.add(p);
  }
  return [...out];
}
