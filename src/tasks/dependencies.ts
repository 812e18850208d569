/**
 * Dependencies: explicit statements resolved to task edges, xe's structural task edges
 * (sequential order and parallel batches inside a step), structural phase edges, and the
 * diagnostics for unknown ids and cycles. Fills each task's `blockedBy`.
 *
 * Unknown ids: an error when the statement is in a task's own text (its line or details), a
 * warning when it is in prose (a Dependencies section, notes...).
 */
import { findCycles } from "./cycles.js";
import type { DependencyStatement } from "./dependency-statements.js";
import type { DependencyEdge, Diagnostic, Dialect, Phase, Task } from "./model.js";
import { structuralPhaseEdges } from "./phases.js";
import { IdIndex, type IdReference } from "./task-ids.js";

export interface DependencyInput {
  dialect: Dialect;
  tasks: Task[];
  phases: Phase[];
  statements: DependencyStatement[];
}

export interface ResolvedDependencies {
  taskEdges: DependencyEdge[];
  phaseEdges: DependencyEdge[];
  diagnostics: Diagnostic[];
}

interface ResolvedId {
  id: string;
  fromRange: boolean;
}

export function resolveDependencies(input: DependencyInput): ResolvedDependencies {
  const { tasks, statements } = input;
  const ids = new IdIndex(tasks.map((t) => t.id));
  const diagnostics: Diagnostic[] = [];
  const edges = new Map<string, DependencyEdge>();
  const reported = new Set<string>();

  const unknown = (id: string, statement: DependencyStatement): void => {
    const key = `${statement.line}\0${id}`;
    if (reported.has(key)) return;
    reported.add(key);
    const inTask = statement.owner !== null;
    diagnostics.push({
      severity: inTask ? "error" : "warning",
      code: "unknown-dependency",
      line: statement.line,
      message: inTask
        ? `${statement.owner} has a dependency on unknown task ${id}`
        : `dependency statement names unknown task ${id}`,
      ...(inTask ? { taskId: statement.owner as string } : {}),
    });
  };
  const resolve = (refs: IdReference[], statement: DependencyStatement): ResolvedId[] => {
    const out: ResolvedId[] = [];
    for (const ref of refs) {
      if (ref.kind === "id") {
        if (ids.has(ref.id)) out.push({ id: ref.id, fromRange: false });
        else unknown(ref.id, statement);
        continue;
      }
      if (!ids.has(ref.from)) unknown(ref.from, statement);
      if (!ids.has(ref.to)) unknown(ref.to, statement);
      for (const id of ids.expand(ref.from, ref.to)) out.push({ id, fromRange: true });
    }
    return out;
  };
  const add = (from: string, to: string, source: DependencyEdge["source"], line: number): void => {
    const key = `${from}\0${to}`;
    if (!edges.has(key)) edges.set(key, { from, to, source, line });
  };

  for (const statement of statements) {
    if (statement.kind === "sequence") {
      const chain = resolve(statement.ids, statement);
      for (let i = 1; i < chain.length; i++) {
        const previous = chain[i - 1] as ResolvedId;
        const current = chain[i] as ResolvedId;
        if (previous.id !== current.id) add(current.id, previous.id, "explicit", statement.line);
      }
      continue;
    }
    const blocked = resolve(statement.blocked, statement);
    const blockers = resolve(statement.blockers, statement);
    for (const b of blocked) {
      for (const k of blockers) {
        if (b.id !== k.id) add(b.id, k.id, "explicit", statement.line);
        else if (!b.fromRange && !k.fromRange) {
          diagnostics.push({
            severity: "error",
            code: "dependency-cycle",
            line: statement.line,
            taskId: b.id,
            message: `dependency cycle: ${b.id} depends on itself`,
          });
        }
      }
    }
  }

  if (input.dialect === "xe") for (const e of xeStructuralEdges(tasks)) add(e.from, e.to, "structural", e.line);

  const taskEdges = [...edges.values()];
  applyBlockedBy(tasks, taskEdges);
  diagnostics.push(...cycleDiagnostics(tasks, taskEdges));
  return { taskEdges, phaseEdges: structuralPhaseEdges(input.phases), diagnostics };
}

/**
 * xe: inside a step, tasks run one after another, except that a run of `[P]` tasks runs as one
 * batch; the task (or batch) after a batch waits for the whole batch.
 */
export function xeStructuralEdges(tasks: readonly Task[]): DependencyEdge[] {
  const edges: DependencyEdge[] = [];
  const byPhase = new Map<number | null, Task[]>();
  for (const task of tasks) {
    const group = byPhase.get(task.phaseIndex);
    if (group) group.push(task);
    else byPhase.set(task.phaseIndex, [task]);
  }
  for (const group of byPhase.values()) {
    let previousUnit: Task[] = [];
    let unit: Task[] = [];
    const closeUnit = (): void => {
      for (const task of unit) {
        for (const blocker of previousUnit) edges.push({ from: task.id, to: blocker.id, source: "structural", line: task.line });
      }
      previousUnit = unit;
      unit = [];
    };
    for (const task of group) {
      if (!(task.parallel && unit.length > 0 && (unit[0] as Task).parallel)) closeUnit();
      unit.push(task);
    }
    closeUnit();
  }
  return edges;
}

function applyBlockedBy(tasks: Task[], edges: readonly DependencyEdge[]): void {
  const position = new Map(tasks.map((t, i) => [t.id, i]));
  const byTask = new Map<string, Set<string>>();
  for (const edge of edges) {
    const set = byTask.get(edge.from) ?? new Set<string>();
    set.add(edge.to);
    byTask.set(edge.from, set);
  }
  for (const task of tasks) {
    const blockers = byTask.get(task.id);
    task.blockedBy = blockers ? [...blockers].sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0)) : [];
  }
}

function cycleDiagnostics(tasks: readonly Task[], edges: readonly DependencyEdge[]): Diagnostic[] {
  const graph = new Map<string, string[]>();
  for (const edge of edges) {
    const list = graph.get(edge.from);
    if (list) list.push(edge.to);
    else graph.set(edge.from, [edge.to]);
  }
  const lineOf = new Map(tasks.map((t) => [t.id, t.line]));
  return findCycles(
    tasks.map((t) => t.id),
    graph,
  ).map((cycle) => {
    const first = cycle[0] as string;
    return {
      severity: "error",
      code: "dependency-cycle",
      line: lineOf.get(first) ?? 1,
      taskId: first,
      message: `dependency cycle: ${[...cycle, first].join(" → ")} (each waits for the next)`,
    } satisfies Diagnostic;
  });
}
