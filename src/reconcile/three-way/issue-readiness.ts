/**
 * The ready queue as the planner sees it (pure): which tasks are ready, counting what the file
 * says and what the issues will say once this plan has run. An issue closed as completed counts
 * as done before its tick lands in the file (or when write-back is off), so a dependant gets the
 * `ready` label in the same reconcile its blocker's issue was closed in.
 */
import type { TrackedIssue } from "../observe/tracked-issues.js";
import type { Task, TaskDocument } from "../../tasks/model.js";
import type { DesiredIssue } from "../model/desired.js";
import { issueSaysDone, type OnNotPlanned } from "./issue-states.js";
import { taskStateChange } from "./plan-issue-state.js";
import { fileReadiness, isSettled, taskReadiness, type TaskReadiness } from "../../tasks/graph/readiness.js";
import { subTasks } from "../../tasks/graph/sub-tasks.js";

/** A task's issue once this plan has run: null (no issue, or open), or whether it says the task is done. */
function closedAfterPlan(
  d: DesiredIssue,
  issue: TrackedIssue | undefined,
  baseline: TaskDocument | null,
  onNotPlanned: OnNotPlanned,
): "done" | "closed" | null {
  if (!issue) return null;
  const change = taskStateChange(d, issue, baseline);
  const after = change ? { state: change.state, stateReason: change.stateReason } : issue;
  if (after.state === "open") return null;
  return issueSaysDone(after, onNotPlanned) === true ? "done" : "closed";
}

/**
 * Readiness counting the issues too; null when it is the file's alone (the common case: the
 * desired state already computed stands). An issue closed as completed settles its task for the
 * tasks that wait on it, as the gates count it; one closed as not planned (kept open in the file)
 * only takes its own task out of the queue. A task the list's errors hold back (no issue is
 * planned for it) is not offered either.
 */
export function issueAwareReadiness(
  doc: TaskDocument,
  desired: readonly DesiredIssue[],
  matched: ReadonlyMap<string, TrackedIssue>,
  baseline: TaskDocument | null,
  onNotPlanned: OnNotPlanned,
  heldIds: ReadonlySet<string> = new Set(),
): Map<string, TaskReadiness> | null {
  const done = new Set<Task>();
  const closed: Task[] = [];
  for (const d of desired) {
    if (d.kind !== "task" || !d.task || d.done) continue;
    const after = closedAfterPlan(d, matched.get(d.key), baseline, onNotPlanned);
    if (after === "done") done.add(d.task);
    if (after === "closed") closed.push(d.task);
  }
  if (done.size === 0 && closed.length === 0 && heldIds.size === 0) return null;
  const hierarchy = subTasks(doc);
  const readiness = taskReadiness(doc, (t) => isSettled(t) || hierarchy.isDone(t) || done.has(t));
  for (const task of closed) readiness.set(task.id, "done");
  for (const id of heldIds) if (readiness.get(id) === "ready") readiness.set(id, "blocked");
  const fromFile = fileReadiness(doc);
  // A resting close (not planned, already out of the queue) changes nothing: no second render.
  return [...readiness].every(([id, state]) => fromFile.get(id) === state) ? null : readiness;
}
