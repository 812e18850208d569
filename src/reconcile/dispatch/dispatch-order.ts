/**
 * The order agents take a list's tasks in (pure). spec-kit runs "sequential tasks in order, [P]
 * tasks together": a task without `[P]` waits while a task without `[P]` listed before it in the
 * same phase is open; a `[P]` task goes alongside anything. Lists of dialects without `[P]`
 * markers (Kiro, OpenSpec, xe) go one task at a time, in list order, unless a task is marked
 * parallel. A task with sub-tasks is their container, not a unit of work: it is neither handed
 * out nor waited on; neither is an optional (Kiro `*`) task waited on.
 */
import type { Task, TaskDocument } from "../../tasks/model.js";
import type { TaskReadiness } from "../../tasks/graph/readiness.js";

const PHASE_ORDERED: ReadonlySet<TaskDocument["dialect"]> = new Set(["spec-kit", "spec-kitty"]);

/** Ids of the tasks that hold sub-tasks. */
export function containerIds(doc: Pick<TaskDocument, "tasks">): Set<string> {
  const ids = new Set(doc.tasks.map((t) => t.id));
  return new Set(doc.tasks.flatMap((t) => (t.parentId !== null && ids.has(t.parentId) ? [t.parentId] : [])));
}

/**
 * For each task, the id of the earlier open task it waits for by order (undefined: none). `open`:
 * the readiness is not done (an issue closed before its tick counts as done).
 */
export function orderWaits(doc: TaskDocument, readiness: ReadonlyMap<string, TaskReadiness>): Map<string, string> {
  const containers = containerIds(doc);
  const perPhase = PHASE_ORDERED.has(doc.dialect);
  const waits = new Map<string, string>();
  const isOpen = (t: Task): boolean => readiness.get(t.id) !== "done";
  /** The first open sequential task seen so far, per scope (a phase, or the whole list). */
  const firstOpen = new Map<string, string>();
  for (const task of doc.tasks) {
    if (containers.has(task.id)) continue;
    const scope = perPhase ? String(task.phaseIndex) : "list";
    const before = firstOpen.get(scope);
    if (!task.parallel && before !== undefined) waits.set(task.id, before);
    if (!task.parallel && !task.optional && isOpen(task) && before === undefined) firstOpen.set(scope, task.id);
  }
  return waits;
}
