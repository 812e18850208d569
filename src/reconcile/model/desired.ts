/**
 * The desired state as data (types only): what GitHub should hold for one task list, made by
 * {@link desiredState} and read by the three-way merge, the planners and the renderers. Kept
 * apart from the code that computes it so that a step below the desired state can name it.
 */
import type { Phase, Task } from "../../tasks/model.js";

/** One phase issue: a phase, or one part of a phase that had to be split. */
export interface PhaseSlot {
  /** Key within the file: the phase number ("3.10"), else a slug of its title; "/2" etc. for parts. */
  key: string;
  phase: Phase;
  /** 1-based part number, and how many parts the phase has (1 when not split). */
  part: number;
  parts: number;
  taskIds: string[];
}

export interface DesiredLabel {
  name: string;
  color: string;
}

export interface DesiredIssue {
  key: string;
  kind: "task" | "phase" | "tracking";
  title: string;
  body: string;
  labels: string[];
  /** Key of the parent issue (tracking for phases, phase for tasks, the parent task for sub-tasks); null for the tracking issue. */
  parentKey: string | null;
  /** Keys of the issues that should be linked as blockers of this one. */
  blockedByKeys: string[];
  /** All of its work is done: a ticked task, a phase or feature whose tasks are all ticked. */
  done: boolean;
  /** For tasks: the task as parsed, and its text hash. */
  task?: Task;
  textHash?: string;
}

export interface DesiredState {
  issues: DesiredIssue[];
  labels: DesiredLabel[];
}
