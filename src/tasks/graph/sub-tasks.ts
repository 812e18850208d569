/**
 * Sub-tasks (Kiro "2.1" under "2.", a checkbox task nested in another): a task with sub-tasks is
 * the parent issue of their issues (feature → phase → task → sub-task, well inside GitHub's
 * eight levels). A parent is done when it is ticked, or when every required (non-optional,
 * not dropped) sub-task is done. Optional tasks carry the `optional` label.
 */
import type { Task, TaskDocument } from "../model.js";

export interface SubTasks {
  /** The parent task of a task, when the parent is in the document. */
  parentOf(task: Task): Task | undefined;
  /** Ticked, or all of its required sub-tasks are done (recursively). */
  isDone(task: Task): boolean;
}

export function subTasks(doc: TaskDocument): SubTasks {
  const byId = new Map(doc.tasks.map((t) => [t.id, t]));
  const children = new Map<string, Task[]>();
  for (const task of doc.tasks) {
    if (task.parentId === null || !byId.has(task.parentId)) continue;
    const list = children.get(task.parentId) ?? [];
    list.push(task);
    children.set(task.parentId, list);
  }
  const done = new Map<string, boolean>();
  const isDone = (task: Task): boolean => {
    const known = done.get(task.id);
    if (known !== undefined) return known;
    done.set(task.id, task.checked); // guards a malformed loop
    const required = (children.get(task.id) ?? []).filter((c) => !c.optional && c.status !== "dropped");
    const value = task.checked || (required.length > 0 && required.every(isDone));
    done.set(task.id, value);
    return value;
  };
  return {
    parentOf: (task) => (task.parentId === null ? undefined : byId.get(task.parentId)),
    isDone,
  };
}
