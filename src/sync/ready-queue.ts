/**
 * The ready queue as the planner sees it (pure): which tasks are ready, counting what the file
 * says and what the issues will say once this plan has run. An issue closed on GitHub counts as
 * settled before its tick lands in the file (and whatever the write-back does with it), so a
 * dependant gets the `ready` label in the same reconcile its blocker's issue was closed in.
 */
import type { TasksyncConfig } from "../config/schema.js";
import type { TrackedIssue } from "../github/tracked-issues.js";
import type { Task, TaskDocument } from "../tasks/model.js";
import type { DesiredIssue } from "./desired.js";
import type { DesiredLabel } from "./labels.js";
import { taskStateChange } from "./plan-state.js";
import { isSettled, taskReadiness, type TaskReadiness } from "./ready-tasks.js";
import { subTasks } from "./sub-tasks.js";

/** Readiness from the file alone: ticked, dropped, or a parent whose required sub-tasks are done. */
export function fileReadiness(doc: TaskDocument): Map<string, TaskReadiness> {
  const hierarchy = subTasks(doc);
  return taskReadiness(doc, (t) => isSettled(t) || hierarchy.isDone(t));
}

/** Whether a task's issue is closed once this plan has run (a closed issue's task is settled). */
function closedAfterPlan(d: DesiredIssue, issue: TrackedIssue | undefined, baseline: TaskDocument | null): boolean {
  if (!issue) return false;
  const change = taskStateChange(d, issue, baseline);
  return (change?.state ?? issue.state) === "closed";
}

/**
 * Readiness counting the issues too; null when it is the file's alone (the common case: the
 * desired state already computed stands).
 */
export function issueAwareReadiness(
  doc: TaskDocument,
  desired: readonly DesiredIssue[],
  matched: ReadonlyMap<string, TrackedIssue>,
  baseline: TaskDocument | null,
): Map<string, TaskReadiness> | null {
  const closed = new Set<Task>();
  for (const d of desired) {
    if (d.kind === "task" && d.task && !d.done && closedAfterPlan(d, matched.get(d.key), baseline)) closed.add(d.task);
  }
  if (closed.size === 0) return null;
  const hierarchy = subTasks(doc);
  return taskReadiness(doc, (t) => isSettled(t) || hierarchy.isDone(t) || closed.has(t));
}

/** The `ready` label, when the configuration has it on. */
export function readyLabel(labels: TasksyncConfig["labels"]): DesiredLabel | null {
  return labels.ready.enabled ? { name: labels.ready.name, color: labels.ready.color } : null;
}

/** An issue's labels without `ready` (a removed task's issue, closing); undefined when it has none. */
export function labelsWithoutReady(existing: readonly string[], labels: TasksyncConfig["labels"]): string[] | undefined {
  if (!labels.ready.enabled) return undefined;
  const name = labels.ready.name.toLowerCase();
  return existing.some((n) => n.toLowerCase() === name) ? existing.filter((n) => n.toLowerCase() !== name) : undefined;
}
