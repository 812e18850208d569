/** The body of a phase issue: its purpose, checkpoint, progress, its tasks' checklist (one issue per phase) and marker. */
import type { TaskDocument } from "../../tasks/model.js";
import { renderMarker, type PhaseMarker } from "../../identity/marker.js";
import type { PhaseSlot } from "../model/desired.js";
import { blobUrl, type RepoContext } from "../../github/repo-context.js";

export function renderPhaseBody(
  ctx: RepoContext,
  doc: TaskDocument,
  slot: PhaseSlot,
  marker: PhaseMarker,
  blockerTitles: string[],
  checklist?: string,
): string {
  const checked = new Set(doc.tasks.filter((t) => t.checked).map((t) => t.id));
  const done = slot.taskIds.filter((id) => checked.has(id)).length;
  const lines: string[] = [
    `Phase **${slot.phase.heading}** of [${doc.feature.title}](${blobUrl(ctx, doc.path, slot.phase.line)}).`,
  ];
  if (slot.parts > 1) {
    lines.push(
      "",
      `> Part ${slot.part} of ${slot.parts}: this phase has ${slot.phase.taskIds.length} tasks, more than GitHub's 100 sub-issues per issue, so it is split.`,
    );
  }
  lines.push(
    "",
    `**Progress:** ${done}/${slot.taskIds.length} tasks done (${slot.taskIds[0]}–${slot.taskIds[slot.taskIds.length - 1]})`,
  );
  if (slot.phase.checkpoint) lines.push(`**Checkpoint:** ${slot.phase.checkpoint}`);
  if (blockerTitles.length > 0) lines.push(`**Waits for:** ${blockerTitles.join(", ")}`);
  if (checklist !== undefined) {
    lines.push("", "**Tasks** (tick a box to tick the task in the task list):", "", checklist);
    lines.push(
      "",
      "<sub>Managed by tasksync: the checklist follows the task list and the task list follows the checklist; text added outside it is replaced when the body is next written. Closes when every task of the phase is done.</sub>",
    );
  } else {
    lines.push("", "<sub>Managed by tasksync: closes when every task of the phase is done.</sub>");
  }
  lines.push(renderMarker(marker));
  return lines.join("\n");
}
