/**
 * Cycle diagnostics over task edges and group edges. A group edge enters the graph as one extra
 * node (blocked → group → blockers), so a range-to-range statement costs N + M, not N × M.
 */
import { findCycles } from "./cycles.js";
import type { DependencyEdge, Diagnostic, GroupEdge, Task } from "../model.js";

export function cycleDiagnostics(
  tasks: readonly Task[],
  edges: readonly DependencyEdge[],
  groups: readonly GroupEdge[] = [],
): Diagnostic[] {
  const graph = new Map<string, string[]>();
  const link = (from: string, to: string): void => {
    const list = graph.get(from);
    if (list) list.push(to);
    else graph.set(from, [to]);
  };
  for (const edge of edges) link(edge.from, edge.to);
  const nodes = tasks.map((t) => t.id);
  groups.forEach((group, i) => {
    const node = `\0group${i}`;
    nodes.push(node);
    for (const id of group.blocked) link(id, node);
    for (const id of group.blockers) link(node, id);
  });
  const lineOf = new Map(tasks.map((t) => [t.id, t.line]));
  return findCycles(nodes, graph).flatMap((cycle) => {
    const members = cycle.filter((id) => !id.startsWith("\0"));
    const first = members[0];
    if (first === undefined) return [];
    const shown = cycle.map((id) => (id.startsWith("\0") ? "(group)" : id));
    return [
      {
        severity: "error",
        code: "dependency-cycle",
        line: lineOf.get(first) ?? 1,
        taskId: first,
        taskIds: members,
        message: `dependency cycle: ${[...shown, shown[0]].join(" → ")} (each waits for the next)`,
      } satisfies Diagnostic,
    ];
  });
}
