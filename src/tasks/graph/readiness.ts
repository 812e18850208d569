/**
 * The ready queue (pure): a task is ready when it is not settled (done or dropped) and every
 * task it waits for is settled — its own blockers, its groups' blockers, and every task of each
 * phase its phase waits for. The same rule the dependency gate applies, asked of every task.
 */
import { allBlockersOf, groupsOfTasks } from "./group-edges.js";
import type { Task, TaskDocument } from "../model.js";
import { subTasks } from "./sub-tasks.js";

/** Done, or dropped (not planned): nothing left for anyone to wait on. */
export function isSettled(task: Pick<Task, "checked" | "status">): boolean {
  return task.checked || task.status === "dropped";
}

export type TaskReadiness = "done" | "ready" | "blocked";

/**
 * Each task's readiness. `isDone` may widen "settled" (an issue closed before the file was
 * ticked); by default a task is settled when the file says so.
 */
export function taskReadiness(
  doc: Pick<TaskDocument, "tasks" | "phases" | "phaseEdges" | "groupEdges">,
  isDone: (task: Task) => boolean = isSettled,
): Map<string, TaskReadiness> {
  const byId = new Map(doc.tasks.map((t) => [t.id, t]));
  const settledId = (id: string): boolean => {
    const task = byId.get(id);
    return task === undefined || isDone(task); // an unknown id (a warning at parse time) blocks nothing
  };
  const phaseOpen = new Map<number, boolean>();
  const isPhaseOpen = (index: number): boolean => {
    let open = phaseOpen.get(index);
    if (open === undefined) {
      open = (doc.phases[index]?.taskIds ?? []).some((id) => !settledId(id));
      phaseOpen.set(index, open);
    }
    return open;
  };
  const blockerPhases = new Map<string, number[]>();
  for (const edge of doc.phaseEdges)
    blockerPhases.set(edge.from, [...(blockerPhases.get(edge.from) ?? []), Number(edge.to)]);
  const groups = groupsOfTasks(doc);
  const out = new Map<string, TaskReadiness>();
  for (const task of doc.tasks) {
    if (isDone(task)) {
      out.set(task.id, "done");
      continue;
    }
    const waitsOnTask = allBlockersOf(task, groups).some((id) => id !== task.id && !settledId(id));
    const waitsOnPhase =
      task.phaseIndex !== null &&
      (blockerPhases.get(String(task.phaseIndex)) ?? []).some((p) => p !== task.phaseIndex && isPhaseOpen(p));
    out.set(task.id, waitsOnTask || waitsOnPhase ? "blocked" : "ready");
  }
  return out;
}

/** Readiness from the file alone: ticked, dropped, or a parent whose required sub-tasks are done. */
export function fileReadiness(doc: TaskDocument): Map<string, TaskReadiness> {
  const hierarchy = subTasks(doc);
  return taskReadiness(doc, (t) => isSettled(t) || hierarchy.isDone(t));
}
