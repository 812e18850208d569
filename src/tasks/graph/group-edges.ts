/**
 * Reading group edges linearly: which groups each task waits in, and a task's blockers with its
 * groups' blockers added. A group is never expanded into its N × M pairs.
 */
import type { GroupEdge, Task, TaskDocument } from "../model.js";

/** The groups each blocked task belongs to (total size: the sum of the groups' blocked sides). */
export function groupsOfTasks(doc: Pick<TaskDocument, "groupEdges">): Map<string, GroupEdge[]> {
  const out = new Map<string, GroupEdge[]>();
  for (const group of doc.groupEdges ?? []) {
    for (const id of group.blocked) {
      const list = out.get(id);
      if (list) list.push(group);
      else out.set(id, [group]);
    }
  }
  return out;
}

/** Every task `task` waits for: its task-level blockers, then its groups' blockers, without repeats. */
export function allBlockersOf(task: Task, groups: ReadonlyMap<string, GroupEdge[]>): string[] {
  const mine = groups.get(task.id);
  if (!mine) return task.blockedBy;
  const out = new Set(task.blockedBy);
  for (const group of mine) for (const id of group.blockers) if (id !== task.id) out.add(id);
  return [...out];
}
