/**
 * The body of a feature's tracking issue: a progress table per phase, what is ready now, and a
 * Mermaid chart of phases (and tasks, for a short list) coloured done / ready / blocked.
 */
import type { TasksyncConfig } from "../../config/schema.js";
import type { TaskDocument } from "../../tasks/model.js";
import type { TaskReadiness } from "../../tasks/graph/readiness.js";
import { renderReadyList } from "./render-ready-list.js";
import { renderTrackingChart } from "./render-tracking-chart.js";
import { renderMarker, type TrackingMarker } from "../../identity/marker.js";
import type { PhaseSlot } from "../model/desired.js";
import { blobUrl, type RepoContext } from "../../github/repo-context.js";

function bar(done: number, total: number): string {
  const filled = total === 0 ? 0 : Math.round((done / total) * 10);
  return `${"█".repeat(filled)}${"░".repeat(10 - filled)}`;
}

const escapeCell = (text: string): string => text.replace(/\|/g, "\\|");

/** What the ready queue shows: each task's readiness, and the label names (for the link to all ready tasks). */
export interface ReadyState {
  readiness: ReadonlyMap<string, TaskReadiness>;
  labels: TasksyncConfig["labels"];
  /** The feature's label (for the search of its ready tasks). */
  featureLabel: string;
  /** Whether tasks have issues of their own to link (not with `issues.granularity: phase`); default true. */
  taskIssues?: boolean;
}

export function renderTrackingBody(
  ctx: RepoContext,
  doc: TaskDocument,
  slots: PhaseSlot[],
  marker: TrackingMarker,
  state: ReadyState,
): string {
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
    lines.push(
      `| ${escapeCell(slot.phase.heading)}${part} | ${done}/${slot.taskIds.length} | ${bar(done, slot.taskIds.length)} |`,
    );
  }
  const inSlots = new Set(slots.flatMap((s) => s.taskIds));
  const loose = doc.tasks.filter((t) => t.phaseIndex === null && !inSlots.has(t.id));
  if (loose.length > 0) {
    const done = loose.filter((t) => t.checked).length;
    lines.push(`| (no phase) | ${done}/${loose.length} | ${bar(done, loose.length)} |`);
  }
  const split = slots.filter((s) => s.part === 2);
  if (split.length > 0) {
    lines.push(
      "",
      ...split.map(
        (s) =>
          `> Phase "${s.phase.heading}" has ${s.phase.taskIds.length} tasks, more than GitHub's 100 sub-issues per issue: it is split into ${s.parts} phase issues.`,
      ),
    );
  }
  const ready = renderReadyList(ctx, doc, state.readiness, state.labels, state.featureLabel, state.taskIssues ?? true);
  if (ready.length > 0) lines.push("", ...ready);
  const chart = renderTrackingChart(doc, state.readiness);
  if (chart.length > 0) lines.push("", ...chart);
  lines.push("", "<sub>Managed by tasksync. Comment `/tasksync sync` to sync this feature now.</sub>");
  lines.push(renderMarker(marker));
  return lines.join("\n");
}

const SYNC_IN_PROGRESS = /^\*\*Sync in progress:\*\* .*\n\n/;

/** The tracking body with a "sync in progress: 340/1,000 tasks" line on top (or without it, for null). */
export function withSyncProgress(body: string, progress: { done: number; total: number } | null): string {
  const bare = body.replace(SYNC_IN_PROGRESS, "");
  if (progress === null) return bare;
  const n = (x: number): string => x.toLocaleString("en-US");
  return `**Sync in progress:** ${n(progress.done)}/${n(progress.total)} tasks\n\n${bare}`;
}
