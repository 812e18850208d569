/**
 * What the planner finds that the renderers show (types only): the tasks a list's errors hold
 * back ({@link heldTasks}) and the field warnings ({@link planIssueFields}). Kept apart from the
 * planners so that the renderers, a step below, can name them.
 */
import type { Diagnostic } from "../../tasks/model.js";

export interface HeldTask {
  id: string;
  /** The lines it concerns: the task's own line, and the other line of a duplicate id. */
  lines: number[];
  /** The errors that hold it back. */
  errors: Diagnostic[];
}

export interface Held {
  /** An error names no task: the whole list is held back. */
  whole: boolean;
  /** Held tasks by id, in document order. */
  tasks: Map<string, HeldTask>;
}

export interface FieldWarning {
  /** The task line it concerns, when there is one. */
  line?: number;
  message: string;
}
