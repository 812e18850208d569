/**
 * The colours every Mermaid chart tasksync draws gives tasks and phases by state — done, ready,
 * blocked — so the tracking issue, the pull-request check and `tasksync graph` read alike. Pure.
 */
import type { Phase, TaskDocument } from "../model.js";
import type { TaskReadiness } from "./readiness.js";

export const STATE_CLASS_DEFS: readonly string[] = [
  "  classDef done fill:#d3f9d8,stroke:#2f9e44",
  "  classDef ready fill:#fff3bf,stroke:#f08c00",
  "  classDef blocked fill:#ffe3e3,stroke:#e03131",
];

/**
 * A phase's state: done when all of its tasks are, ready when one of them is, blocked otherwise;
 * null for a phase without tasks (it has no state of its own).
 */
export function phaseState(
  phase: Pick<Phase, "taskIds">,
  readiness: ReadonlyMap<string, TaskReadiness>,
): TaskReadiness | null {
  if (phase.taskIds.length === 0) return null;
  const states = phase.taskIds.map((id) => readiness.get(id) ?? "blocked");
  if (states.every((s) => s === "done")) return "done";
  return states.includes("ready") ? "ready" : "blocked";
}

/** `class A,B done` lines: one per state that has members (Mermaid styles subgraphs this way too). */
export function classLines(members: ReadonlyMap<string, TaskReadiness | null>): string[] {
  const byState = new Map<TaskReadiness, string[]>();
  for (const [node, state] of members) if (state !== null) byState.set(state, [...(byState.get(state) ?? []), node]);
  return (["done", "ready", "blocked"] as const).flatMap((s) =>
    byState.has(s) ? [`  class ${(byState.get(s) ?? []).join(",")} ${s}`] : [],
  );
}

/** The class lines and class definitions that colour a whole document's tasks and phases, for a chart drawn elsewhere. */
export function documentStateLines(
  doc: Pick<TaskDocument, "tasks" | "phases">,
  readiness: ReadonlyMap<string, TaskReadiness>,
  nodes: { task: (id: string) => string; phase: (index: number) => string },
): string[] {
  const members = new Map<string, TaskReadiness | null>();
  for (const phase of doc.phases) members.set(nodes.phase(phase.index), phaseState(phase, readiness));
  for (const task of doc.tasks) members.set(nodes.task(task.id), readiness.get(task.id) ?? "blocked");
  return [...classLines(members), ...STATE_CLASS_DEFS];
}
