/**
 * xe's structural order: inside a step, tasks run one after another, except that a run of `[P]`
 * tasks runs as one batch; the task (or batch) after a batch waits for the whole batch. A step
 * whose own text says its tasks do not depend on each other keeps no in-step order.
 */
import type { DependencyEdge, Task } from "../model.js";

export function xeStructuralEdges(
  tasks: readonly Task[],
  independent: ReadonlySet<number> = new Set(),
): DependencyEdge[] {
  const edges: DependencyEdge[] = [];
  const byPhase = new Map<number | null, Task[]>();
  for (const task of tasks) {
    if (task.phaseIndex !== null && independent.has(task.phaseIndex)) continue;
    const group = byPhase.get(task.phaseIndex);
    if (group) group.push(task);
    else byPhase.set(task.phaseIndex, [task]);
  }
  for (const group of byPhase.values()) {
    let previousUnit: Task[] = [];
    let unit: Task[] = [];
    const closeUnit = (): void => {
      for (const task of unit) {
        for (const blocker of previousUnit)
          edges.push({ from: task.id, to: blocker.id, source: "structural", line: task.line });
      }
      previousUnit = unit;
      unit = [];
    };
    for (const task of group) {
      if (!(task.parallel && unit.length > 0 && (unit[0] as Task).parallel)) closeUnit();
      unit.push(task);
    }
    closeUnit();
  }
  return edges;
}
