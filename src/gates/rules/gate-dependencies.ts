/**
 * Gate 1, dependencies (pure): every blocker of each task the PR works on is done — task-level
 * blockers, and every task of each phase its phase waits for (spec-kit's "Foundational blocks
 * all user stories", xe's step order).
 */
import { allBlockersOf, groupsOfTasks } from "../../tasks/graph/group-edges.js";
import type { Phase, TaskDocument } from "../../tasks/model.js";
import type { DoneTasks } from "./done-tasks.js";
import {
  workedTaskOf,
  type BlockedTask,
  type BlockingPhase,
  type FeatureDocs,
  type GateResult,
  type OpenBlocker,
  type WorkedTask,
} from "../gate-model.js";

export function phaseLabel(phase: Phase): string {
  return phase.heading.trim() === "" ? phase.title : phase.heading;
}

export function dependencyGate(
  features: readonly FeatureDocs[],
  worked: readonly WorkedTask[],
  done: DoneTasks,
): Extract<GateResult, { gate: "dependencies" }> {
  const blocked: BlockedTask[] = [];
  for (const work of worked) {
    const found = workedTaskOf(features, work);
    if (!found) continue;
    const { doc, task } = found;
    const openOf = (ids: readonly string[]): OpenBlocker[] =>
      ids.filter((id) => !done.isDone(work.path, id)).map((id) => ({ id, line: lineOf(doc, id) }));
    const tasks = openOf(allBlockersOf(task, groupsOfTasks(doc)));
    const phases: BlockingPhase[] = [];
    if (task.phaseIndex !== null) {
      for (const edge of doc.phaseEdges) {
        if (edge.from !== String(task.phaseIndex)) continue;
        const phase = doc.phases[Number(edge.to)];
        if (!phase) continue;
        const open = openOf(phase.taskIds);
        if (open.length > 0) phases.push({ index: phase.index, label: phaseLabel(phase), open });
      }
    }
    if (tasks.length > 0 || phases.length > 0)
      blocked.push({ path: work.path, taskId: task.id, line: task.line, tasks, phases });
  }
  return { gate: "dependencies", passed: blocked.length === 0, blocked };
}

function lineOf(doc: TaskDocument, id: string): number {
  return doc.tasks.find((t) => t.id === id)?.line ?? 1;
}
