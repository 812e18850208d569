/** The body of a task's issue: what the task says, where it lives, what blocks it, and the marker. */
import type { Phase, Task, TaskDocument } from "../../tasks/model.js";
import { renderMarker, type TaskMarker } from "../../identity/marker.js";
import { blobUrl, type RepoContext } from "../../github/repo-context.js";

export interface TaskBodyInput {
  ctx: RepoContext;
  doc: TaskDocument;
  task: Task;
  phase: Phase | undefined;
  marker: TaskMarker;
  /** Ids of the blockers linked on GitHub (task level). */
  linkedBlockers: string[];
  /** Set when the task has more blockers than GitHub allows: its links moved to phase level. */
  phaseLevelFallback: boolean;
}

const STATUS_WORDS: Record<string, string> = {
  "in-progress": "in progress",
  skipped: "skipped",
  dropped: "dropped (not planned)",
  other: "marked",
};

export function renderTaskBody(input: TaskBodyInput): string {
  const { ctx, doc, task, phase, marker } = input;
  const lines: string[] = [task.description];
  if (task.details.length > 0)
    lines.push("", ...task.details.map((d) => (/^\s*([-*+]|\d+\.)\s/.test(d) ? d : `> ${d}`)));
  lines.push("");
  if (task.files.length > 0) {
    lines.push(
      `**Files:** ${task.files.map((f) => `[\`${f}\`](${blobUrl(ctx, f.replace(/^\.?\//, ""))})`).join(", ")}`,
    );
  }
  const facts: string[] = [];
  if (phase) facts.push(`**Phase:** ${phase.heading}`);
  if (task.story) facts.push(`**Story:** ${task.story}`);
  if (task.parallel) facts.push("**Parallel:** yes");
  if (task.status in STATUS_WORDS) facts.push(`**Status:** ${STATUS_WORDS[task.status]} (\`[${task.marker}]\`)`);
  if (facts.length > 0) lines.push(facts.join(" · "));
  const requirements = task.requirements ?? [];
  if (requirements.length > 0) {
    // Kiro: "1.2" is acceptance criterion 2 of "### Requirement 1" in the requirements.md beside the list.
    const file = `${doc.path.replace(/[^/]*$/, "")}requirements.md`;
    const link = (id: string): string => `[${id}](${blobUrl(ctx, file)}#requirement-${id.split(".")[0] ?? id})`;
    lines.push(`**Requirements:** ${requirements.map(link).join(", ")}`);
  }
  const blockers = task.blockedBy;
  if (blockers.length > 0) {
    lines.push(`**Blocked by:** ${blockers.join(", ")}`);
    if (input.phaseLevelFallback) {
      lines.push(
        `> This task has more blockers than GitHub links per issue (50), so they are not all linked to it: its phase issue is linked to the phases of blockers in other phases, and the full list is above.`,
      );
    }
  }
  lines.push(`**Source:** [${doc.path} line ${task.line}](${blobUrl(ctx, doc.path, task.line)})`);
  lines.push("", "<sub>Managed by tasksync: edit the task list, or close this issue to tick the task.</sub>");
  lines.push(renderMarker(marker));
  return lines.join("\n");
}
