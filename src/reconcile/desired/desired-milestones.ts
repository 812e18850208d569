/**
 * The milestones a task list asks for (`milestones: phase | story`): one per phase, titled with
 * the phase's heading, or one per user story, titled with its first phase's title. Pure.
 */
import type { TaskDocument } from "../../tasks/model.js";
import { milestoneKey, renderMilestoneMarker } from "../../identity/milestone-marker.js";
import { phaseBaseKeys } from "./phase-slots.js";

export type MilestoneMode = "none" | "phase" | "story";

export interface DesiredMilestone {
  /** Identity in the repository (see milestoneKey). */
  key: string;
  /** The title it should have when no other milestone holds it. */
  title: string;
  description: string;
  /** Ids of the tasks whose issues belong in it. */
  taskIds: string[];
}

function describe(path: string, part: string, what: string): string {
  return `${what} of \`${path}\`, kept by tasksync.\n\n${renderMilestoneMarker({ path, key: part })}`;
}

export function desiredMilestones(doc: TaskDocument, mode: MilestoneMode): DesiredMilestone[] {
  if (mode === "none") return [];
  if (mode === "phase") {
    const keys = phaseBaseKeys(doc);
    return doc.phases.flatMap((phase, index) => {
      if (phase.taskIds.length === 0) return [];
      const part = `phase:${keys[index] ?? String(index)}`;
      return [
        {
          key: milestoneKey(doc.path, part),
          title: phase.heading.trim(),
          description: describe(doc.path, part, "The tasks of this phase"),
          taskIds: [...phase.taskIds],
        },
      ];
    });
  }
  const stories = new Map<string, DesiredMilestone>();
  for (const task of doc.tasks) {
    if (task.story === null) continue;
    let milestone = stories.get(task.story);
    if (!milestone) {
      const phase = doc.phases.find((p) => p.story === task.story);
      const part = `story:${task.story}`;
      const title = phase ? `${task.story}: ${phase.title.trim()}` : task.story;
      milestone = {
        key: milestoneKey(doc.path, part),
        title,
        description: describe(doc.path, part, `User story ${task.story}`),
        taskIds: [],
      };
      stories.set(task.story, milestone);
    }
    milestone.taskIds.push(task.id);
  }
  return [...stories.values()];
}
