/** The body of a feature's tracking issue: a progress table per phase and a Mermaid graph of phases. */
import type { TaskDocument } from "../tasks/model.js";
import { renderMarker, type TrackingMarker } from "./marker.js";
import type { PhaseSlot } from "./phase-keys.js";
import { blobUrl, type RepoContext } from "./repo-context.js";

function bar(done: number, total: number): string {
  const filled = total === 0 ? 0 : Math.round((done / total) * 10);
  return `${"█".repeat(filled)}${"░".repeat(10 - filled)}`;
}

const escapeCell = (text: string): string => text.replace(/\|/g, "\\|");
const mermaidLabel = (text: string): string => text.replace(/["\n]/g, "'").slice(0, 60);

export function renderTrackingBody(ctx: RepoContext, doc: TaskDocument, slots: PhaseSlot[], marker: TrackingMarker): string {
  const checked = new Set(doc.tasks.filter((t) => t.checked).map((t) => t.id));
  const total = doc.tasks.length;
  const lines: string[] = [
    `Tracking issue for the task list [\`${doc.path}\`](${blobUrl(ctx, doc.path)}).`,
    "",
    `**Progress:** ${checked.size}/${total} tasks done`,
    "",
    "| Phase | Done | Progress |",
    "| --- | --- | --- |",
  ];
  for (const slot of slots) {
    const done = slot.taskIds.filter((id) => checked.has(id)).length;
    const part = slot.parts > 1 ? ` (part ${slot.part}/${slot.parts})` : "";
    lines.push(`| ${escapeCell(slot.phase.heading)}${part} | ${done}/${slot.taskIds.length} | ${bar(done, slot.taskIds.length)} |`);
  }
  const inSlots = new Set(slots.flatMap((s) => s.taskIds));
  const loose = doc.tasks.filter((t) => t.phaseIndex === null && !inSlots.has(t.id));
  if (loose.length > 0) {
    const done = loose.filter((t) => t.checked).length;
    lines.push(`| (no phase) | ${done}/${loose.length} | ${bar(done, loose.length)} |`);
  }
  const split = slots.filter((s) => s.part === 2);
  if (split.length > 0) {
    lines.push("", ...split.map((s) => `> Phase "${s.phase.heading}" has ${s.phase.taskIds.length} tasks, more than GitHub's 100 sub-issues per issue: it is split into ${s.parts} phase issues.`));
  }
  // Every phase, empty ones too: the phase-order edges run through them.
  if (doc.phases.some((p) => p.taskIds.length > 0)) {
    lines.push("", "```mermaid", "flowchart LR");
    for (const phase of doc.phases) {
      const done = phase.taskIds.length > 0 && phase.taskIds.every((id) => checked.has(id));
      lines.push(`  P${phase.index}["${mermaidLabel(phase.heading)}"]${done ? ":::done" : ""}`);
    }
    for (const edge of doc.phaseEdges) lines.push(`  P${edge.to} --> P${edge.from}`);
    lines.push("  classDef done fill:#d4f8d4,stroke:#2da44e", "```");
  }
  lines.push("", "<sub>Managed by tasksync. Comment `/tasksync sync` to sync this feature now.</sub>");
  lines.push(renderMarker(marker));
  return lines.join("\n");
}
