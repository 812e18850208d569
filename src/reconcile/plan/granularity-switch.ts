/**
 * Switching `issues.granularity` on a list already synced. task → phase: the task issues of tasks
 * still in the list are closed as not planned, marked as such, with a comment naming the phase
 * issue whose checklist now holds the task (whatever `issues.onRemoved` says: the task is not
 * removed, it moved). phase → task: the task issues come back — those closed by the switch are
 * matched again and reopened (or stay closed when the task is ticked), the others are created.
 * Pure.
 */
import type { TrackedIssue } from "../observe/tracked-issues.js";
import type { TaskDocument } from "../../tasks/model.js";
import type { TasksyncConfig } from "../../config/schema.js";
import type { Marker } from "../../identity/marker.js";
import { withMarker } from "../render/with-marker.js";
import type { Operation } from "../operations.js";

export interface SwitchInput {
  doc: TaskDocument | null;
  config: TasksyncConfig;
}

/** The operations (under `key`, the removed issue's own) that retire a task issue because its list is now synced one issue per phase; null when that is not why it is unclaimed. */
export function supersededByPhase(issue: TrackedIssue, input: SwitchInput, key: string): Operation[] | null {
  const m = issue.marker;
  if (m.kind !== "task" || input.config.issues.granularity !== "phase" || !input.doc?.tasks.some((t) => t.id === m.id))
    return null;
  const removed: Marker = { ...m, removed: true };
  return [
    {
      kind: "update-issue",
      key,
      number: issue.number,
      body: withMarker(issue.body, removed),
      state: "closed",
      stateReason: "not_planned",
      reason: "the list is synced as one issue per phase now",
    },
    {
      kind: "comment",
      key,
      body: `\`${m.path}\` is now synced as one issue per phase (\`issues.granularity: phase\`): task ${m.id} is a line in its phase issue's checklist, so this issue is closed as not planned. It reopens if the list goes back to one issue per task.`,
      reason: "say why it closed",
    },
  ];
}
