/**
 * The file side of the two-way reconcile, pure: per task, a three-way comparison of the file now,
 * the issue now and the base (the list as the last reconcile left it, when file and issues
 * agreed). An issue that changed since the base while the file did not → the file follows: a
 * checkbox change. The file changed (whatever the issue did) → the file wins, and the issue
 * follows in the issue plan. With booleans, "both changed" can only mean both say the same.
 */
import type { TrackedIssue } from "../observe/tracked-issues.js";
import type { TaskDocument } from "../../tasks/model.js";
import type { CheckboxChange } from "../checkbox-change.js";
import type { DesiredIssue } from "../model/desired.js";
import { issueSaysDone, type OnNotPlanned } from "./issue-states.js";
import { baselineTask } from "./plan-issue-state.js";

export interface CheckboxPlanInput {
  desired: readonly DesiredIssue[];
  matched: ReadonlyMap<string, TrackedIssue>;
  /** The list as last reconciled; null when unknown (then the file wins: nothing to follow). */
  baseline: TaskDocument | null;
  onNotPlanned: OnNotPlanned;
}

export function planCheckboxes(input: CheckboxPlanInput): CheckboxChange[] {
  const { baseline } = input;
  if (baseline === null) return [];
  const changes: CheckboxChange[] = [];
  for (const d of input.desired) {
    const task = d.task;
    if (d.kind !== "task" || !task || task.checkboxOffset < 0 || d.textHash === undefined) continue;
    if (task.status === "dropped") continue; // a dropped task's line says so: its issue rests closed as not planned
    const issue = input.matched.get(d.key);
    if (!issue || issue.marker.kind !== "task" || issue.marker.removed) continue;
    const base = baselineTask(baseline, task, d.textHash);
    if (!base) continue; // a task new since the base: its issue follows the file
    const said = issueSaysDone(issue, input.onNotPlanned);
    if (said === null) continue; // resting: closed as not planned, kept as it is
    const fileChanged = task.checked !== base.checked;
    const issueChanged = said !== base.checked;
    if (issueChanged && !fileChanged)
      changes.push({ taskId: task.id, issueNumber: issue.number, text: d.textHash, checked: said });
  }
  return changes;
}
