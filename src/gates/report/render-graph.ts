/**
 * A Mermaid graph of where the PR's tasks sit (pure): the phases of the tasks it works on and
 * the phases they wait for, the worked tasks, their task-level blockers, and the phase order.
 * The PR's own tasks stand out; the others are coloured done / ready / blocked as everywhere.
 */
import { phaseState, STATE_CLASS_DEFS } from "../../tasks/graph/mermaid-states.js";
import { taskReadiness, type TaskReadiness } from "../../tasks/graph/readiness.js";
import type { Phase, TaskDocument } from "../../tasks/model.js";
import type { DoneTasks } from "../rules/done-tasks.js";
import { phaseLabel } from "../rules/gate-dependencies.js";
import type { WorkedTask } from "../gate-model.js";

/** Tasks shown inside one phase box before "… N more". */
export const GRAPH_TASKS_PER_PHASE = 12;
const LABEL_LENGTH = 40;

export function renderGraph(
  path: string,
  doc: TaskDocument,
  worked: readonly WorkedTask[],
  done: DoneTasks,
): string | null {
  const mine = new Set(worked.filter((w) => w.path === path).map((w) => w.id));
  if (mine.size === 0) return null;
  const byId = new Map(doc.tasks.map((t) => [t.id, t]));
  const shown = new Set<string>(mine);
  for (const id of mine) for (const blocker of byId.get(id)?.blockedBy ?? []) shown.add(blocker);

  const workedPhases = new Set<number>();
  for (const id of mine) {
    const index = byId.get(id)?.phaseIndex;
    if (index !== null && index !== undefined) workedPhases.add(index);
  }
  const phaseEdges = doc.phaseEdges.filter((e) => workedPhases.has(Number(e.from)));
  const phases = new Set<number>(workedPhases);
  for (const e of phaseEdges) phases.add(Number(e.to));
  for (const id of shown) {
    const index = byId.get(id)?.phaseIndex;
    if (index !== null && index !== undefined) phases.add(index);
  }

  const readiness = taskReadiness(doc, (t) => done.isDone(path, t.id));
  const node = (id: string): string => `t_${id}`;
  const rendered = new Set<string>();
  const taskNode = (id: string): string => {
    rendered.add(id);
    const task = byId.get(id);
    const text = task ? shorten(task.description) : "";
    const cls = mine.has(id) ? "work" : (readiness.get(id) ?? "blocked");
    return `${node(id)}["${escape(`${done.isDone(path, id) ? "✔ " : ""}${id}${text ? ` ${text}` : ""}`)}"]:::${cls}`;
  };
  const out = ["flowchart TD"];
  for (const phase of doc.phases.filter((p) => phases.has(p.index))) {
    out.push(`  subgraph p_${phase.index}["${escape(phaseLabel(phase))}"]`);
    out.push(
      ...phaseBody(phase, shown, path, done, readiness).map((line) =>
        line.startsWith("t:") ? `    ${taskNode(line.slice(2))}` : `    ${line}`,
      ),
    );
    out.push("  end");
  }
  for (const id of shown) if (byId.get(id)?.phaseIndex === null) out.push(`  ${taskNode(id)}`);
  for (const e of phaseEdges) out.push(`  p_${e.to} --> p_${e.from}`);
  for (const id of mine) {
    for (const blocker of byId.get(id)?.blockedBy ?? []) {
      if (rendered.has(id) && rendered.has(blocker)) out.push(`  ${node(blocker)} --> ${node(id)}`);
    }
  }
  out.push("  classDef work fill:#d0ebff,stroke:#1c7ed6", ...STATE_CLASS_DEFS);
  return out.join("\n");
}

/** Lines for a phase box: "t:<id>" for a task node, or a raw Mermaid line. */
function phaseBody(
  phase: Phase,
  shown: ReadonlySet<string>,
  path: string,
  done: DoneTasks,
  readiness: ReadonlyMap<string, TaskReadiness>,
): string[] {
  const inPhase = phase.taskIds.filter((id) => shown.has(id));
  const count = phase.taskIds.filter((id) => done.isDone(path, id)).length;
  const lines: string[] = [];
  if (inPhase.length === 0) {
    const cls = phaseState(phase, readiness) ?? "done";
    lines.push(`s_${phase.index}["${count}/${phase.taskIds.length} tasks done"]:::${cls}`);
    return lines;
  }
  for (const id of inPhase.slice(0, GRAPH_TASKS_PER_PHASE)) lines.push(`t:${id}`);
  if (inPhase.length > GRAPH_TASKS_PER_PHASE)
    lines.push(`m_${phase.index}["… ${inPhase.length - GRAPH_TASKS_PER_PHASE} more"]`);
  return lines;
}

function shorten(text: string): string {
  const plain = text.replace(/`/g, "");
  return plain.length > LABEL_LENGTH ? `${plain.slice(0, LABEL_LENGTH - 1)}…` : plain;
}

function escape(text: string): string {
  return text
    .replace(/"/g, "#quot;")
    .replace(/[\r\n]+/g, " ")
    .replace(/[<>]/g, (c) => (c === "<" ? "#lt;" : "#gt;"));
}
