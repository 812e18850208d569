/** A Mermaid flowchart of a task document: one subgraph per phase, phase edges, task edges. */
import type { TaskDocument } from "../model.js";

export interface MermaidOptions {
  /** Longest task label (description is cut with "…"); default 48. */
  labelLength?: number;
}

export function toMermaid(doc: TaskDocument, options: MermaidOptions = {}): string {
  const max = options.labelLength ?? 48;
  const out: string[] = ["flowchart TD"];
  const node = (id: string): string => `t_${id}`;
  const taskLine = (id: string, description: string, checked: boolean): string => {
    const text = description.length > max ? `${description.slice(0, max - 1)}…` : description;
    return `${node(id)}["${escapeLabel(`${checked ? "✔ " : ""}${id}${text ? ` ${text}` : ""}`)}"]`;
  };
  const byId = new Map(doc.tasks.map((t) => [t.id, t]));
  for (const phase of doc.phases) {
    // The heading as written: an xe "Step 10" stays a step, a "Tier 0" stays a tier.
    out.push(`  subgraph p_${phase.index}["${escapeLabel(phase.heading)}"]`);
    for (const id of phase.taskIds) {
      const task = byId.get(id);
      if (task) out.push(`    ${taskLine(task.id, task.description, task.checked)}`);
    }
    out.push("  end");
  }
  for (const task of doc.tasks) {
    if (task.phaseIndex === null) out.push(`  ${taskLine(task.id, task.description, task.checked)}`);
  }
  for (const edge of doc.phaseEdges) out.push(`  p_${edge.to} --> p_${edge.from}`);
  for (const edge of doc.taskEdges) {
    out.push(`  ${node(edge.to)} ${edge.source === "explicit" ? "-->" : "-.->"} ${node(edge.from)}`);
  }
  doc.groupEdges.forEach((group, i) => {
    // One node per group edge: N + M lines, never N × M.
    out.push(`  g_${i}(("${escapeLabel(`${span(group.blockers)} before ${span(group.blocked)}`)}"))`);
    for (const id of group.blockers) out.push(`  ${node(id)} --> g_${i}`);
    for (const id of group.blocked) out.push(`  g_${i} --> ${node(id)}`);
  });
  return `${out.join("\n")}\n`;
}

function span(ids: readonly string[]): string {
  return ids.length === 1 ? (ids[0] as string) : `${ids[0]}…${ids[ids.length - 1]} (${ids.length})`;
}

function escapeLabel(text: string): string {
  return text
    .replace(/"/g, "#quot;")
    .replace(/[\r\n]+/g, " ")
    .replace(/[<>]/g, (c) => (c === "<" ? "#lt;" : "#gt;"));
}
