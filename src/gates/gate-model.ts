/**
 * The gates' plain data: what a pull request works on, the task lists it concerns at base and
 * head, and what each gate found. No GitHub types here.
 */
import type { Task, TaskDocument } from "../tasks/model.js";

export const GATES_CHECK_NAME = "tasksync / gates";

/** One task list as the pull request sees it. */
export interface FeatureDocs {
  /** Repository-relative path of the task list. */
  path: string;
  /** The list on the base branch; null when it does not exist there. */
  base: TaskDocument | null;
  /** The list at the PR head; null when the PR deletes it. */
  head: TaskDocument | null;
  /** The PR's diff changes this list. */
  changed: boolean;
  /** Why the head version could not be parsed (head is null then). */
  headError?: string;
}

/** Why the PR counts as working on a task. */
export type WorkReason = "ticks" | "closes" | "title" | "branch";

export interface WorkedTask {
  path: string;
  id: string;
  reasons: WorkReason[];
}

/** A worked task in its list's head version, with that list; undefined when the head has no such task. */
export function workedTaskOf(
  features: readonly FeatureDocs[],
  work: Pick<WorkedTask, "path" | "id">,
): { doc: TaskDocument; task: Task } | undefined {
  const doc = features.find((f) => f.path === work.path)?.head;
  const task = doc?.tasks.find((t) => t.id === work.id);
  return doc && task ? { doc, task } : undefined;
}

/** A task id named in the PR's title or branch; `feature` when it was qualified ("001-x/T012"). */
export interface TaskRef {
  feature: string | null;
  id: string;
  source: "title" | "branch";
}

/** A blocker that is not done. */
export interface OpenBlocker {
  id: string;
  line: number;
}

export interface BlockingPhase {
  index: number;
  /** "Phase 2: Foundational (Blocking Prerequisites)". */
  label: string;
  /** Its tasks that are not done, in document order. */
  open: OpenBlocker[];
}

/** A task the PR works on whose blockers are not all done. */
export interface BlockedTask {
  path: string;
  taskId: string;
  line: number;
  /** Open task-level blockers. */
  tasks: OpenBlocker[];
  /** Blocker phases that still have open tasks. */
  phases: BlockingPhase[];
}

/** An error in a task list the PR changes, or a task it works on that an error holds back. */
export interface ListProblem {
  path: string;
  line: number;
  /** The diagnostic's code, "unparsable", or "held-task" for a worked task an error holds back. */
  code: string;
  message: string;
  /** The tasks the error holds back from the sync (see sync/held-tasks.ts). */
  held?: string[];
}

/** A completed task whose verification commands the PR body does not quote. */
export interface MissingEvidence {
  path: string;
  taskId: string;
  line: number;
  commands: string[];
}

export type GateResult =
  | { gate: "dependencies"; passed: boolean; blocked: BlockedTask[] }
  | { gate: "well-formed"; passed: boolean; problems: ListProblem[] }
  | { gate: "evidence"; passed: boolean; missing: MissingEvidence[] };

export type GateName = GateResult["gate"];
