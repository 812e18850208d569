/**
 * When an issue opens or closes. Only checkboxes that changed since the last reconcile drive a
 * task's state, so an unchanged `[ ]` never reopens an issue someone just closed. Pure.
 */
import type { TrackedIssue } from "../observe/tracked-issues.js";
import type { Task, TaskDocument } from "../../tasks/model.js";
import type { DesiredIssue } from "../model/desired.js";
import type { IssueState, StateReason } from "../operations.js";
import { textHash } from "../../identity/task-text.js";

export interface StateChange {
  state: IssueState;
  stateReason: StateReason;
  why: string;
}

interface BaselineIndex {
  byText: Map<string, Task>;
  byId: Map<string, Task>;
}

const indexes = new WeakMap<TaskDocument, BaselineIndex>();

function indexOf(baseline: TaskDocument): BaselineIndex {
  let index = indexes.get(baseline);
  if (!index) {
    index = { byText: new Map(), byId: new Map() };
    for (const t of baseline.tasks) {
      const hash = textHash(t.description);
      if (!index.byText.has(hash)) index.byText.set(hash, t);
      index.byId.set(t.id, t);
    }
    indexes.set(baseline, index);
  }
  return index;
}

/** The same task in the baseline document: by text first (ids may have shifted), then by id. */
export function baselineTask(baseline: TaskDocument, task: Task, hash: string): Task | undefined {
  const index = indexOf(baseline);
  return index.byText.get(hash) ?? index.byId.get(task.id);
}

/**
 * "ticked" / "unticked" when this change flipped the checkbox; null when it did not.
 * With no baseline (first sync, or resuming one), a ticked box counts as ticked.
 */
export function checkboxChange(d: DesiredIssue, baseline: TaskDocument | null): "ticked" | "unticked" | null {
  const task = d.task;
  if (!task || task.checkboxOffset < 0 || d.textHash === undefined) return null;
  if (baseline === null) return task.checked ? "ticked" : null;
  const before = baselineTask(baseline, task, d.textHash);
  if (!before) return task.checked ? "ticked" : null;
  if (before.checked === task.checked) return null;
  return task.checked ? "ticked" : "unticked";
}

export function taskStateChange(
  d: DesiredIssue,
  issue: TrackedIssue | undefined,
  baseline: TaskDocument | null,
): StateChange | null {
  const state = issue?.state ?? "open";
  if (issue?.marker.kind === "task" && issue.marker.removed) {
    if (d.done && state === "open")
      return { state: "closed", stateReason: "completed", why: "the task came back ticked" };
    if (!d.done && state === "closed")
      return { state: "open", stateReason: "reopened", why: "the task is back in the list" };
    return null;
  }
  if (d.task?.status === "dropped") {
    // Not planned: closed when the list drops it; a person reopening it afterwards is left alone.
    const before = baseline && d.textHash !== undefined ? baselineTask(baseline, d.task, d.textHash) : undefined;
    if (state === "open" && before?.status !== "dropped")
      return { state: "closed", stateReason: "not_planned", why: "the task was dropped" };
    return null;
  }
  // A parent task is done with its last required sub-task, its own box not yet ticked: its
  // issue closes (the two-way reconcile then ticks its line).
  if (d.done && d.task && !d.task.checked && state === "open")
    return { state: "closed", stateReason: "completed", why: "its last required sub-task is done" };
  const change = checkboxChange(d, baseline);
  if (change === "ticked" && state === "open")
    return { state: "closed", stateReason: "completed", why: "the task was ticked" };
  if (change === "unticked" && state === "closed")
    return { state: "open", stateReason: "reopened", why: "the task was unticked" };
  return null;
}

/** Phase and tracking issues follow their tasks: closed when all are done, reopened when one is undone. */
export function rollupStateChange(d: DesiredIssue, issue: TrackedIssue | undefined): StateChange | null {
  const state = issue?.state ?? "open";
  if (d.done && state === "open") return { state: "closed", stateReason: "completed", why: "all its tasks are done" };
  if (!d.done && state === "closed") return { state: "open", stateReason: "reopened", why: "a task of it is not done" };
  return null;
}
