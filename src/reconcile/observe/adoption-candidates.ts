/**
 * Observe for `adopt: true` (reads only): the repository's open issues that are not tasksync's,
 * listed once per reconcile and only when some task has no issue yet; the write access of the
 * authors of those that look like a task, asked once per login per reconcile; then
 * {@link decideAdoptions} over every list's unissued tasks at once, so an id repeated across
 * features is decided by the text with all its candidates in view.
 */
import type { Logger } from "pino";
import { statusOf, type GitHubClient, type RepoRef } from "../../github/client.js";
import { GITHUB_LIMITS } from "../../github/limits.js";
import { paginate } from "../../github/paginate.js";
import { hasWriteAccess } from "../../github/write-access.js";
import { taskKey, type TaskMarker } from "../../identity/marker.js";
import { textHash } from "../../identity/task-text.js";
import type { TaskDocument } from "../../tasks/model.js";
import {
  decideAdoptions,
  qualifyingPairs,
  type AdoptionCandidate,
  type AdoptionDiagnostic,
  type AdoptionTask,
} from "./adopt-match.js";
import { toTrackedIssue, type RestIssue, type TrackedIssue } from "./tracked-issues.js";

/** What one list adopts: the issues as they are now, keyed as the tasks they become; and what it could not adopt. */
export interface ListAdoptions {
  issues: TrackedIssue[];
  diagnostics: string[];
}

export const NO_ADOPTIONS: ListAdoptions = { issues: [], diagnostics: [] };

/** The tasks of a list that no trusted issue carries yet. */
export function unissuedTasks(doc: TaskDocument, trusted: readonly TrackedIssue[]): AdoptionTask[] {
  const keys = new Set(trusted.map((i) => i.key));
  return doc.tasks
    .map((t) => ({ key: taskKey(doc.path, t.id), path: doc.path, id: t.id, description: t.description }))
    .filter((t) => !keys.has(t.key));
}

export interface AdoptionRequest {
  gh: GitHubClient;
  repo: RepoRef;
  /** The issues already trusted as tasksync's (never candidates). */
  trusted: readonly TrackedIssue[];
  /** Every list being reconciled that has tasks without an issue. */
  docs: readonly TaskDocument[];
  log: Logger;
}

/** Per list path, what it adopts (lists with nothing to adopt are absent). */
export async function observeAdoptions(request: AdoptionRequest): Promise<Map<string, ListAdoptions>> {
  const { gh, repo, log } = request;
  const tasks = request.docs.flatMap((doc) => unissuedTasks(doc, request.trusted));
  const out = new Map<string, ListAdoptions>();
  if (tasks.length === 0) return out;
  const known = new Set(request.trusted.map((i) => i.number));
  const raw = (
    (await paginate((page) =>
      gh.request("GET /repos/{owner}/{repo}/issues", {
        ...repo,
        state: "open",
        per_page: GITHUB_LIMITS.perPage,
        page,
      }),
    )) as RestIssue[]
  ).filter((i) => i.pull_request === undefined && i.state === "open" && !known.has(i.number));
  const candidates: AdoptionCandidate[] = raw.map((i) => ({
    number: i.number,
    title: i.title,
    body: i.body ?? "",
    author: i.user?.login ?? null,
  }));
  const writers = new Map<string, boolean>(); // per login, for this reconcile
  for (const pair of qualifyingPairs(tasks, candidates)) {
    const login = pair.issue.author;
    if (login === null || writers.has(login.toLowerCase())) continue;
    writers.set(login.toLowerCase(), await canWrite(gh, repo, login));
  }
  const decision = decideAdoptions(tasks, candidates, (login) => writers.get(login.toLowerCase()) === true);
  const entry = (path: string): ListAdoptions => {
    let list = out.get(path);
    if (!list) out.set(path, (list = { issues: [], diagnostics: [] }));
    return list;
  };
  for (const { task, issue } of decision.adoptions) {
    const rest = raw.find((i) => i.number === issue.number);
    const marker: TaskMarker = {
      kind: "task",
      path: task.path,
      id: task.id,
      text: textHash(task.description),
      adopted: true,
    };
    const tracked = rest ? toTrackedIssue(rest, marker) : null;
    if (tracked) entry(task.path).issues.push(tracked);
    log.info({ file: task.path, task: task.id, issue: issue.number }, "an existing issue matches a task: adopting it");
  }
  for (const d of decision.diagnostics) for (const path of d.paths) entry(path).diagnostics.push(d.message);
  logDiagnostics(log, decision.diagnostics);
  return out;
}

function logDiagnostics(log: Logger, diagnostics: readonly AdoptionDiagnostic[]): void {
  for (const d of diagnostics) log.warn({ kind: d.kind, diagnostic: d.message }, "an issue was not adopted");
}

/** Write access; a login GitHub does not know (404) has none. */
async function canWrite(gh: GitHubClient, repo: RepoRef, login: string): Promise<boolean> {
  try {
    return await hasWriteAccess(gh, repo, login);
  } catch (error) {
    if (statusOf(error) === 404) return false;
    throw error;
  }
}
