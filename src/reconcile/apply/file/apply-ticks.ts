/**
 * Applies checkbox changes to a task list's text, finding each task by id (so lines that moved
 * are still found) — or, when a regenerated list gave the task another id, by the text
 * its marker recorded — and changing exactly the one marker character. Pure.
 */
import { parseTaskList } from "../../../tasks/parse-tasks.js";
import { setCheckbox } from "../../../tasks/set-checkbox.js";
import type { Task } from "../../../tasks/model.js";
import { textHash } from "../../../identity/task-text.js";
import type { CheckboxChange } from "../../checkbox-change.js";

export type MissingReason = "not-in-list" | "no-checkbox";

export interface AppliedTicks {
  /** The new text (the same string when nothing changed). */
  text: string;
  /** Ids ticked / unticked by this change, in document order. */
  ticked: string[];
  unticked: string[];
  /** The changes that took effect, in document order. */
  changed: CheckboxChange[];
  /** Changes whose task cannot be found or has no checkbox. */
  missing: Array<CheckboxChange & { reason: MissingReason }>;
}

export function applyTicks(path: string, text: string, changes: readonly CheckboxChange[]): AppliedTicks {
  const doc = parseTaskList(path, text);
  const lineOf = new Map<string, number>();
  const withBox = new Set<string>();
  for (const task of doc.tasks) {
    if (lineOf.has(task.id)) continue; // setCheckbox writes the first task with an id
    lineOf.set(task.id, task.line);
    if (task.checkboxOffset >= 0) withBox.add(task.id);
  }
  const missing: AppliedTicks["missing"] = [];
  const found: CheckboxChange[] = [];
  for (const requested of changes) {
    const change = followText(doc.tasks, requested);
    if (!lineOf.has(change.taskId)) missing.push({ ...change, reason: "not-in-list" });
    else if (!withBox.has(change.taskId)) missing.push({ ...change, reason: "no-checkbox" });
    else found.push(change);
  }
  found.sort((a, b) => (lineOf.get(a.taskId) ?? 0) - (lineOf.get(b.taskId) ?? 0));
  let next = text;
  const changed: CheckboxChange[] = [];
  for (const change of found) {
    const after = setCheckbox(next, change.taskId, change.checked);
    if (after !== next) changed.push(change);
    next = after;
  }
  return {
    text: next,
    ticked: changed.filter((c) => c.checked).map((c) => c.taskId),
    unticked: changed.filter((c) => !c.checked).map((c) => c.taskId),
    changed,
    missing,
  };
}

/**
 * The change aimed at the task it means: when the task with its id has other text and exactly
 * one task has the text the marker recorded, that task (ids shifted since the sync).
 */
function followText(tasks: readonly Task[], change: CheckboxChange): CheckboxChange {
  if (change.text === undefined) return change;
  const byId = tasks.find((t) => t.id === change.taskId);
  if (byId && textHash(byId.description) === change.text) return change;
  const byText = tasks.filter((t) => textHash(t.description) === change.text);
  return byText.length === 1 && byText[0] ? { ...change, taskId: byText[0].id } : change;
}
