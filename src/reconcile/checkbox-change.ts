/** A checkbox change the reconcile writes into a task list because the task's issue changed. */

export interface CheckboxChange {
  taskId: string;
  issueNumber: number;
  /** The task's text hash: finds the task when a renumbering moved its id. */
  text?: string;
  /** true: tick; false: untick. */
  checked: boolean;
}
