/**
 * What an issue event asks of its task's checkbox, and how a batch of them resolves into
 * checkbox changes under the repository's `writeBack.onNotPlanned` setting. Pure.
 */

/** What happened to a task's issue: closed as done, closed as not planned, or reopened. */
export type IssueChange = "completed" | "not_planned" | "reopened";

/** The `issues` event's action and state_reason → the change it stands for. */
export function issueChange(action: "closed" | "reopened", stateReason: string | null | undefined): IssueChange {
  if (action === "reopened") return "reopened";
  // A close without a reason comes from older API clients and means "completed"; "duplicate"
  // (newer API versions) is not done work, like "not_planned".
  return stateReason === "not_planned" || stateReason === "duplicate" ? "not_planned" : "completed";
}

export interface PendingTick {
  taskId: string;
  issueNumber: number;
  change: IssueChange;
  /** The task's text hash from the issue's marker: finds the task when a renumbering moved its id. */
  text?: string;
}

export interface CheckboxChange {
  taskId: string;
  issueNumber: number;
  text?: string;
  /** true: tick; false: untick. */
  checked: boolean;
}

export type OnNotPlanned = "keep" | "tick";

/** The checkbox change a pending tick asks for; null when the checkbox stays as it is. */
export function checkboxChangeOf(tick: PendingTick, onNotPlanned: OnNotPlanned): CheckboxChange | null {
  const { taskId, issueNumber } = tick;
  const text = tick.text === undefined ? {} : { text: tick.text };
  switch (tick.change) {
    case "completed":
      return { taskId, issueNumber, ...text, checked: true };
    case "reopened":
      return { taskId, issueNumber, ...text, checked: false };
    case "not_planned":
      return onNotPlanned === "tick" ? { taskId, issueNumber, ...text, checked: true } : null;
  }
}

export function checkboxChanges(ticks: Iterable<PendingTick>, onNotPlanned: OnNotPlanned): CheckboxChange[] {
  const changes: CheckboxChange[] = [];
  for (const tick of ticks) {
    const change = checkboxChangeOf(tick, onNotPlanned);
    if (change) changes.push(change);
  }
  return changes;
}
