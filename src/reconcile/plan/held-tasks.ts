/**
 * Partial sync, pure: which tasks an error in a list holds back, and the base they keep.
 *
 * An error holds back only the tasks it concerns: a task whose id is used twice (both of its
 * lines), a task that names an unknown blocker, every task of a dependency cycle. Every other
 * task syncs as usual. A held task's existing issue is left exactly as it is (no create, close,
 * retitle, relabel or link), and links to or from it are neither made nor removed. An error that
 * names no task holds back the whole list (only its diagnostics are posted).
 *
 * The base rule (what keeps a close or a tick made while a task is held): the tracking record's
 * blob sha moves on with every reconcile, but a held task's base does not. The record keeps, per
 * held task, the checkbox both sides last agreed on (`held` in the tracking marker, taken from the
 * base when the task is first held and carried unchanged while it stays held; null when the task
 * never synced, so that it counts as new once released). Once the error is
 * fixed, that task is compared against this kept base, so an issue closed or reopened while it
 * was held ticks or unticks its line, and a line ticked or unticked while it was held closes or
 * reopens its issue — nothing is flipped back.
 */
import type { TrackedIssue } from "../observe/tracked-issues.js";
import type { Diagnostic, TaskDocument } from "../../tasks/model.js";
import type { Held, HeldTask } from "../model/findings.js";
import { baselineTask } from "../three-way/plan-issue-state.js";
import { textHash } from "../../identity/task-text.js";

export const NOTHING_HELD: Held = { whole: false, tasks: new Map() };

/** The tasks the list's errors hold back. */
export function heldTasks(doc: TaskDocument | null): Held {
  if (!doc) return NOTHING_HELD;
  const errors = doc.diagnostics.filter((d) => d.severity === "error");
  if (errors.length === 0) return NOTHING_HELD;
  const lineOf = new Map(doc.tasks.map((t) => [t.id, t.line]));
  const found = new Map<string, HeldTask>();
  let whole = false;
  for (const error of errors) {
    const ids = error.taskIds ?? (error.taskId === undefined ? [] : [error.taskId]);
    if (ids.length === 0) whole = true;
    for (const id of ids) {
      const line = lineOf.get(id);
      const entry = found.get(id) ?? { id, lines: line === undefined ? [] : [line], errors: [] };
      if (!entry.lines.includes(error.line) && error.code === "duplicate-id") entry.lines.push(error.line);
      entry.errors.push(error);
      found.set(id, entry);
    }
  }
  const order = new Map(doc.tasks.map((t, i) => [t.id, i]));
  const tasks = new Map([...found].sort(([a], [b]) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity)));
  for (const task of tasks.values()) task.lines.sort((a, b) => a - b);
  return { whole, tasks };
}

/** A held task's last agreed checkbox, by task id (the tracking marker's `held`); null: never agreed. */
export type HeldRecord = Record<string, boolean | null>;

/**
 * The base the planner compares against: the recorded list, with each task the record says was
 * held put back to the checkbox it had when it was first held.
 */
export function baseWithHeld(
  baseline: TaskDocument | null,
  doc: TaskDocument | null,
  record: HeldRecord | undefined,
): TaskDocument | null {
  if (baseline === null || record === undefined || Object.keys(record).length === 0) return baseline;
  const seen = new Set<string>();
  const tasks = baseline.tasks.flatMap((t) => {
    const kept = record[t.id];
    if (kept === undefined) return [t];
    seen.add(t.id);
    return kept === null ? [] : [{ ...t, checked: kept }];
  });
  // A held task the recorded list lacks (it cannot normally): its line now, with the kept checkbox.
  for (const task of doc?.tasks ?? []) {
    const kept = record[task.id];
    if (kept !== undefined && kept !== null && !seen.has(task.id)) tasks.push({ ...task, checked: kept });
  }
  return { ...baseline, tasks };
}

/**
 * The record to keep for the tasks held now: a task held before keeps its kept checkbox; a task
 * held for the first time keeps the one of the base (null when it is new since the base).
 */
export function heldRecord(
  held: Held,
  doc: TaskDocument | null,
  base: TaskDocument | null,
  previous: HeldRecord | undefined,
): HeldRecord | undefined {
  if (!doc || held.tasks.size === 0) return undefined;
  const record: HeldRecord = {};
  for (const id of held.tasks.keys()) {
    const before = previous?.[id];
    if (before !== undefined) {
      record[id] = before;
      continue;
    }
    const task = doc.tasks.find((t) => t.id === id);
    const agreed = task && base ? baselineTask(base, task, textHash(task.description)) : undefined;
    record[id] = agreed ? agreed.checked : null;
  }
  return record;
}

/**
 * Issues of tasks gone from the list that wait instead of closing as removed: while a duplicate
 * id stands, its ignored line may be one of those tasks renumbered; a held task's issue never closes.
 */
export function waitingRemovals(held: Held, unclaimed: readonly TrackedIssue[]): TrackedIssue[] {
  if (held.tasks.size === 0) return [];
  const duplicateIds = [...held.tasks.values()].some((t) => t.errors.some((e) => e.code === "duplicate-id"));
  return unclaimed.filter(
    (i) =>
      i.marker.kind === "task" &&
      !i.marker.removed &&
      i.state === "open" &&
      (duplicateIds || held.tasks.has(i.marker.id)),
  );
}
