/**
 * The tracking issue's Mermaid chart (pure): every phase (empty ones too: the phase-order edges run
 * through them) coloured done / ready / blocked, and — for a list small enough to read in one
 * picture — its tasks inside their phases, coloured the same way, with their stated dependencies.
 */
import type { TaskDocument } from "../../tasks/model.js";
import { classLines, phaseState, STATE_CLASS_DEFS } from "../../tasks/graph/mermaid-states.js";
import type { TaskReadiness } from "../../tasks/graph/readiness.js";

/** Up to this many tasks the chart draws each task; above it, phases only. */
export const CHART_TASK_LIMIT = 40;
/** Task-to-task arrows drawn at most (the chart is for people, not a full graph). */
const CHART_EDGE_LIMIT = 60;
const LABEL_LENGTH = 40;

const label = (text: string, max: number): string => {
  const flat = text.replace(/`/g, "").replace(/[\r\n]+/g, " ");
  const chars = Array.from(flat); // never half of an emoji
  const cut = chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : flat;
  return cut.replace(/"/g, "#quot;").replace(/[<>]/g, (c) => (c === "<" ? "#lt;" : "#gt;"));
};

export function renderTrackingChart(doc: TaskDocument, readiness: ReadonlyMap<string, TaskReadiness>): string[] {
  if (!doc.phases.some((p) => p.taskIds.length > 0)) return [];
  const withTasks = doc.tasks.length <= CHART_TASK_LIMIT;
  const nodeOf = new Map(doc.tasks.map((t, i) => [t.id, `T${i}`]));
  const byId = new Map(doc.tasks.map((t) => [t.id, t]));
  const classes = new Map<string, TaskReadiness | null>();
  const lines = ["```mermaid", "flowchart LR"];
  const taskNode = (id: string, indent: string): void => {
    const task = byId.get(id);
    const node = nodeOf.get(id);
    if (!task || !node) return;
    const state = readiness.get(id) ?? "blocked";
    lines.push(
      `${indent}${node}["${state === "done" ? "✔ " : ""}${label(`${task.id} ${task.description}`, LABEL_LENGTH)}"]`,
    );
    classes.set(node, state);
  };
  for (const phase of doc.phases) {
    const node = `P${phase.index}`;
    classes.set(node, phaseState(phase, readiness));
    if (withTasks && phase.taskIds.length > 0) {
      lines.push(`  subgraph ${node}["${label(phase.heading, 60)}"]`);
      for (const id of phase.taskIds) taskNode(id, "    ");
      lines.push("  end");
    } else {
      lines.push(`  ${node}["${label(phase.heading, 60)}"]`);
    }
  }
  if (withTasks) for (const task of doc.tasks) if (task.phaseIndex === null) taskNode(task.id, "  ");
  for (const edge of doc.phaseEdges) lines.push(`  P${edge.to} --> P${edge.from}`);
  if (withTasks) {
    const arrows = doc.taskEdges
      .filter((e) => e.source === "explicit" && nodeOf.has(e.to) && nodeOf.has(e.from))
      .slice(0, CHART_EDGE_LIMIT);
    for (const edge of arrows) lines.push(`  ${nodeOf.get(edge.to)} --> ${nodeOf.get(edge.from)}`);
  }
  lines.push(...classLines(classes), ...STATE_CLASS_DEFS, "```");
  return lines;
}
